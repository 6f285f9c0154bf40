package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ignis.server.api.BuildInfo;
import io.ignis.server.federate.PrometheusProcess;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native histograms through the running server, end to end: a protobuf endpoint on 127.0.0.1 serves the scripted
 * {@link HistogramFrames} (explicit timestamps, so every scraper stores the same samples), Ignis scrapes it with
 * {@code scrape_native_histograms: true} in two jobs, and Debian's Prometheus 2.42 with
 * {@code --enable-feature=native-histograms} scrapes it too; the test moves to the next frame once both stored it.
 * <ul>
 *   <li>job {@code hist} ({@code convert_classic_histograms_to_nhcb: true}): the exponential histograms' query API
 *       JSON ({@code histogram}, {@code histograms}: count, sum, buckets with their boundary rules) must equal
 *       2.42's field by field, instant and range; the classic-only histogram becomes a custom-bucket histogram,
 *       which 2.42 cannot make (it stores the classic series), so its JSON is checked against Prometheus 3.x's
 *       rules written out here, and its quantiles and counts against 2.42's answers over the classic series;</li>
 *   <li>job {@code hist_limited} ({@code always_scrape_classic_histograms: true},
 *       {@code native_histogram_bucket_limit: 4}, both unknown to 2.42): the classic series are stored beside the
 *       native histogram, and frame 2 (five buckets) comes back at schema -1, as 3.x reduces it;</li>
 *   <li>a recording rule {@code sum by (job) (rate(h[5m]))} stores histograms equal to its expression, an alert
 *       on {@code histogram_count(rate(…))} fires; {@code /api/v1/series}, {@code labels} and label values equal
 *       2.42's, the TSDB status counts a native histogram as one series, and the exemplars of the native
 *       histogram (protobuf {@code exemplars} field, 3.x only) come back from {@code query_exemplars};</li>
 *   <li>after a restart the same answers and exemplars come back from {@code chunks_head/} (the counter reset cut
 *       a chunk) and the WAL.</li>
 * </ul>
 * Needs {@code prometheus}: fails when it is missing under CI=true, skips otherwise.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NativeHistogramEndToEndTest {
    private static final BuildInfo BUILD = new BuildInfo("1.0.0", "abc", "main", "me", "20260101-00:00:00",
            "java17");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String REQUESTS = "e2e_request_duration_seconds";
    /** The series each server stores from one frame, with the number it must hold. */
    private static final String STORED_IGNIS = "{__name__=~\"e2e_request_duration_seconds(_count)?|e2e_queue_depth"
            + "|e2e_payload_bytes(_count)?\"}";
    private static final int STORED_IGNIS_COUNT = 7;
    private static final String STORED_PROMETHEUS = "{__name__=~\"e2e_request_duration_seconds|e2e_queue_depth"
            + "|e2e_payload_bytes_count\"}";

    @TempDir
    static Path dir;
    private static ProtobufTarget target;
    private static PrometheusProcess prometheus;
    private static Server ignis;
    private static String ignisBase;
    private static long base;
    /** When the last frame was stored: frames carry past timestamps, so only later evaluations saw them all. */
    private static long framesStoredAt;

    @BeforeAll
    static void scrapeAllFrames() throws Exception {
        PrometheusProcess.assumeInstalled();
        target = new ProtobufTarget();
        // The frames are a minute old at most, so rules evaluated now see them in a one-minute range.
        base = (System.currentTimeMillis() - 60_000) / HistogramFrames.STEP_MS * HistogramFrames.STEP_MS;
        target.serve(HistogramFrames.frame(0, HistogramFrames.time(base, 0)));
        Files.writeString(dir.resolve("ignis.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files: ['rules.yml']
                scrape_configs:
                  - job_name: hist
                    scrape_native_histograms: true
                    convert_classic_histograms_to_nhcb: true
                    static_configs:
                      - targets: ['%1$s']
                  - job_name: hist_limited
                    scrape_native_histograms: true
                    always_scrape_classic_histograms: true
                    native_histogram_bucket_limit: 4
                    static_configs:
                      - targets: ['%1$s']
                """.formatted(target.address()));
        Files.writeString(dir.resolve("rules.yml"), """
                groups:
                  - name: histograms
                    rules:
                      - record: job:e2e_request_duration_seconds:rate5m
                        expr: sum by (job) (rate(e2e_request_duration_seconds{job="hist"}[5m]))
                      - alert: E2eRequestsSeen
                        expr: histogram_count(rate(e2e_request_duration_seconds{job="hist"}[5m])) > 0
                        labels:
                          severity: page
                """);
        ignis = startIgnis();
        Path promDir = Files.createDirectories(dir.resolve("prometheus"));
        prometheus = PrometheusProcess.start(promDir, PrometheusProcess.freePort(), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: hist
                    static_configs:
                      - targets: ['%s']
                """.formatted(target.address()), "--enable-feature=native-histograms");
        for (int k = 0; k < HistogramFrames.COUNT; k++) {
            long t = HistogramFrames.time(base, k);
            target.serve(HistogramFrames.frame(k, t));
            awaitStored(ignisBase, STORED_IGNIS, STORED_IGNIS_COUNT, t);
            awaitStored(prometheus.base(), STORED_PROMETHEUS, 3, t);
        }
        framesStoredAt = System.currentTimeMillis();
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

    private static Server startIgnis() throws Exception {
        Server s = new Server(Flags.parse("--config.file=" + dir.resolve("ignis.yml"),
                "--web.listen-address=127.0.0.1:0", "--storage.tsdb.path=" + dir.resolve("ignis-data"),
                "--enable-feature=exemplar-storage"), BUILD);
        ignisBase = "http://127.0.0.1:" + s.start().get(0).getPort();
        return s;
    }

    /**
     * Waits until {@code selector} has {@code count} series with a sample at {@code t}: a one-second range at
     * {@code t} holds only that sample, as the frames are ten seconds apart.
     */
    private static void awaitStored(String server, String selector, int count, long t) {
        JsonNode[] last = {null};
        PrometheusProcess.await(WAIT, () -> {
            JsonNode result = instant(server, selector + "[1s]", t).get("result");
            last[0] = result;
            return result.size() == count;
        }, () -> selector + " stored at " + t + " on " + server + "; last answer " + last[0]);
    }

    @Test
    @Order(1)
    void exponentialHistogramsAnswerAsPrometheus242() {
        for (String q : new String[] {REQUESTS, "e2e_queue_depth", "histogram_count(" + REQUESTS + ")",
            "histogram_sum(e2e_queue_depth)", "histogram_count(e2e_queue_depth)"}) {
            String selector = q.contains("(") ? q.replace(")", "{job=\"hist\"})") : q + "{job=\"hist\"}";
            for (int k = 0; k < HistogramFrames.COUNT; k++) {
                long t = HistogramFrames.time(base, k);
                assertThat(instant(ignisBase, selector, t)).as("%s at frame %d", selector, k)
                        .isEqualTo(instant(prometheus.base(), selector, t));
            }
            long end = HistogramFrames.time(base, HistogramFrames.COUNT - 1);
            assertThat(range(ignisBase, selector, base, end)).as("%s over all frames", selector)
                    .isEqualTo(range(prometheus.base(), selector, base, end));
        }
    }

    @Test
    @Order(1)
    void theBucketsCarryPrometheusBoundaryRules() {
        // Frame 2 of the request histogram, written out: negative buckets first, lower bound inclusive (rule 1),
        // the zero bucket closed (3), positive buckets upper bound inclusive (0); the bucket nearest zero is cut
        // at the zero threshold.
        assertThat(histogram(ignisBase, REQUESTS + "{job=\"hist\"}", HistogramFrames.time(base, 2))).isEqualTo(
                json("""
                        {"count":"18","sum":"20.5","buckets":[[1,"-1","-0.5","2"],[1,"-0.5","-0.25","1"],
                        [3,"-0.001","0.001","3"],[0,"0.5","1","5"],[0,"1","2","6"],[0,"4","8","1"]]}"""));
    }

    @Test
    @Order(1)
    void classicHistogramsBecomeCustomBucketHistograms() {
        // Prometheus 3.x: [-Inf, 100] closed (rule 3), every later bucket left-open, +Inf last.
        assertThat(histogram(ignisBase, "e2e_payload_bytes{job=\"hist\"}", HistogramFrames.time(base, 0)))
                .isEqualTo(json("""
                        {"count":"5","sum":"4000","buckets":[[3,"-Inf","100","1"],[0,"100","1000","2"],
                        [0,"1000","10000","1"],[0,"10000","+Inf","1"]]}"""));
        assertThat(histogram(ignisBase, "e2e_payload_bytes{job=\"hist\"}", HistogramFrames.time(base, 3)))
                .as("after the counter reset, empty buckets left out").isEqualTo(json("""
                        {"count":"1","sum":"200","buckets":[[0,"100","1000","1"]]}"""));
        assertThat(instant(ignisBase, "e2e_payload_bytes_bucket{job=\"hist\"}", HistogramFrames.time(base, 0))
                .get("result")).as("no classic series without always_scrape_classic_histograms").isEmpty();
        for (int k = 0; k < HistogramFrames.COUNT; k++) {
            long t = HistogramFrames.time(base, k);
            for (double q : new double[] {0.25, 0.5, 0.9}) {
                // Within rounding only: for q >= 0.5 Prometheus 3.x walks a native histogram's buckets from the
                // top, so the last digit may differ from the classic computation (7300.000000000001 against
                // 7300.000000000002 at frame 4).
                assertThat(number(ignisBase, "histogram_quantile(" + q + ", e2e_payload_bytes{job=\"hist\"})", t))
                        .as("quantile %s at frame %d", q, k).isCloseTo(number(prometheus.base(),
                                "histogram_quantile(" + q + ", e2e_payload_bytes_bucket{job=\"hist\"})", t),
                                Percentage.withPercentage(1e-10));
            }
            assertThat(values(ignisBase, "histogram_count(e2e_payload_bytes{job=\"hist\"})", t))
                    .isEqualTo(values(prometheus.base(), "e2e_payload_bytes_count{job=\"hist\"}", t));
            assertThat(values(ignisBase, "histogram_sum(e2e_payload_bytes{job=\"hist\"})", t))
                    .isEqualTo(values(prometheus.base(), "e2e_payload_bytes_sum{job=\"hist\"}", t));
        }
    }

    @Test
    @Order(1)
    void bucketLimitReducesTheSchemaAndClassicSeriesStayBeside() {
        long t0 = HistogramFrames.time(base, 0);
        assertThat(histogram(ignisBase, REQUESTS + "{job=\"hist_limited\"}", t0)).as("three buckets: untouched")
                .isEqualTo(histogram(ignisBase, REQUESTS + "{job=\"hist\"}", t0));
        // Five buckets at schema 0 are one too many: schema -1 (bounds powers of 4) merges the two negative ones.
        assertThat(histogram(ignisBase, REQUESTS + "{job=\"hist_limited\"}", HistogramFrames.time(base, 2)))
                .isEqualTo(json("""
                        {"count":"18","sum":"20.5","buckets":[[1,"-1","-0.25","3"],[3,"-0.001","0.001","3"],
                        [0,"0.25","1","5"],[0,"1","4","6"],[0,"4","16","1"]]}"""));
        String classic = REQUESTS + "_bucket{job=\"hist_limited\",le=\"%s\"}";
        assertThat(values(ignisBase, classic.formatted("1.0"), t0)).isEqualTo("[\"4\"]");
        assertThat(values(ignisBase, classic.formatted("2.0"), t0)).isEqualTo("[\"7\"]");
        assertThat(values(ignisBase, classic.formatted("+Inf"), t0)).isEqualTo("[\"7\"]");
        assertThat(values(ignisBase, REQUESTS + "_count{job=\"hist_limited\"}", t0)).isEqualTo("[\"7\"]");
        assertThat(values(ignisBase, REQUESTS + "_sum{job=\"hist_limited\"}", t0)).isEqualTo("[\"5.5\"]");
        assertThat(instant(ignisBase, "e2e_payload_bytes{job=\"hist_limited\"}", t0).get("result"))
                .as("no conversion to custom buckets in this job").isEmpty();
        for (int k = 0; k < HistogramFrames.COUNT; k++) {
            long t = HistogramFrames.time(base, k);
            // By bound: 2.42 keeps le as exposed ("100"), 3.x normalises it ("100.0").
            assertThat(byBound(ignisBase, "e2e_payload_bytes_bucket{job=\"hist_limited\"}", t))
                    .isEqualTo(byBound(prometheus.base(), "e2e_payload_bytes_bucket{job=\"hist\"}", t));
        }
    }

    /** The time in milliseconds of the last point of a range answer's {@code histograms}. */
    private static long lastTime(JsonNode points) {
        return Math.round(points.get(points.size() - 1).get(0).asDouble() * 1000);
    }

    @Test
    @Order(1)
    void recordingRulesStoreHistogramsAndAlertsFireOnHistogramFunctions() {
        String recorded = "job:e2e_request_duration_seconds:rate5m";
        JsonNode[] stored = {null};
        PrometheusProcess.await(WAIT, () -> {
            JsonNode r = instant(ignisBase, recorded + "[1m]", System.currentTimeMillis()).get("result");
            stored[0] = r;
            // An evaluation stamped before the last frame was stored may have missed it (its samples are stamped
            // in the past), so re-evaluating at its time would differ: wait for one stamped after.
            return r.size() == 1 && r.get(0).has("histograms") && lastTime(r.get(0).get("histograms"))
                    > framesStoredAt;
        }, () -> "a recorded histogram evaluated after the frames were stored; last answer " + stored[0] + "; rules "
                + PrometheusProcess.get(ignisBase + "/api/v1/rules"));
        JsonNode series = stored[0].get(0);
        assertThat(series.get("metric").toString()).isEqualTo("{\"__name__\":\"" + recorded + "\",\"job\":\"hist\"}");
        JsonNode last = series.get("histograms").get(series.get("histograms").size() - 1);
        assertThat(lastTime(series.get("histograms"))).isGreaterThan(framesStoredAt);
        long t = Math.round(last.get(0).asDouble() * 1000);
        assertThat(histogram(ignisBase, "sum by (job) (rate(" + REQUESTS + "{job=\"hist\"}[5m]))", t))
                .as("the stored histogram is the rule's expression at its time").isEqualTo(last.get(1));
        assertThat(histogram(ignisBase, recorded, t)).isEqualTo(last.get(1));

        JsonNode[] alerts = {null};
        PrometheusProcess.await(WAIT, () -> {
            alerts[0] = data(ignisBase + "/api/v1/alerts").get("alerts");
            return alerts[0].size() == 1 && alerts[0].get(0).get("state").asText().equals("firing");
        }, () -> "E2eRequestsSeen firing; last answer " + alerts[0]);
        assertThat(alerts[0].get(0).get("labels")).isEqualTo(json("{\"alertname\":\"E2eRequestsSeen\",\"instance\":\""
                + target.address() + "\",\"job\":\"hist\",\"path\":\"/api\",\"severity\":\"page\"}"));
        assertThat(Double.parseDouble(alerts[0].get(0).get("value").asText())).isPositive();
    }

    @Test
    @Order(1)
    void seriesLabelsAndTsdbStatusCountHistogramSeriesAsPrometheus() {
        String start = "&start=" + base / 1000 + "&end=" + (base / 1000 + 60);
        for (String match : new String[] {REQUESTS + "{job=\"hist\"}", "e2e_queue_depth{job=\"hist\"}"}) {
            String m = "match[]=" + URLEncoder.encode(match, StandardCharsets.UTF_8) + start;
            assertThat(data(ignisBase + "/api/v1/series?" + m)).as("series %s", match)
                    .isEqualTo(data(prometheus.base() + "/api/v1/series?" + m));
            assertThat(data(ignisBase + "/api/v1/labels?" + m)).as("labels %s", match)
                    .isEqualTo(data(prometheus.base() + "/api/v1/labels?" + m));
            assertThat(data(ignisBase + "/api/v1/label/instance/values?" + m)).as("instance values %s", match)
                    .isEqualTo(data(prometheus.base() + "/api/v1/label/instance/values?" + m));
        }
        JsonNode byName = data(ignisBase + "/api/v1/status/tsdb").get("seriesCountByMetricName");
        // One series per job: a native histogram is one series, not one per bucket.
        assertThat(byName.toString()).contains("{\"name\":\"" + REQUESTS + "\",\"value\":2}",
                "{\"name\":\"e2e_queue_depth\",\"value\":2}");
        assertThat(data(prometheus.base() + "/api/v1/status/tsdb").get("seriesCountByMetricName").toString())
                .contains("{\"name\":\"" + REQUESTS + "\",\"value\":1}");
    }

    @Test
    @Order(1)
    void exemplarsOfNativeHistogramsAreQueryable() {
        long end = HistogramFrames.time(base, HistogramFrames.COUNT - 1);
        JsonNode got = exemplars(REQUESTS + "{job=\"hist\"}", end);
        ArrayNode want = JSON.createArrayNode();
        ObjectNode series = want.addObject();
        series.set("seriesLabels", json("{\"__name__\":\"" + REQUESTS + "\",\"instance\":\"" + target.address()
                + "\",\"job\":\"hist\",\"path\":\"/api\"}"));
        ArrayNode exemplars = series.putArray("exemplars");
        for (int k = 0; k < HistogramFrames.COUNT; k++) {
            ObjectNode e = exemplars.addObject();
            e.set("labels", json("{\"trace_id\":\"" + HistogramFrames.traceId(k) + "\"}"));
            e.put("value", Double.toString(HistogramFrames.exemplarValue(k)));
            e.put("timestamp", HistogramFrames.exemplarTime(HistogramFrames.time(base, k)) / 1000.0);
        }
        // Every frame's exemplar once (each frame is scraped several times), in time order, value as a string.
        assertThat(got).isEqualTo(want);
    }

    @Test
    @Order(2)
    void histogramsComeBackAfterARestart() throws Exception {
        long end = HistogramFrames.time(base, HistogramFrames.COUNT - 1);
        String all = "{__name__=~\"e2e_.*\"}";
        JsonNode before = range(ignisBase, all, base, end);
        JsonNode exemplarsBefore = exemplars(end);
        assertThat(exemplarsBefore.size()).as("exemplars of both jobs").isEqualTo(2);
        assertThat(before.get("result").size()).isGreaterThanOrEqualTo(STORED_IGNIS_COUNT);
        ignis.shutdown();
        ignis = null;
        Path chunksHead = dir.resolve("ignis-data").resolve("chunks_head");
        long mapped;
        try (Stream<Path> files = Files.list(chunksHead)) {
            mapped = files.mapToLong(p -> p.toFile().length()).sum();
        }
        // More than the 8-byte file header: the counter reset in frame 3 cut the first chunks.
        assertThat(mapped).as("bytes in chunks_head").isGreaterThan(8);
        target.close();
        target = null;
        ignis = startIgnis();
        assertThat(range(ignisBase, all, base, end)).isEqualTo(before);
        assertThat(exemplars(end)).as("exemplars replayed from the WAL").isEqualTo(exemplarsBefore);
    }

    private static JsonNode exemplars(long end) {
        return exemplars(REQUESTS, end);
    }

    private static JsonNode exemplars(String selector, long end) {
        return data(ignisBase + "/api/v1/query_exemplars?query=" + URLEncoder.encode(selector, StandardCharsets.UTF_8)
                + "&start=" + (base - 1000) / 1000.0 + "&end=" + end / 1000.0);
    }

    private static JsonNode histogram(String server, String selector, long t) {
        JsonNode result = instant(server, selector, t).get("result");
        assertThat(result.size()).as("%s: one series in %s", selector, result).isEqualTo(1);
        return result.get(0).get("histogram").get(1);
    }

    /** The one value of an instant query's vector. */
    private static double number(String server, String promql, long t) {
        JsonNode result = instant(server, promql, t).get("result");
        assertThat(result.size()).as("%s: one series in %s", promql, result).isEqualTo(1);
        return Double.parseDouble(result.get(0).get("value").get(1).asText());
    }

    /** A classic histogram's bucket values by their bound. */
    private static Map<Double, String> byBound(String server, String promql, long t) {
        Map<Double, String> out = new TreeMap<>();
        for (JsonNode s : instant(server, promql, t).get("result")) {
            String le = s.get("metric").get("le").asText();
            double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
            out.put(bound, s.get("value").get(1).asText());
        }
        return out;
    }

    /** The values of an instant query's vector, in the order of the answer, as a JSON array text. */
    private static String values(String server, String promql, long t) {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode s : instant(server, promql, t).get("result")) {
            out.add(s.get("value").get(1));
        }
        return out.toString();
    }

    static JsonNode instant(String server, String promql, long t) {
        return data(server + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + t / 1000.0);
    }

    private static JsonNode range(String server, String promql, long start, long end) {
        return data(server + "/api/v1/query_range?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start=" + start / 1000.0 + "&end=" + end / 1000.0 + "&step=" + HistogramFrames.STEP_MS / 1000);
    }

    private static JsonNode data(String uri) {
        try {
            JsonNode n = JSON.readTree(PrometheusProcess.get(uri));
            assertThat(n.path("status").asText()).as(uri).isEqualTo("success");
            return n.get("data");
        } catch (IOException e) {
            throw new AssertionError(uri + ": " + e, e);
        }
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
