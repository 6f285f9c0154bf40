package io.ignis.server.federate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ignis.scrape.textparse.proto.Histogram;
import io.ignis.scrape.textparse.proto.Metric;
import io.ignis.scrape.textparse.proto.MetricFamily;
import io.ignis.scrape.textparse.proto.MetricType;
import io.ignis.server.Flags;
import io.ignis.server.HistogramFrames;
import io.ignis.server.ProtobufTarget;
import io.ignis.server.Server;
import io.ignis.server.api.BuildInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native histograms through {@code /federate}: Ignis scrapes the protobuf {@link HistogramFrames} (job {@code hist},
 * classic histograms converted to custom buckets), and Debian's Prometheus 2.42 with
 * {@code --enable-feature=native-histograms} federates Ignis over delimited protobuf ({@code honor_labels}); each
 * frame is held until the federating side stored it. 2.42 must then answer the same exponential histograms (the
 * counter one as {@code HISTOGRAM}, the gauge one as {@code GAUGE_HISTOGRAM}, both in the native fields); the
 * custom-bucket histogram goes out as the classic histogram Prometheus 3.x's federation turns it into. In the
 * text format the exponential histograms are left out and the custom-bucket one is written as a classic
 * histogram, as Prometheus's federation does. Needs {@code prometheus}: fails when it is missing under CI=true,
 * skips otherwise.
 */
class NativeHistogramFederationTest {
    private static final BuildInfo BUILD = new BuildInfo("1.0.0", "abc", "main", "me", "20260101-00:00:00",
            "java17");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String STORED = "{__name__=~\"e2e_request_duration_seconds|e2e_queue_depth"
            + "|e2e_payload_bytes(_count)?\"}[1s]";

    @TempDir
    static Path dir;
    private static ProtobufTarget target;
    private static PrometheusProcess prometheus;
    private static Server ignis;
    private static String ignisBase;
    private static long base;

