package io.ignis.server.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Prometheus 2.42 as a real peer: started on 127.0.0.1 with a temporary config and storage directory and
 * {@code --web.enable-remote-write-receiver}, stopped through its own process handle. Missing binary: the test
 * fails when CI=true and is skipped otherwise.
 */
final class PrometheusPeer implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final int port;
    private final List<String> flags;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;

    private PrometheusPeer(Path dir, int port, List<String> flags) {
        this.dir = dir;
        this.port = port;
        this.flags = flags;
    }

    static void assumeInstalled() {
        if (!Files.isExecutable(BINARY)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(BINARY + " is required when CI=true (Debian package prometheus)");
            }
            Assumptions.abort(BINARY + " is not installed; skipping the Prometheus interoperability test");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts Prometheus with {@code configYaml} (where {@code PORT} is replaced by its own port). */
    static PrometheusPeer start(Path dir, String configYaml) throws IOException {
        return start(dir, configYaml, List.of());
    }

    /** Starts Prometheus with {@code configYaml} and {@code flags} after the usual ones. */
    static PrometheusPeer start(Path dir, String configYaml, List<String> flags) throws IOException {
        assumeInstalled();
        int port = freePort();
        Files.writeString(dir.resolve("prometheus.yml"), configYaml.replace("PORT", Integer.toString(port)));
        PrometheusPeer peer = new PrometheusPeer(dir, port, List.copyOf(flags));
        peer.launch();
        return peer;
    }

    private void launch() throws IOException {
        Path log = dir.resolve("prometheus.log");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--config.file="
                + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--web.enable-remote-write-receiver", "--log.level=warn"));
        command.addAll(flags);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Poll.until(Duration.ofSeconds(30), this::ready, () -> "prometheus ready on port " + port + ", log: "
                + readQuietly(log));
    }

    /** Stops the process (SIGTERM to its PID) and waits for it; {@link #restart()} starts it again. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** Starts again on the same port over the same storage directory. */
    void restart() throws IOException {
        launch();
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    int port() {
        return port;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new AssertionError("prometheus exited with " + process.exitValue());
        }
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url("/-/ready"))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The {@code data.result} of an instant query at {@code timeSeconds}. */
    JsonNode query(String promql, double timeSeconds) {
        String u = url("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time="
                + timeSeconds);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(u)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode n = JSON.readTree(r.body());
            if (!"success".equals(n.path("status").asText())) {
                throw new AssertionError("query " + promql + ": " + r.body());
            }
            return n.path("data").path("result");
        } catch (IOException e) {
            throw new AssertionError("query " + promql + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
