package io.ignis.scrape.textparse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PromParserContractTest extends ParserContractTest {
    @Override
    byte[] body() {
        // The text format has no exemplars; the OpenMetrics-style comment is only a comment here.
        return ("# HELP requests_total Requests.\n# TYPE requests_total counter\nrequests_total 3\n"
                + "# TYPE temperature gauge\ntemperature{room=\"a\"} 20\ntemperature{room=\"b\"} 21\n"
                + "# TYPE latency summary\nlatency{quantile=\"0.5\"} 1\nlatency_sum 2\nlatency_count 3\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    Parser parser(byte[] b, int from, int length) {
        return new PromParser(b, from, length);
    }

    @Test
    @Override
    void exemplarsFillTheHolderOnceThenDecline() {
        byte[] b = body();
        Parser p = parser(b, 0, b.length);
        ParsedExemplar ex = new ParsedExemplar();
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            assertThat(p.exemplar(ex)).isFalse();
        }
    }
}
