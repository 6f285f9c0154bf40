package io.ignis.scrape.textparse;

class ProtobufParserContractTest extends ParserContractTest {
    @Override
    byte[] body() {
        return ProtoInputs.fromTextFormat("""
                name: "requests_total" help: "Requests." type: COUNTER
                metric: < counter: < value: 3 exemplar: < label: < name: "trace_id" value: "abc" > value: 0.5 > > >
                ---
                name: "temperature" help: "Degrees." type: GAUGE
                metric: < label: < name: "room" value: "a" > gauge: < value: 20 > >
                metric: < label: < name: "room" value: "b" > gauge: < value: 21 > >
                ---
                name: "latency" help: "Seconds." type: SUMMARY
                metric: < summary: < sample_count: 3 sample_sum: 2 quantile: < quantile: 0.5 value: 1 > > >
                """);
    }

    @Override
    Parser parser(byte[] b, int from, int length) {
        return new ProtobufParser(b, from, length, false, false);
    }
}
