package io.ignis.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GoDurationTest {
    record Case(String name, long nanos, String want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("zero", 0, "0s"),
                new Case("seconds", 15_000_000_000L, "15s"),
                new Case("one minute keeps zero seconds", 60_000_000_000L, "1m0s"),
                new Case("minutes and seconds", 90_000_000_000L, "1m30s"),
                new Case("hours keep zero minutes", 3_600_000_000_000L, "1h0m0s"),
                new Case("fractional seconds", 1_500_000_000L, "1.5s"),
                new Case("milliseconds", 500_000_000L, "500ms"),
                new Case("fractional milliseconds", 1_250_000L, "1.25ms"),
                new Case("microseconds", 2_000L, "2µs"),
                new Case("nanoseconds", 7, "7ns"),
                new Case("negative", -2_000_000_000L, "-2s"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void formatsAsGo(Case c) {
        assertThat(GoDuration.format(c.nanos())).isEqualTo(c.want());
    }
}
