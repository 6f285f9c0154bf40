package io.ignis.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ignis.config.ConfigLoader;
import io.ignis.labels.Labels;
import io.ignis.tsdb.encoding.EncodeBuffer;
import io.ignis.tsdb.record.ExemplarBatch;
import io.ignis.tsdb.record.RecordEncoder;
import io.ignis.tsdb.record.SampleBatch;
import io.ignis.tsdb.record.SeriesBatch;
import io.ignis.tsdb.wal.WalWriter;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exemplars (and native histograms) read from Ignis's WAL and remote-written into Debian's Prometheus 2.42 with
 * its exemplar storage and native histograms on: they are queryable there with the values written. The WAL
 * records are written directly, as the head would.
 */
class PrometheusHistogramExemplarTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FEATURES = "--enable-feature=native-histograms,exemplar-storage";

    @TempDir
    Path dir;

    private static void log(WalWriter w, EncodeBuffer b) throws IOException {
        w.log(b.toByteArray());
        b.reset();
    }

    private static JsonNode get(PrometheusPeer p, String pathAndQuery) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(p.url(pathAndQuery))).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode n = JSON.readTree(r.body());
            assertThat(n.path("status").asText()).as(r.body()).isEqualTo("success");
            return n.path("data");
        } catch (IOException e) {
            throw new AssertionError(pathAndQuery + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private RemoteStorage remoteWrite(PrometheusPeer prometheus, String options) throws InterruptedException {
        RemoteStorage rs = new RemoteStorage(dir.resolve("ignis"), RemoteWriteQueueTest.FAST,
                System::currentTimeMillis, () -> 0);
        rs.apply(ConfigLoader.load("""
                remote_write:
                  - url: %s
                    queue_config: {batch_send_deadline: 20ms, min_backoff: 10ms, max_backoff: 100ms}
                    %s
                """.formatted(prometheus.url("/api/v1/write"), options), "ignis.yml"));
        return rs;
    }

    @Test
    void exemplarsArriveWithTheirValuesAndLabels() throws Exception {
        Path promDir = Files.createDirectories(dir.resolve("prometheus"));
        long base = System.currentTimeMillis() - 120_000;
        try (WalWriter w = WalWriter.open(Files.createDirectories(dir.resolve("ignis/wal")))) {
            EncodeBuffer b = new EncodeBuffer();
            SeriesBatch series = new SeriesBatch();
            series.add(1, Labels.of("__name__", "ignis_requests_total", "job", "api"));
            RecordEncoder.series(series, b);
            log(w, b);
            for (int i = 0; i < 5; i++) {
                SampleBatch samples = new SampleBatch();
                samples.add(1, base + i * 1000L, 10 * i);
                RecordEncoder.samples(samples, b);
                log(w, b);
                ExemplarBatch ex = new ExemplarBatch();
                ex.add(1, base + i * 1000L, 0.25 * i, Labels.of("trace_id", "t" + i));
                RecordEncoder.exemplars(ex, b);
                log(w, b);
            }
        }
        try (PrometheusPeer prometheus = PrometheusPeer.start(promDir, "global: {scrape_interval: 1h}\n", FEATURES)) {
            RemoteStorage rs = remoteWrite(prometheus, "send_exemplars: true");
            try {
                String q = "/api/v1/query_exemplars?query=" + enc("ignis_requests_total") + "&start="
                        + (base / 1000 - 10) + "&end=" + (base / 1000 + 60);
                Poll.until(WAIT, () -> get(prometheus, q).size() == 1
                        && get(prometheus, q).get(0).path("exemplars").size() == 5, () -> "5 exemplars, got "
                        + get(prometheus, q));
                JsonNode series = get(prometheus, q).get(0);
                assertThat(series.path("seriesLabels").path("job").asText()).isEqualTo("api");
                JsonNode exemplars = series.path("exemplars");
                for (int i = 0; i < 5; i++) {
                    JsonNode e = exemplars.get(i);
                    assertThat(e.path("labels").path("trace_id").asText()).isEqualTo("t" + i);
                    assertThat(Double.parseDouble(e.path("value").asText())).isEqualTo(0.25 * i);
                    assertThat(e.path("timestamp").asDouble()).isEqualTo((base + i * 1000L) / 1000.0);
                }
                assertThat(rs.stats().get(0).exemplarsTotal()).isEqualTo(5);
            } finally {
                rs.close();
            }
        }
    }

    /** The counts of a histogram in Prometheus's JSON, bucket by bucket: {@code [rule, lower, upper, count]}. */
    private static String buckets(JsonNode histogram) {
        StringBuilder b = new StringBuilder();
        for (JsonNode bucket : histogram.path("buckets")) {
            b.append(bucket.get(0).asInt()).append(' ').append(bucket.get(1).asText()).append(' ')
                    .append(bucket.get(2).asText()).append(' ').append(bucket.get(3).asText()).append('\n');
        }
        return b.toString();
    }

    @Test
    void nativeHistogramsArriveWithTheirCountsSumsAndBuckets() throws Exception {
        Path promDir = Files.createDirectories(dir.resolve("prometheus"));
        long base = (System.currentTimeMillis() - 120_000) / 1000 * 1000;
        try (WalRecords wal = new WalRecords(dir.resolve("ignis/wal"))) {
            wal.series(1, Labels.of("__name__", "ignis_latency_seconds", "job", "api"));
            wal.series(2, Labels.of("__name__", "ignis_size_bytes", "job", "api"));
            for (int i = 0; i < 3; i++) {
                wal.histogram(1, base + i * 1000L, WalRecords.intHistogram(i));
                wal.floatHistogram(2, base + i * 1000L, WalRecords.floatHistogram(i));
            }
        }
        try (PrometheusPeer prometheus = PrometheusPeer.start(promDir, "global: {scrape_interval: 1h}\n", FEATURES)) {
            RemoteStorage rs = remoteWrite(prometheus, "send_native_histograms: true");
            try {
                double at = (base + 2000) / 1000.0;
                Poll.until(WAIT, () -> prometheus.query("count_over_time(ignis_latency_seconds[1m])", at).size() == 1
                        && prometheus.query("count_over_time(ignis_latency_seconds[1m])", at).get(0).path("value")
                        .get(1).asText().equals("3"), () -> "3 histograms in prometheus, got "
                        + prometheus.query("count_over_time(ignis_latency_seconds[1m])", at));
                // Integer histogram 2: zero bucket 4, positive 1, 2, 1, 1 at indices 0, 1, 3, 4, negative 4 at 0.
                JsonNode h = prometheus.query("ignis_latency_seconds", at).get(0).path("histogram").get(1);
                assertThat(h.path("count").asText()).isEqualTo("13");
                assertThat(h.path("sum").asText()).isEqualTo("20.5");
                assertThat(buckets(h)).isEqualTo("""
                        1 -1 -0.5 4
                        3 -0.001 0.001 4
                        0 0.5 1 1
                        0 1 2 2
                        0 4 8 1
                        0 8 16 1
                        """);
                Poll.until(WAIT, () -> prometheus.query("ignis_size_bytes", at).size() == 1,
                        () -> "float histogram in prometheus");
                JsonNode f = prometheus.query("ignis_size_bytes", at).get(0).path("histogram").get(1);
                assertThat(f.path("count").asText()).isEqualTo("11.5");
                assertThat(f.path("sum").asText()).isEqualTo("-3.25");
                assertThat(rs.stats().get(0).histogramsFailedTotal()).isZero();
            } finally {
                rs.close();
            }
        }
    }

    @Test
    void exemplarsStayInTheWalWithoutSendExemplars() throws Exception {
        Path promDir = Files.createDirectories(dir.resolve("prometheus"));
        long base = System.currentTimeMillis() - 120_000;
        try (WalWriter w = WalWriter.open(Files.createDirectories(dir.resolve("ignis/wal")))) {
            EncodeBuffer b = new EncodeBuffer();
            SeriesBatch series = new SeriesBatch();
            series.add(1, Labels.of("__name__", "ignis_requests_total"));
            RecordEncoder.series(series, b);
            log(w, b);
            ExemplarBatch ex = new ExemplarBatch();
            ex.add(1, base, 1, Labels.of("trace_id", "x"));
            RecordEncoder.exemplars(ex, b);
            log(w, b);
            SampleBatch samples = new SampleBatch();
            samples.add(1, base, 7);
            RecordEncoder.samples(samples, b);
            log(w, b);
        }
        try (PrometheusPeer prometheus = PrometheusPeer.start(promDir, "global: {scrape_interval: 1h}\n", FEATURES)) {
            RemoteStorage rs = remoteWrite(prometheus, "send_exemplars: false");
            try {
                Poll.until(WAIT, () -> rs.stats().get(0).samplesTotal() == 1, () -> "the sample sent");
                assertThat(rs.stats().get(0).exemplarsTotal()).isZero();
                assertThat(get(prometheus, "/api/v1/query_exemplars?query=" + enc("ignis_requests_total")
                        + "&start=" + (base / 1000 - 10) + "&end=" + (base / 1000 + 60)).size()).isZero();
            } finally {
                rs.close();
            }
        }
    }
}
