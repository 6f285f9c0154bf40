package io.ignis.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;

/** Debian's Prometheus 2.42 on loopback, over a data directory of the test's, for comparisons. */
final class PrometheusPeer implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/prometheus");
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private final Process process;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final Path log;

    private PrometheusPeer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Skips the test without the binaries, or fails it when {@code CI=true}. */
    static void assumeInstalled() {
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(PROMTOOL)) {
            assertThat("true".equals(System.getenv("CI")))
                    .as("CI=true but Debian's prometheus/promtool are missing").isFalse();
            Assumptions.abort("Debian's prometheus and promtool are not installed");
        }
    }

    /** Starts Prometheus on {@code dataDir} with no scrape jobs and waits until it is ready. */
    static PrometheusPeer start(Path dataDir, String... flags) throws Exception {
        Files.createDirectories(dataDir);
        Path config = dataDir.resolveSibling(dataDir.getFileName() + ".yml");
        Files.writeString(config, "global:\n  scrape_interval: 1h\n");
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dataDir, "--storage.tsdb.retention.time=100y",
                "--web.listen-address=127.0.0.1:" + port));
        cmd.addAll(List.of(flags));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusPeer peer = new PrometheusPeer(p, port, log);
        try {
            peer.awaitReady();
        } catch (Exception | AssertionError e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            assertThat(process.isAlive()).as("prometheus exited early: %s", Files.readString(log)).isTrue();
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            assertThat(System.nanoTime() - deadline).as("prometheus ready in time").isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** What Prometheus has logged so far. */
    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
