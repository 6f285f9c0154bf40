package io.ignis.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ignis.config.ConfigLoader;
import io.ignis.config.PrometheusConfig;
import io.ignis.labels.Labels;
import io.ignis.storage.Appender;
import io.ignis.tsdb.Head;
import io.ignis.tsdb.HeadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault test against Debian's Prometheus 2.42 as receiver: Prometheus is stopped while Ignis keeps writing,
 * Ignis restarts meanwhile, Prometheus comes back, and after catch-up every sample is queryable there. (Minutes
 * scaled to seconds through {@link RemoteTimings} and the queue's backoff.) Duplicates are checked against our own
 * receiver in {@link RemoteWriteQueueTest}, since Prometheus silently absorbs exact duplicates.
 */
class PrometheusFaultTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static HeadOptions opts() {
        return HeadOptions.defaults().withStripeSize(16).withReplayWorkers(1);
    }

    private static void append(Head head, long base, int from, int to) {
        Appender app = head.appender();
        for (int i = from; i < to; i++) {
            for (int s = 0; s < 3; s++) {
                app.append(0, Labels.of("__name__", "ignis_fault", "s", Integer.toString(s)), base + i * 1000L, i);
            }
        }
        app.commit();
    }

    private static long count(JsonNode result) {
        return result.isEmpty() ? 0 : Long.parseLong(result.get(0).path("value").get(1).asText());
    }

    @Test
    void everySampleArrivesAfterReceiverOutageAndIgnisRestart() throws Exception {
        Path promDir = dir.resolve("prometheus");
        Files.createDirectories(promDir);
        Path data = dir.resolve("ignis");
        long base = System.currentTimeMillis() - 300_000;
        try (PrometheusPeer prometheus = PrometheusPeer.start(promDir, "global: {scrape_interval: 1h}\n")) {
            PrometheusConfig cfg = ConfigLoader.load("""
                    remote_write:
                      - url: %s
                        queue_config: {batch_send_deadline: 20ms, max_samples_per_send: 50, min_backoff: 10ms,
                                       max_backoff: 100ms}
                    """.formatted(prometheus.url("/api/v1/write")), "ignis.yml");
            Head head = Head.open(data, opts());
            RemoteStorage rs = new RemoteStorage(data, RemoteWriteQueueTest.FAST, System::currentTimeMillis, () -> 0);
            rs.apply(cfg);
            append(head, base, 0, 50);
            double at = (base + 300_000) / 1000.0;
            Poll.until(WAIT, () -> count(prometheus.query("count(count_over_time(ignis_fault[10m]))", at)) == 3,
                    () -> "first samples in prometheus");

            prometheus.stop();
            append(head, base, 50, 100);
            Poll.until(WAIT, () -> rs.stats().get(0).samplesRetriedTotal() > 0,
                    () -> "retries while prometheus is down");
            rs.close();
            head.close();

            head = Head.open(data, opts());
            append(head, base, 100, 150);
            RemoteStorage rs2 = new RemoteStorage(data, RemoteWriteQueueTest.FAST, System::currentTimeMillis,
                    () -> 0);
            rs2.apply(cfg);
            prometheus.restart();
            Poll.until(WAIT, () -> count(prometheus.query("sum(count_over_time(ignis_fault[10m]))", at)) == 450,
                    () -> "450 samples in prometheus, got "
                            + prometheus.query("sum(count_over_time(ignis_fault[10m]))", at));
            JsonNode sums = prometheus.query("sum_over_time(ignis_fault[10m])", at);
            assertThat(sums).hasSize(3);
            for (JsonNode n : sums) {
                assertThat(n.path("value").get(1).asText()).isEqualTo(Integer.toString(149 * 150 / 2));
            }
            // Nothing is sent twice: the position is saved after every batch, per shard, so Prometheus rejects
            // no repeated sample (it would count them as failed).
            assertThat(rs2.stats().get(0).samplesFailedTotal()).isZero();
            rs2.close();
            head.close();
        }
    }
}
