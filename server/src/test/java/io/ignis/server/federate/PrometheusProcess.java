package io.ignis.server.federate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Prometheus 2.42 as a peer on 127.0.0.1, with its own port, config and storage under a temporary
 * directory; stopped through its own process handle only. Also the small query client both servers are read with.
 * Public for the other end-to-end tests of the server.
 */
public final class PrometheusProcess implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path log;
    public final int port;

    private PrometheusProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Fails when CI=true and the binary is missing; skips the test otherwise. */
    public static void assumeInstalled() {
        boolean present = Files.isExecutable(BINARY);
        if ("true".equals(System.getenv("CI")) && !present) {
            throw new AssertionError(BINARY + " is required when CI=true (Debian package prometheus)");
        }
        Assumptions.assumeTrue(present, BINARY + " not installed (Debian package prometheus); skipping");
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Starts Prometheus on {@code port} with {@code configYaml} and waits until it reports ready. */
    public static PrometheusProcess start(Path dir, int port, String configYaml, String... extraFlags)
            throws IOException {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, configYaml);
        Path log = dir.resolve("prometheus.log");
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("prom-data"), "--web.listen-address=127.0.0.1:" + port));
        cmd.addAll(List.of(extraFlags));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusProcess peer = new PrometheusProcess(p, log, port);
        await(Duration.ofSeconds(20), () -> peer.ready(), () -> "prometheus ready; log:\n" + peer.log());
        return peer;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new AssertionError("prometheus exited with " + process.exitValue() + ":\n" + log());
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * An instant query's vector on the server at {@code base}, as label set to value string, so two servers'
     * answers compare with {@code equals}.
     */
    public static Map<Map<String, String>, String> vector(String base, String promql) {
        Map<Map<String, String>, String> out = new HashMap<>();
        for (JsonNode s : result(base, promql, "")) {
            out.put(labels(s.get("metric")), s.get("value").get(1).asText());
        }
        return out;
    }

    /** The raw sample timestamps (ms) of a range-vector selector, per series. */
    static Map<Map<String, String>, List<Long>> sampleTimes(String base, String rangeSelector, double atSeconds) {
        Map<Map<String, String>, List<Long>> out = new HashMap<>();
        for (JsonNode s : result(base, rangeSelector, "&time=" + atSeconds)) {
            List<Long> ts = new ArrayList<>();
            s.get("values").forEach(p -> ts.add(Math.round(p.get(0).asDouble() * 1000)));
            out.put(labels(s.get("metric")), ts);
        }
        return out;
    }

    /** A GET's body; fails unless the answer is 200. */
    public static String get(String uri) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + uri + ": " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static JsonNode result(String base, String promql, String extra) {
        String uri = base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + extra;
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode n = JSON.readTree(r.body());
            if (!"success".equals(n.path("status").asText())) {
                throw new AssertionError("query " + promql + " on " + base + ": " + r.body());
            }
            return n.get("data").get("result");
        } catch (IOException e) {
            throw new AssertionError("query " + promql + " on " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> m = new TreeMap<>();
        metric.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    /** Polls {@code condition} every 100 ms until it holds or {@code timeout} passes, then fails with the message. */
    public static void await(Duration timeout, Supplier<Boolean> condition, Supplier<String> message) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + message.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
