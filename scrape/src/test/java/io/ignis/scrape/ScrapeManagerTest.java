package io.ignis.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.RelabelAction;
import io.ignis.config.RelabelConfig;
import io.ignis.config.RelabelRegex;
import io.ignis.discovery.TargetGroup;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reloads and target updates: which loops keep running, restart or stop, and the staleness that follows. */
class ScrapeManagerTest {
    static final Duration INTERVAL = Duration.ofMillis(300);

    final ScrapeHarness h = new ScrapeHarness();
    final TestExporter exporter;

    ScrapeManagerTest() throws IOException {
        exporter = TestExporter.http();
        exporter.on("/metrics", TestExporter.text("m 1\n"));
    }

    @AfterEach
    void close() {
        h.close();
        exporter.close();
    }

    static TestScrapeConfig job(String name) {
        return new TestScrapeConfig(name).interval(INTERVAL, Duration.ofMillis(290));
    }

    void awaitUp(String job, int n) {
        ScrapeHarness.await(n + " scrapes of " + job, Duration.ofSeconds(10),
                () -> h.storage.samples("up", "job", job).size() >= n);
    }

    @Test
    void reloadKeepsUnchangedRestartsChangedAndStopsRemovedWithStaleMarkers() {
        h.apply(job("a").build(), job("b").build(), job("c").build());
        h.targets(Map.of("a", List.of(exporter.address()), "b", List.of(exporter.address()), "c",
                List.of(exporter.address())));
        awaitUp("a", 2);
        awaitUp("b", 2);
        awaitUp("c", 2);
        ScrapeLoop a = h.manager.pool("a").loops().get(0);
        ScrapeLoop b = h.manager.pool("b").loops().get(0);

        TestScrapeConfig changed = job("b");
        changed.honorLabels = true;
        h.apply(job("a").build(), changed.build());

        assertThat(h.manager.pool("a").loops()).containsExactly(a);
        ScrapeLoop b2 = h.manager.pool("b").loops().get(0);
        assertThat(b2).isNotSameAs(b);
        assertThat(b2.cache()).as("cache handed to the restarted loop").isSameAs(b.cache());
        assertThat(h.manager.pool("c")).isNull();

        ScrapeHarness.await("stale markers for the removed job", Duration.ofSeconds(10),
                () -> h.storage.samples("up", "job", "c").stream().anyMatch(RecordingAppendable.Sample::isStale));
        List<RecordingAppendable.Sample> cUp = h.storage.samples("up", "job", "c");
        RecordingAppendable.Sample marker = cUp.get(cUp.size() - 1);
        assertThat(marker.isStale()).isTrue();
        assertThat(marker.t()).as("stamped at the first scrape that did not happen")
                .isEqualTo(cUp.get(cUp.size() - 2).t() + INTERVAL.toMillis());
        assertThat(h.storage.samples("m", "job", "c").get(h.storage.samples("m", "job", "c").size() - 1).isStale())
                .isTrue();
        assertThat(h.storage.samples("scrape_duration_seconds", "job", "c")).last()
                .satisfies(s -> assertThat(s.isStale()).isTrue());

        // The unchanged job never stopped: no gap around the reload, and no stale marker.
        int before = h.storage.samples("up", "job", "a").size();
        awaitUp("a", before + 2);
        List<RecordingAppendable.Sample> aUp = h.storage.samples("up", "job", "a");
        assertThat(aUp).noneMatch(RecordingAppendable.Sample::isStale);
        for (int i = 1; i < aUp.size(); i++) {
            assertThat(aUp.get(i).t() - aUp.get(i - 1).t()).isLessThan(INTERVAL.toMillis() * 3 / 2);
        }
        assertThat(h.storage.samples("m", "job", "b")).noneMatch(RecordingAppendable.Sample::isStale);
    }

    @Test
    void targetGoneFromDiscoveryGetsStaleMarkers() {
        h.apply(job("j").build());
        h.targets(Map.of("j", List.of(exporter.address())));
        awaitUp("j", 2);
        h.targets(Map.of("j", List.of()));
        assertThat(h.manager.targets().active()).isEmpty();
        ScrapeHarness.await("stale markers", Duration.ofSeconds(10),
                () -> h.storage.samples("m").stream().anyMatch(RecordingAppendable.Sample::isStale));
        assertThat(h.storage.samples("up")).last().satisfies(s -> assertThat(s.isStale()).isTrue());
    }

    @Test
    void droppedTargetsKeptWithDiscoveredLabelsUpToTheLimit() {
        TestScrapeConfig c = job("d");
        c.relabel = List.of(new RelabelConfig(List.of("__meta_keep"), ";", RelabelRegex.compile("yes"), 0, "", "$1",
                RelabelAction.KEEP));
        c.keepDroppedTargets = 1;
        h.apply(c.build());
        h.manager.applyTargets(Map.of("d", List.of(new TargetGroup("static/0", List.of(
                Map.of("__address__", exporter.address(), "__meta_keep", "yes"),
                Map.of("__address__", "10.0.0.1:1", "__meta_keep", "no"),
                Map.of("__address__", "10.0.0.2:1", "__meta_keep", "no")), Map.of("env", "test")))));
        ScrapeManager.Targets t = h.manager.targets();
        assertThat(t.active()).singleElement().satisfies(s -> {
            assertThat(s.labels().toMap()).isEqualTo(Map.of("env", "test", "instance", exporter.address(), "job",
                    "d"));
            assertThat(s.discoveredLabels().get("__meta_keep")).isEqualTo("yes");
            assertThat(s.health()).isEqualTo(TargetHealth.UNKNOWN);
            assertThat(s.interval()).isEqualTo(INTERVAL);
            assertThat(s.scrapePool()).isEqualTo("d");
        });
        assertThat(t.dropped()).singleElement().satisfies(d -> {
            assertThat(d.discoveredLabels().get("__address__")).isEqualTo("10.0.0.1:1");
            assertThat(d.discoveredLabels().get("env")).isEqualTo("test");
            assertThat(d.discoveredLabels().get("job")).isEqualTo("d");
        });
        assertThat(t.droppedCounts()).containsEntry("d", 2);
    }

    @Test
    void targetsForUnknownJobsAreIgnoredAndNewJobsPickUpKnownTargets() {
        h.targets(Map.of("later", List.of(exporter.address())));
        assertThat(h.manager.targets().active()).isEmpty();
        h.apply(job("later").build());
        awaitUp("later", 1);
    }
}
