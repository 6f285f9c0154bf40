package io.ignis.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ignis.config.ConfigLoader;
import io.ignis.config.RemoteReadConfig;
import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import io.ignis.storage.Appender;
import io.ignis.storage.MergeQuerier;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.storage.SelectHints;
import io.ignis.storage.SeriesSet;
import io.ignis.tsdb.Head;
import io.ignis.tsdb.HeadOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote write and read in both directions against Debian's Prometheus 2.42 on loopback. Prometheus scrapes itself
 * every second, remote-writes to our receiver and remote-reads from our read handler; Ignis remote-writes its WAL
 * into Prometheus and remote-reads from it.
 */
class PrometheusInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(45);
    @TempDir
    static Path dir;
    private static final RecordingAppendable written = new RecordingAppendable();
    private static Head readable;
    private static LoopbackServer ignis;
    private static PrometheusPeer prometheus;
    private static long now;

    @BeforeAll
    static void start() throws Exception {
        PrometheusPeer.assumeInstalled();
        now = System.currentTimeMillis();
        readable = Head.inMemory(HeadOptions.defaults().withStripeSize(16));
        Appender app = readable.appender();
        for (int i = 0; i < 30; i++) {
            app.append(0, Labels.of("__name__", "ignis_only", "src", "ignis"), now - 60_000 + i * 1000L, i);
        }
        app.commit();
        RemoteWriteReceiver receiver = new RemoteWriteReceiver(written, Set.of(WriteProtocol.V1, WriteProtocol.V2),
                1 << 24, RemoteWriteReceiver.DEFAULT_MAX_DECODED_BYTES);
        RemoteReadHandler reader = new RemoteReadHandler(readable, readable, Map::of, 0);
        ignis = new LoopbackServer((Request r) -> switch (r.path()) {
            case "/api/v1/write" -> receiver.handle(r);
            case "/api/v1/read" -> reader.handle(r);
            default -> Response.text(404, "not found");
        });
        Path promDir = dir.resolve("prometheus");
        java.nio.file.Files.createDirectories(promDir);
        prometheus = PrometheusPeer.start(promDir, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: prometheus
                    static_configs:
                      - targets: ['127.0.0.1:PORT']
                remote_write:
                  - url: %s
                    queue_config: {batch_send_deadline: 100ms, min_backoff: 10ms, max_backoff: 100ms}
                remote_read:
                  - url: %s
                    read_recent: true
                """.formatted(ignis.url("/api/v1/write"), ignis.url("/api/v1/read")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (ignis != null) {
            ignis.close();
        }
        if (readable != null) {
            readable.close();
        }
    }

    @Test
    void ignisRemoteWritesIntoPrometheus() throws Exception {
        Path data = dir.resolve("ignis-write");
        long base = System.currentTimeMillis() - 200_000;
        try (Head head = Head.open(data, HeadOptions.defaults().withStripeSize(16).withReplayWorkers(1));
             RemoteStorage rs = new RemoteStorage(data, RemoteWriteQueueTest.FAST, System::currentTimeMillis,
                     () -> 0)) {
            rs.apply(ConfigLoader.load("""
                    global:
                      external_labels: {ignis: w}
                    remote_write:
                      - url: %s
                        queue_config: {batch_send_deadline: 20ms, max_samples_per_send: 100, min_backoff: 5ms}
                    """.formatted(prometheus.url("/api/v1/write")), "ignis.yml"));
            Appender app = head.appender();
            for (int i = 0; i < 150; i++) {
                for (int s = 0; s < 4; s++) {
                    app.append(0, Labels.of("__name__", "ignis_pushed", "s", Integer.toString(s)), base + i * 1000L,
                            i);
                }
            }
            app.commit();
            double at = (base + 150_000) / 1000.0;
            Poll.until(WAIT, () -> count(prometheus.query("sum(count_over_time(ignis_pushed{ignis=\"w\"}[10m]))", at))
                    == 600, () -> "600 samples in prometheus");
            JsonNode sums = prometheus.query("sum_over_time(ignis_pushed[10m])", at);
            assertThat(sums).hasSize(4);
            for (JsonNode n : sums) {
                assertThat(n.path("value").get(1).asText()).isEqualTo(Integer.toString(149 * 150 / 2));
            }
            assertThat(rs.stats().get(0).samplesFailedTotal()).isZero();
        }
    }

    private static long count(JsonNode result) {
        return result.isEmpty() ? 0 : Long.parseLong(result.get(0).path("value").get(1).asText());
    }

    @Test
    void prometheusRemoteWritesEverySampleIntoIgnis() {
        Poll.until(WAIT, () -> count(prometheus.query("count_over_time(up{job=\"prometheus\"}[1h])",
                System.currentTimeMillis() / 1000.0)) >= 3, () -> "three scrapes");
        double at = System.currentTimeMillis() / 1000.0;
        JsonNode series = prometheus.query("prometheus_build_info[1h]", at);
        assertThat(series).hasSize(1);
        List<Long> want = new ArrayList<>();
        for (JsonNode v : series.get(0).path("values")) {
            want.add(Math.round(v.get(0).asDouble() * 1000));
        }
        Poll.until(WAIT, () -> timestamps("prometheus_build_info").containsAll(want),
                () -> "timestamps " + want + " at ignis, got " + timestamps("prometheus_build_info"));
        List<Long> got = new ArrayList<>();
        for (RecordingAppendable.Point p : written.points()) {
            if ("prometheus_build_info".equals(p.labels().metricName())) {
                got.add(p.t());
            }
        }
        assertThat(new HashSet<>(got)).hasSize(got.size());
    }

    private static Set<Long> timestamps(String metric) {
        Set<Long> out = new HashSet<>();
        for (RecordingAppendable.Point p : written.points()) {
            if (metric.equals(p.labels().metricName())) {
                out.add(p.t());
            }
        }
        return out;
    }

    @Test
    void ignisRemoteReadsFromPrometheusMergedWithLocal() {
        Poll.until(WAIT, () -> count(prometheus.query("count_over_time(up{job=\"prometheus\"}[1h])",
                System.currentTimeMillis() / 1000.0)) >= 2, () -> "two scrapes");
        RemoteReadConfig cfg = ConfigLoader.load("""
                remote_read:
                  - url: %s
                    read_recent: true
                """.formatted(prometheus.url("/api/v1/read")), "r.yml").remoteReadConfigs().get(0);
        RemoteReadQueryable remote = new RemoteReadQueryable(cfg, Map.of(), () -> 0);
        long end = System.currentTimeMillis();
        try (Querier q = new MergeQuerier(List.of(readable.querier(now - 3_600_000, end),
                remote.querier(now - 3_600_000, end)))) {
            SeriesSet set = q.select(true, SelectHints.range(now - 3_600_000, end),
                    Matcher.regex("__name__", "up|ignis_only"));
            Map<String, Integer> samples = new java.util.TreeMap<>();
            SampleIterator it = null;
            while (set.next()) {
                it = set.at().iterator(it);
                int n = 0;
                for (SampleType st = it.next(); st != SampleType.NONE; st = it.next()) {
                    n++;
                }
                samples.merge(set.at().labels().metricName(), n, Integer::sum);
            }
            assertThat(set.warnings().warnings()).isEmpty();
            assertThat(samples).containsEntry("ignis_only", 30);
            assertThat(samples.get("up")).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void prometheusRemoteReadsFromIgnis() {
        JsonNode r = prometheus.query("sum_over_time(ignis_only{src=\"ignis\"}[5m])", now / 1000.0);
        assertThat(r).hasSize(1);
        assertThat(r.get(0).path("value").get(1).asText()).isEqualTo(Integer.toString(29 * 30 / 2));
    }
}
