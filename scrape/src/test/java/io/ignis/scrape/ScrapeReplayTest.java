package io.ignis.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.config.RelabelAction;
import io.ignis.config.RelabelConfig;
import io.ignis.config.RelabelRegex;
import io.ignis.labels.Labels;
import io.ignis.model.StaleNaN;
import io.ignis.storage.Appender;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public replay seam appends as a scrape loop does: target labels, cache, staleness. */
class ScrapeReplayTest {
    static final long T0 = 1_700_000_000_000L;

    final RecordingAppendable storage = new RecordingAppendable();

    String replay(ScrapeReplay r, String body, long t) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        Appender app = storage.appender();
        String err = r.append(app, b, b.length, ScrapeAppendTest.TEXT, t);
        if (err == null) {
            app.commit();
        } else {
            app.rollback();
        }
        return err;
    }

    @Test
    void appendsWithTargetLabelsAndMarksVanishedSeriesStale() {
        ScrapeReplay r = new ScrapeReplay(new TestScrapeConfig("node").build(), Map.of("__address__", "h:9100"));
        assertThat(replay(r, "a 1\nb{x=\"y\"} 2\n", T0)).isNull();
        assertThat(r.samplesScraped()).isEqualTo(2);
        assertThat(r.seriesAdded()).isEqualTo(2);
        assertThat(storage.samples("b").get(0).labels())
                .isEqualTo(Labels.of("__name__", "b", "x", "y", "instance", "h:9100", "job", "node"));

        assertThat(replay(r, "a 3\n", T0 + 1000)).isNull();
        assertThat(r.samplesScraped()).isEqualTo(1);
        assertThat(r.seriesAdded()).isZero();
        assertThat(storage.samples("a").get(1).v()).isEqualTo(3);
        assertThat(Double.doubleToRawLongBits(storage.samples("b").get(1).v()))
                .isEqualTo(StaleNaN.BITS);
    }

    @Test
    void returnsTheScrapeError() {
        ScrapeReplay r = new ScrapeReplay(new TestScrapeConfig("node").build(), Map.of("__address__", "h:9100"));
        assertThat(replay(r, "a{ 1\n", T0)).contains("expected label name");
    }

    @Test
    void refusesATargetThatRelabelingDrops() {
        TestScrapeConfig c = new TestScrapeConfig("node");
        c.relabel = List.of(new RelabelConfig(List.of("__address__"), ";", RelabelRegex.compile("h:.*"), 0, "",
                "$1", RelabelAction.DROP));
        assertThatThrownBy(() -> new ScrapeReplay(c.build(), Map.of("__address__", "h:9100")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dropped by relabeling");
    }
}
