package io.ignis.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TickAlignerTest {
    @Test
    void snapsWithinToleranceOnly() {
        TickAligner a = new TickAligner(15_000);
        assertThat(a.align(1_000_000)).isEqualTo(1_000_000);
        assertThat(a.align(1_015_002)).as("2 ms late snaps").isEqualTo(1_015_000);
        assertThat(a.align(1_029_999)).as("early is not snapped, as in Prometheus").isEqualTo(1_029_999);
        assertThat(a.align(1_045_003)).as("3 ms late stays").isEqualTo(1_045_003);
        assertThat(a.align(1_090_001)).as("skipped ticks are stepped over").isEqualTo(1_090_000);
    }

    @Test
    void toleranceIsOnePercentOfShortIntervals() {
        TickAligner a = new TickAligner(100);
        a.align(0);
        assertThat(a.align(101)).isEqualTo(100);
        assertThat(a.align(202)).isEqualTo(202);
    }
}
