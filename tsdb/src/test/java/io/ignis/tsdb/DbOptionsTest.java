package io.ignis.tsdb;

import static io.ignis.tsdb.DbModel.HOUR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Block ranges and defaults as Prometheus derives them from its flags. */
class DbOptionsTest {
    private static final long DAY = 24 * HOUR;

    record Case(String name, long retention, long[] wantRangesHours) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("15d retention: max block 36h", 15 * DAY, new long[] {2, 6, 18}),
                new Case("no retention: max block 31d", 0, new long[] {2, 6, 18, 54, 162, 486}),
                new Case("1d retention: max block is the minimum", DAY, new long[] {2}),
                new Case("60d retention: max block 6d", 60 * DAY, new long[] {2, 6, 18, 54}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void blockRangesFollowTheMaximumDuration(Case c) {
        DbOptions o = DbOptions.defaults().withRetention(c.retention()).withBlockDurations(2 * HOUR,
                DbOptions.defaultMaxBlockDuration(c.retention(), 2 * HOUR));
        long[] want = new long[c.wantRangesHours().length];
        for (int i = 0; i < want.length; i++) {
            want[i] = c.wantRangesHours()[i] * HOUR;
        }
        assertThat(o.blockRanges()).containsExactly(want);
    }

    @Test
    void defaultsArePrometheusFlagDefaults() {
        DbOptions o = DbOptions.defaults();
        assertThat(o.retentionMillis()).isEqualTo(15 * DAY);
        assertThat(o.maxBytes()).isZero();
        assertThat(o.minBlockDuration()).isEqualTo(2 * HOUR);
        assertThat(o.maxBlockDuration()).isEqualTo(36 * HOUR);
        assertThat(o.head().chunkRangeMillis()).isEqualTo(2 * HOUR);
        assertThat(o.withBlockDurations(HOUR, HOUR).head().chunkRangeMillis()).as("head follows min block")
                .isEqualTo(HOUR);
        assertThat(o.head().outOfOrderTimeWindowMillis()).as("out-of-order ingestion off").isZero();
        assertThat(o.head().outOfOrderCapMax()).isEqualTo(32);
        assertThat(o.withOutOfOrderTimeWindow(HOUR).withBlockDurations(HOUR, HOUR).head()
                .outOfOrderTimeWindowMillis()).as("the window survives other changes").isEqualTo(HOUR);
    }

    @Test
    void badDurationsAreRejectedWithTheValues() {
        assertThatThrownBy(() -> DbOptions.defaults().withBlockDurations(2 * HOUR, HOUR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min=7200000 max=3600000");
        assertThatThrownBy(() -> DbOptions.defaults().withRetention(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time=-1ms");
        assertThatThrownBy(() -> DbOptions.defaults().withOutOfOrderTimeWindow(-5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window must not be negative: -5");
        assertThatThrownBy(() -> HeadOptions.defaults().withOutOfOrderCapMax(256))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 255: 256");
    }
}
