package io.ignis.scrape.textparse;

import java.nio.charset.StandardCharsets;

class OpenMetricsParserContractTest extends ParserContractTest {
    @Override
    byte[] body() {
        return ("# HELP requests Requests.\n# TYPE requests counter\nrequests_total 3 # {trace_id=\"abc\"} 0.5 1.5\n"
                + "# TYPE temperature gauge\ntemperature{room=\"a\"} 20\ntemperature{room=\"b\"} 21\n"
                + "# TYPE latency summary\nlatency{quantile=\"0.5\"} 1\nlatency_sum 2\nlatency_count 3\n# EOF\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    Parser parser(byte[] b, int from, int length) {
        return new OpenMetricsParser(b, from, length, false);
    }
}