    @BeforeAll
    static void federateAllFrames() throws Exception {
        PrometheusProcess.assumeInstalled();
        target = new ProtobufTarget();
        base = (System.currentTimeMillis() - 60_000) / HistogramFrames.STEP_MS * HistogramFrames.STEP_MS;
        target.serve(HistogramFrames.frame(0, base));
        Path config = dir.resolve("ignis.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: hist
                    scrape_native_histograms: true
                    convert_classic_histograms_to_nhcb: true
                    static_configs:
                      - targets: ['%s']
                """.formatted(target.address()));
        int ignisPort = PrometheusProcess.freePort();
        ignis = new Server(Flags.parse("--config.file=" + config, "--web.listen-address=127.0.0.1:" + ignisPort,
                "--storage.tsdb.path=" + dir.resolve("ignis-data")), BUILD);
        ignis.start();
        ignisBase = "http://127.0.0.1:" + ignisPort;
        Path promDir = Files.createDirectories(dir.resolve("prometheus"));
        prometheus = PrometheusProcess.start(promDir, PrometheusProcess.freePort(), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: federate
                    honor_labels: true
                    metrics_path: /federate
                    params:
                      'match[]': ['{job="hist",__name__=~"e2e_.*"}']
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(ignisPort), "--enable-feature=native-histograms");
        for (int k = 0; k < HistogramFrames.COUNT; k++) {
            long t = HistogramFrames.time(base, k);
            target.serve(HistogramFrames.frame(k, t));
            // Ignis: two exponential histograms and the custom-bucket one; Prometheus: the two and the classic
            // histogram's count.
            awaitStored(ignisBase, 3, t);
            awaitStored(prometheus.base(), 3, t);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (ignis != null) {
            ignis.shutdown();
        }
        if (target != null) {
            target.close();
        }
    }

    private static void awaitStored(String server, int count, long t) {
        JsonNode[] last = {null};
        PrometheusProcess.await(WAIT, () -> {
            last[0] = query(server, STORED, t).get("result");
            return last[0].size() == count;
        }, () -> "frame at " + t + " stored on " + server + "; last answer " + last[0]);
    }

    @Test
    void prometheusGetsTheSameExponentialHistogramsOverProtobuf() {
        long end = HistogramFrames.time(base, HistogramFrames.COUNT - 1);
        for (String selector : new String[] {"e2e_request_duration_seconds", "e2e_queue_depth"}) {
            String range = selector + "[" + (end - base + 1000) / 1000 + "s]";
            assertThat(query(prometheus.base(), range, end)).as(selector).isEqualTo(query(ignisBase, range, end));
        }
    }

    /**
     * The custom-bucket histogram goes out as a classic one with float cumulative counts and no explicit +Inf
     * bucket, as Prometheus 3.x's federation writes it. 2.42 stores its series with the right bounds but reads
     * only the integer count fields of classic histograms, so its values are zeros: the values are checked in the
     * protobuf answer itself, and the families' types beside them.
     */
    @Test
    void customBucketHistogramsGoOutAsClassicHistogramsOverProtobuf() throws Exception {
        long t = HistogramFrames.time(base, HistogramFrames.COUNT - 1);
        Map<String, String> stored = new TreeMap<>();
        for (JsonNode s : query(prometheus.base(), "e2e_payload_bytes_bucket", t).get("result")) {
            stored.put(s.get("metric").get("le").asText(), s.get("metric").get("instance").asText());
        }
        assertThat(stored).containsOnlyKeys("100.0", "1000.0", "10000.0", "+Inf")
                .containsValue(target.address());

        String uri = ignisBase + "/federate?match[]=" + URLEncoder.encode("{job=\"hist\",__name__=~\"e2e_.*\"}",
                StandardCharsets.UTF_8);
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(uri)).header("Accept",
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited")
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        Map<String, MetricFamily> families = new TreeMap<>();
        try (InputStream in = r.body()) {
            for (MetricFamily f = MetricFamily.parseDelimitedFrom(in); f != null;
                    f = MetricFamily.parseDelimitedFrom(in)) {
                families.put(f.getName(), f);
            }
        }
        assertThat(families).containsOnlyKeys("e2e_payload_bytes", "e2e_queue_depth",
                "e2e_request_duration_seconds");
        assertThat(families.get("e2e_queue_depth").getType()).isEqualTo(MetricType.GAUGE_HISTOGRAM);
        assertThat(families.get("e2e_request_duration_seconds").getType()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(families.get("e2e_request_duration_seconds").getMetric(0).getHistogram().getSchema()).isZero();
        MetricFamily payload = families.get("e2e_payload_bytes");
        assertThat(payload.getType()).isEqualTo(MetricType.HISTOGRAM);
        Metric m = payload.getMetric(0);
        assertThat(m.getTimestampMs()).isEqualTo(t);
        Histogram h = m.getHistogram();
        assertThat(h.getSampleCountFloat()).isEqualTo(3);
        assertThat(h.getSampleSum()).isEqualTo(1600);
        assertThat(h.getPositiveSpanCount()).as("no native fields").isZero();
        assertThat(h.getBucketList()).extracting(b -> b.getUpperBound() + ":" + b.getCumulativeCountFloat())
                .containsExactly("100.0:1.0", "1000.0:2.0", "10000.0:3.0");
    }

    @Test
    void textFormatLeavesExponentialHistogramsOutAndWritesCustomBucketsAsClassic() throws Exception {
        String uri = ignisBase + "/federate?match[]=" + URLEncoder.encode("{job=\"hist\",__name__=~\"e2e_.*\"}",
                StandardCharsets.UTF_8);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(uri)).header("Accept", "text/plain")
                .build(), HttpResponse.BodyHandlers.ofString());
        long t = HistogramFrames.time(base, HistogramFrames.COUNT - 1);
        String labels = "instance=\"" + target.address() + "\",job=\"hist\"";
        assertThat(r.body()).isEqualTo("""
                # TYPE e2e_payload_bytes histogram
                e2e_payload_bytes_bucket{%1$s,le="100"} 1 %2$d
                e2e_payload_bytes_bucket{%1$s,le="1000"} 2 %2$d
                e2e_payload_bytes_bucket{%1$s,le="10000"} 3 %2$d
                e2e_payload_bytes_bucket{%1$s,le="+Inf"} 3 %2$d
                e2e_payload_bytes_sum{%1$s} 1600 %2$d
                e2e_payload_bytes_count{%1$s} 3 %2$d
                """.formatted(labels, t));
    }

    private static String value(String server, String promql, long t) {
        JsonNode result = query(server, promql, t).get("result");
        assertThat(result.size()).as("%s on %s: %s", promql, server, result).isEqualTo(1);
        return result.get(0).get("value").get(1).asText();
    }

    private static JsonNode query(String server, String promql, long t) {
        String uri = server + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time="
                + t / 1000.0;
        try {
            JsonNode n = JSON.readTree(PrometheusProcess.get(uri));
            assertThat(n.path("status").asText()).as(uri).isEqualTo("success");
            return n.get("data");
        } catch (IOException e) {
            throw new AssertionError(uri + ": " + e, e);
        }
    }
}
