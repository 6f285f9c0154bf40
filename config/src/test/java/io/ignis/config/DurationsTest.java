package io.ignis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DurationsTest {
    record Good(String text, Duration value, String printed) {
        @Override
        public String toString() {
            return text;
        }
    }

    record Bad(String text, String message) {
        @Override
        public String toString() {
            return text.isEmpty() ? "<empty>" : text;
        }
    }

    static Stream<Good> good() {
        return Stream.of(
                new Good("0", Duration.ZERO, "0s"),
                new Good("0s", Duration.ZERO, "0s"),
                new Good("1ms", Duration.ofMillis(1), "1ms"),
                new Good("324ms", Duration.ofMillis(324), "324ms"),
                new Good("1s", Duration.ofSeconds(1), "1s"),
                new Good("15s", Duration.ofSeconds(15), "15s"),
                new Good("90s", Duration.ofSeconds(90), "1m30s"),
                new Good("1m", Duration.ofMinutes(1), "1m"),
                new Good("5m", Duration.ofMinutes(5), "5m"),
                new Good("1h", Duration.ofHours(1), "1h"),
                new Good("4d", Duration.ofDays(4), "4d"),
                new Good("1d2h30m", Duration.ofDays(1).plusHours(2).plusMinutes(30), "1d2h30m"),
                new Good("7d", Duration.ofDays(7), "1w"),
                new Good("2w", Duration.ofDays(14), "2w"),
                new Good("10d", Duration.ofDays(10), "10d"),
                new Good("90d", Duration.ofDays(90), "90d"),
                new Good("1y", Duration.ofDays(365), "1y"),
                new Good("3w2d1h", Duration.ofDays(23).plusHours(1), "23d1h"),
                new Good("1h0m0s", Duration.ofHours(1), "1h"),
                new Good("1m0s500ms", Duration.ofMillis(60_500), "1m500ms"),
                new Good("1y1w1d1h1m1s1ms", Duration.ofDays(373).plusHours(1).plusMinutes(1).plusMillis(1001),
                        "373d1h1m1s1ms"),
                new Good("292y", Duration.ofDays(292 * 365), "292y"));
    }

    static Stream<Bad> bad() {
        return Stream.of(
                new Bad("", "empty duration string"),
                new Bad("1", "not a valid duration string: \"1\""),
                new Bad("10", "not a valid duration string: \"10\""),
                new Bad("-1h", "not a valid duration string: \"-1h\""),
                new Bad("1.5h", "unknown unit \".\" in duration \"1.5h\""),
                new Bad("h", "not a valid duration string: \"h\""),
                new Bad("1x", "unknown unit \"x\" in duration \"1x\""),
                new Bad("1m1h", "not a valid duration string: \"1m1h\""),
                new Bad("1s1s", "not a valid duration string: \"1s1s\""),
                new Bad("1 m", "unknown unit \" m\" in duration \"1 m\""),
                new Bad("1M", "unknown unit \"M\" in duration \"1M\""),
                new Bad("300y", "duration out of range"),
                new Bad("99999999999999999999y", "not a valid duration string: \"99999999999999999999y\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("good")
    void parsesAndPrintsAsPrometheus(Good c) {
        assertThat(Durations.parse(c.text())).isEqualTo(c.value());
        assertThat(Durations.format(c.value())).isEqualTo(c.printed());
        assertThat(Durations.parse(c.printed())).isEqualTo(c.value());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void rejectsWithPrometheusWording(Bad c) {
        assertThatThrownBy(() -> Durations.parse(c.text()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(c.message());
    }
}
