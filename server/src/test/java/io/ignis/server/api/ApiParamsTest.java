package io.ignis.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Time and duration parameters as Prometheus parses them. */
class ApiParamsTest {
    record Time(String input, long millis) {
        @Override
        public String toString() {
            return input;
        }
    }

    static Stream<Time> times() {
        return Stream.of(
                new Time("1700000000", 1_700_000_000_000L),
                new Time("1700000000.123", 1_700_000_000_123L),
                new Time("1700000000.1234", 1_700_000_000_123L),
                new Time("1700000000.9996", 1_700_000_001_000L),
                new Time("4", 4_000L),
                new Time("-1.5", -1_500L),
                new Time("1e3", 1_000_000L),
                new Time("2023-11-14T22:13:20Z", 1_700_000_000_000L),
                new Time("2023-11-14T22:13:20.5+01:00", 1_699_996_400_500L),
                new Time("2015-07-01T20:10:51.781Z", 1_435_781_451_781L),
                new Time("-292273086-05-16T16:47:06Z", ApiParams.MIN_TIME),
                new Time("292277025-08-18T07:12:54.999999999Z", ApiParams.MAX_TIME),
                new Time("1e300", Long.MAX_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("times")
    void parsesTimes(Time t) {
        assertThat(ApiParams.parseTime(t.input())).isEqualTo(t.millis());
    }

    @Test
    void rejectsBadTimes() {
        for (String s : new String[] {"", "now", "2023-11-14", "NaN", "12:00"}) {
            assertThatThrownBy(() -> ApiParams.parseTime(s)).as(s).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot parse \"" + s + "\" to a valid timestamp");
        }
    }

    @Test
    void parsesDurations() {
        assertThat(ApiParams.parseDuration("15")).isEqualTo(15_000);
        assertThat(ApiParams.parseDuration("0.5")).isEqualTo(500);
        assertThat(ApiParams.parseDuration("15s")).isEqualTo(15_000);
        assertThat(ApiParams.parseDuration("1h30m")).isEqualTo(5_400_000);
        assertThat(ApiParams.parseDuration("100ms")).isEqualTo(100);
        assertThatThrownBy(() -> ApiParams.parseDuration("1e20"))
                .hasMessage("cannot parse \"1e20\" to a valid duration. It overflows int64");
        assertThatThrownBy(() -> ApiParams.parseDuration("soon"))
                .hasMessage("cannot parse \"soon\" to a valid duration");
    }

    @Test
    void defaultRangeIsPrometheusMinAndMaxTime() {
        assertThat(ApiParams.MIN_TIME).isEqualTo(-9_223_309_901_257_974_000L);
        assertThat(ApiParams.MAX_TIME).isEqualTo(9_223_309_901_257_974_999L);
    }
}
