package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.ignis.server.api.BuildInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exemplars end to end: a target on 127.0.0.1 exposes OpenMetrics with exemplars, the server (with {@code
 * --enable-feature=exemplar-storage}) scrapes it every second, and {@code /api/v1/query_exemplars} returns them; the
 * same answer as Debian's Prometheus 2.42 scraping the same target with the same feature on. Then, on Ignis alone: a
 * reload shrinks the storage, a restart replays it from the WAL, and without the feature nothing is stored.
 */
class ExemplarsEndToEndTest {
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final BuildInfo BUILD = new BuildInfo("3.0.0", "abc", "main", "me", "20260101-00:00:00",
            "java17");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Three exemplars with their own timestamps, one without (stored at its first scrape's time). */
    private static final String EXPOSITION = """
            # TYPE req counter
            # HELP req Requests served.
            req_total{path="/a"} 5 # {trace_id="abc123"} 1.0 1700000000.123
            req_total{path="/b"} 3 # {span_id="s1",trace_id="def456"} 0.5 1700000001
            # TYPE latency_seconds histogram
            latency_seconds_bucket{le="0.1"} 1 # {trace_id="h1"} 0.05 1700000002.5
            latency_seconds_bucket{le="+Inf"} 2 # {trace_id="h2"} 0.3
            latency_seconds_count 2
            latency_seconds_sum 0.35
            # EOF
            """;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path dir;
    private HttpServer target;
    private volatile String exposition = EXPOSITION;
    private Server server;
    private String base;
    private Process prometheus;

    @BeforeEach
    void serveTarget() throws IOException {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        target.createContext("/metrics", exchange -> {
            byte[] body = exposition.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type",
                    "application/openmetrics-text; version=1.0.0; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        target.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.shutdown();
        }
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        target.stop(0);
    }

    private String config(int maxExemplars) {
        return "global: {scrape_interval: 1s, scrape_timeout: 1s}\n"
                + "scrape_configs:\n"
                + "  - job_name: om\n"
                + "    static_configs: [{targets: ['127.0.0.1:" + target.getAddress().getPort() + "']}]\n"
                + "storage: {exemplars: {max_exemplars: " + maxExemplars + "}}\n";
    }

    private void startIgnis(int maxExemplars, String... extra) throws Exception {
        Files.writeString(dir.resolve("ignis.yml"), config(maxExemplars));
        List<String> args = new ArrayList<>(List.of("--config.file=" + dir.resolve("ignis.yml"),
                "--web.listen-address=127.0.0.1:0", "--storage.tsdb.path=" + dir.resolve("ignis-data"),
                "--web.enable-lifecycle"));
        args.addAll(List.of(extra));
        server = new Server(Flags.parse(args.toArray(new String[0])), BUILD);
        base = "http://127.0.0.1:" + server.listen().get(0).getPort();
        server.becomeReady();
    }

    private void stopIgnis() {
        server.shutdown();
        server = null;
    }

    private String startPrometheus() throws Exception {
        boolean present = Files.isExecutable(PROMETHEUS);
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as(PROMETHEUS + " is required when CI=true (Debian package prometheus)").isTrue();
        }
        Assumptions.assumeTrue(present, PROMETHEUS + " not installed (Debian package prometheus); skipping");
        Files.writeString(dir.resolve("prometheus.yml"), config(100));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("prometheus.log");
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("prom-data"), "--web.listen-address=127.0.0.1:" + port,
                "--enable-feature=exemplar-storage").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String url = "http://127.0.0.1:" + port;
        await(() -> {
            if (!prometheus.isAlive()) {
                throw new AssertionError("prometheus exited: " + read(log));
            }
            return status(url + "/-/ready") == 200;
        }, () -> "prometheus ready; log:\n" + read(log));
        return url;
    }

    @Test
    void scrapedExemplarsAnswerAsPrometheus() throws Exception {
        String peer = startPrometheus();
        long before = System.currentTimeMillis();
        startIgnis(100, "--enable-feature=exemplar-storage");
        for (String url : List.of(base, peer)) {
            await(() -> exemplarCount(url, "{job=\"om\"}") == 4 && scrapes(url) >= 3,
                    () -> "4 exemplars after 3 scrapes at " + url + ": " + exemplars(url, "{job=\"om\"}"));
        }
        String timed = "req_total or latency_seconds_bucket{le=\"0.1\"}";
        assertThat(exemplars(base, timed)).as("byte for byte, exemplars with their own timestamps")
                .isEqualTo(exemplars(peer, timed))
                .isEqualTo("{\"status\":\"success\",\"data\":[{\"seriesLabels\":{\"__name__\":"
                        + "\"latency_seconds_bucket\",\"instance\":\"" + targetAddress() + "\",\"job\":\"om\","
                        + "\"le\":\"0.1\"},\"exemplars\":[{\"labels\":{\"trace_id\":\"h1\"},\"value\":\"0.05\","
                        + "\"timestamp\":1700000002.500}]},{\"seriesLabels\":{\"__name__\":\"req_total\","
                        + "\"instance\":\""
                        + targetAddress() + "\",\"job\":\"om\",\"path\":\"/a\"},\"exemplars\":[{\"labels\":"
                        + "{\"trace_id\":\"abc123\"},\"value\":\"1\",\"timestamp\":1700000000.123}]},{\"seriesLabels\":"
                        + "{\"__name__\":\"req_total\",\"instance\":\"" + targetAddress() + "\",\"job\":\"om\","
                        + "\"path\":\"/b\"},\"exemplars\":[{\"labels\":{\"span_id\":\"s1\",\"trace_id\":\"def456\"},"
                        + "\"value\":\"0.5\",\"timestamp\":1700000001}]}]}");

        JsonNode ours = JSON.readTree(exemplars(base, "{job=\"om\"}"));
        JsonNode theirs = JSON.readTree(exemplars(peer, "{job=\"om\"}"));
        long ourUntimed = untimed(ours);
        assertThat(ourUntimed).as("the exemplar without a timestamp gets its first scrape's time")
                .isBetween(before - 1000, System.currentTimeMillis());
        untimed(theirs);
        assertThat(ours).as("whole answer, the scrape-time timestamp aside").isEqualTo(theirs);

        for (String url : List.of(base, peer)) {
            String metrics = get(url + "/metrics");
            for (String family : List.of("prometheus_tsdb_exemplar_exemplars_appended_total",
                    "prometheus_tsdb_exemplar_exemplars_in_storage",
                    "prometheus_tsdb_exemplar_series_with_exemplars_in_storage",
                    "prometheus_tsdb_exemplar_last_exemplars_timestamp_seconds",
                    "prometheus_tsdb_exemplar_max_exemplars",
                    "prometheus_tsdb_exemplar_out_of_order_exemplars_total")) {
                assertThat(metrics).as(url + " /metrics").contains("\n" + family + " ");
            }
            assertThat(metric(metrics, "prometheus_tsdb_exemplar_exemplars_in_storage")).as(url).isEqualTo(4);
            assertThat(metric(metrics, "prometheus_tsdb_exemplar_max_exemplars")).as(url).isEqualTo(100);
        }
    }

