package io.ignis.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.ScrapeProtocols;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Accept header and timeout header values, as Prometheus's scrape_test.go expects them. */
class LoopOptionsTest {
    record Case(String name, List<String> protocols, String escaping, String want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("default", ScrapeProtocols.DEFAULT, "allow-utf-8",
                        "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
                                + "application/openmetrics-text;version=0.0.1;q=0.5,"
                                + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
                                + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2"),
                new Case("protobuf first", ScrapeProtocols.DEFAULT_PROTO_FIRST, "underscores",
                        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;"
                                + "q=0.6,application/openmetrics-text;version=1.0.0;escaping=underscores;q=0.5,"
                                + "application/openmetrics-text;version=0.0.1;q=0.4,"
                                + "text/plain;version=1.0.0;escaping=underscores;q=0.3,"
                                + "text/plain;version=0.0.4;q=0.2,*/*;q=0.1"),
                new Case("text only", List.of(ScrapeProtocols.PROMETHEUS_TEXT_0_0_4), "allow-utf-8",
                        "text/plain;version=0.0.4;q=0.6,*/*;q=0.5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void acceptHeader(Case tc) {
        assertThat(LoopOptions.acceptHeader(tc.protocols(), tc.escaping())).isEqualTo(tc.want());
    }

    @ParameterizedTest(name = "{0} ns")
    @MethodSource("timeouts")
    void timeoutSecondsFormattedLikeGo(long nanos, String want) {
        assertThat(LoopOptions.seconds(nanos)).isEqualTo(want);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> timeouts() {
        return Stream.of(org.junit.jupiter.params.provider.Arguments.of(10_000_000_000L, "10"),
                org.junit.jupiter.params.provider.Arguments.of(500_000_000L, "0.5"),
                org.junit.jupiter.params.provider.Arguments.of(1_250_000_000L, "1.25"),
                org.junit.jupiter.params.provider.Arguments.of(90_000_000_000L, "90"));
    }
}
