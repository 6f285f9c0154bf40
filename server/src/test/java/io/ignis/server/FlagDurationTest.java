package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FlagDurationTest {
    private static final long S = 1000;
    private static final long M = 60 * S;
    private static final long H = 60 * M;
    private static final long D = 24 * H;

    record Case(String name, String text, long millis, String printed) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> valid() {
        return Stream.of(
                new Case("zero without unit", "0", 0, "0s"),
                new Case("zero seconds", "0s", 0, "0s"),
                new Case("days", "15d", 15 * D, "15d"),
                new Case("hours and minutes", "1h30m", H + 30 * M, "1h30m"),
                new Case("minutes", "5m", 5 * M, "5m"),
                new Case("milliseconds", "500ms", 500, "500ms"),
                new Case("seconds and milliseconds", "1s500ms", 1500, "1s500ms"),
                new Case("every unit", "1y1w1d1h1m1s1ms", 365 * D + 7 * D + D + H + M + S + 1, "373d1h1m1s1ms"),
                new Case("exact weeks print as weeks", "14d", 14 * D, "2w"),
                new Case("not exact weeks print as days", "90d", 90 * D, "90d"),
                new Case("exact year", "365d", 365 * D, "1y"),
                new Case("carry into hours", "90m", 90 * M, "1h30m"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesAndPrintsLikePrometheus(Case c) {
        assertThat(FlagDuration.parseMillis(c.text())).isEqualTo(c.millis());
        assertThat(FlagDuration.format(c.millis())).isEqualTo(c.printed());
    }

    record Bad(String name, String text, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> invalid() {
        return Stream.of(
                new Bad("empty", "", "empty duration string"),
                new Bad("unknown unit", "5x", "not a valid duration string: \"5x\""),
                new Bad("units out of order", "1m1h", "not a valid duration string: \"1m1h\""),
                new Bad("fraction", "1.5h", "not a valid duration string: \"1.5h\""),
                new Bad("negative", "-1s", "not a valid duration string: \"-1s\""),
                new Bad("no unit", "10", "not a valid duration string: \"10\""),
                new Bad("Go syntax microseconds", "10us", "not a valid duration string: \"10us\""),
                new Bad("overflow", "99999999999999999y", "duration out of range"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsWithPrometheusWording(Bad c) {
        assertThatThrownBy(() -> FlagDuration.parseMillis(c.text())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(c.message());
    }
}