    @Test
    void aReloadResizesAndARestartReplays() throws Exception {
        startIgnis(100, "--enable-feature=exemplar-storage");
        await(() -> exemplarCount(base, "{job=\"om\"}") == 4, () -> "4 exemplars: " + exemplars(base, "{job=\"om\"}"));
        exposition = "# EOF\n"; // no exemplars from now on
        Files.writeString(dir.resolve("ignis.yml"), config(2));
        assertThat(post(base + "/-/reload")).isEqualTo(200);
        await(() -> metric(get(base + "/metrics"), "prometheus_tsdb_exemplar_max_exemplars") == 2,
                () -> "max_exemplars 2");
        String shrunk = exemplars(base, "{job=\"om\"}");
        assertThat(exemplarCount(base, "{job=\"om\"}")).as(shrunk).isEqualTo(2);

        stopIgnis();
        startIgnis(100, "--enable-feature=exemplar-storage");
        assertThat(exemplarCount(base, "{job=\"om\"}")).as("all four come back from the WAL").isEqualTo(4);
        JsonNode replayed = JSON.readTree(exemplars(base, "req_total{path=\"/a\"}"));
        assertThat(Math.round(replayed.at("/data/0/exemplars/0/timestamp").asDouble() * 1000))
                .isEqualTo(1_700_000_000_123L);
        assertThat(replayed.at("/data/0/exemplars/0/labels/trace_id").asText()).isEqualTo("abc123");
    }

    @Test
    void withoutTheFeatureNothingIsStored() throws Exception {
        startIgnis(100);
        await(() -> scrapes(base) >= 2, () -> "2 scrapes");
        assertThat(exemplars(base, "{job=\"om\"}")).isEqualTo("{\"status\":\"success\",\"data\":[]}");
        String metrics = get(base + "/metrics");
        assertThat(metric(metrics, "prometheus_tsdb_exemplar_max_exemplars")).isZero();
        assertThat(metric(metrics, "prometheus_tsdb_exemplar_exemplars_appended_total")).isZero();
    }

    /** Replaces the timestamp of trace h2 (exposed without one) by 0 and returns it in ms. */
    private static long untimed(JsonNode answer) {
        for (JsonNode series : answer.path("data")) {
            for (JsonNode e : series.path("exemplars")) {
                if (e.path("labels").path("trace_id").asText().equals("h2")) {
                    long t = Math.round(e.path("timestamp").asDouble() * 1000);
                    ((ObjectNode) e).put("timestamp", 0);
                    return t;
                }
            }
        }
        throw new AssertionError("no exemplar h2 in " + answer);
    }

    /** The value of an unlabelled family in a text exposition. */
    private static double metric(String exposition, String name) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError("no " + name + " in /metrics");
    }

    private String targetAddress() {
        return "127.0.0.1:" + target.getAddress().getPort();
    }

    private String exemplars(String url, String query) {
        return get(url + "/api/v1/query_exemplars?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    private int exemplarCount(String url, String query) throws IOException {
        int n = 0;
        for (JsonNode series : JSON.readTree(exemplars(url, query)).path("data")) {
            n += series.path("exemplars").size();
        }
        return n;
    }

    /** How many scrapes of the target the server stored in the last minute. */
    private int scrapes(String url) throws IOException {
        String q = URLEncoder.encode("count_over_time(up{job=\"om\"}[1m])", StandardCharsets.UTF_8);
        JsonNode r = JSON.readTree(get(url + "/api/v1/query?query=" + q)).at("/data/result/0/value/1");
        return r.isMissingNode() ? 0 : Integer.parseInt(r.asText());
    }

    private String get(String uri) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(uri)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("GET " + uri + ": " + r.body()).isEqualTo(200);
            return r.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private int status(String uri) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(uri)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private int post(String uri) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(uri)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Polls every 100 ms until {@code condition} holds, failing after {@link #WAIT}. */
    private static void await(ThrowingCondition condition, Supplier<String> message) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + message.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    @FunctionalInterface
    private interface ThrowingCondition {
        boolean holds() throws Exception;
    }
}
