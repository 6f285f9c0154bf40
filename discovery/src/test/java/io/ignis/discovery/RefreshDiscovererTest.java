package io.ignis.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RefreshDiscovererTest {
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration BACKOFF = Duration.ofMillis(20);

    /** Succeeds, then fails three times, then succeeds with other targets; records when it was called. */
    static final class Script implements Refresher {
        final List<Long> calls = new ArrayList<>();

        @Override
        public synchronized List<TargetGroup> refresh() throws Exception {
            calls.add(System.nanoTime());
            int n = calls.size();
            if (n == 1) {
                return List.of(new TargetGroup("g", List.of(Map.of("__address__", "a:1")), Map.of()));
            }
            if (n <= 4) {
                throw new IOException("lookup timed out");
            }
            return List.of(new TargetGroup("g", List.of(Map.of("__address__", "b:1")), Map.of()));
        }

        synchronized int count() {
            return calls.size();
        }

        synchronized long gapMillis(int i) {
            return TimeUnit.NANOSECONDS.toMillis(calls.get(i) - calls.get(i - 1));
        }
    }

    @Test
    void failuresKeepLastGroupsAndRetryWithDoublingBackoff() {
        Script script = new Script();
        RecordingDiscoveryMetrics metrics = new RecordingDiscoveryMetrics();
        RecordingSink sink = new RecordingSink();
        try (RefreshDiscoverer d = new RefreshDiscoverer("dns", "job", INTERVAL, BACKOFF, script, metrics)) {
            d.start(sink);
            Await.until("second success", Duration.ofSeconds(20), () -> script.count() >= 5 && sink.pushCount() == 2);
        }
        assertThat(sink.pushes()).hasSize(2);
        assertThat(sink.groups().get("g").targets()).containsExactly(Map.of("__address__", "b:1"));
        assertThat(metrics.value("prometheus_sd_refresh_failures_total{dns,job}")).isEqualTo(3);
        assertThat(metrics.value("prometheus_sd_refresh_duration_seconds_count{dns,job}")).isEqualTo(5);
        // After a success the next poll waits the interval; retries after failures wait 20, 40 and 80 ms.
        assertThat(script.gapMillis(1)).isGreaterThanOrEqualTo(INTERVAL.toMillis());
        assertThat(script.gapMillis(2)).isGreaterThanOrEqualTo(20).isLessThan(INTERVAL.toMillis());
        assertThat(script.gapMillis(3)).isGreaterThanOrEqualTo(40).isLessThan(INTERVAL.toMillis());
        assertThat(script.gapMillis(4)).isGreaterThanOrEqualTo(80).isLessThan(INTERVAL.toMillis());
    }

    @Test
    void partialRefreshSendsWhatItGotAndCountsAsFailure() {
        RecordingDiscoveryMetrics metrics = new RecordingDiscoveryMetrics();
        RecordingSink sink = new RecordingSink();
        TargetGroup ok = new TargetGroup("ok", List.of(Map.of("__address__", "a:1")), Map.of());
        try (RefreshDiscoverer d = new RefreshDiscoverer("dns", "job", INTERVAL, BACKOFF, () -> {
            throw new PartialRefreshException("lookup failed for 1 of 2 names", List.of(ok), new IOException("x"));
        }, metrics)) {
            d.start(sink);
            Await.until("two partial refreshes", Duration.ofSeconds(10),
                    () -> metrics.value("prometheus_sd_refresh_failures_total{dns,job}") >= 2);
        }
        assertThat(sink.groups()).containsExactly(Map.entry("ok", ok));
    }
}
