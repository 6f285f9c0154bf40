package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.ignis.server.api.BuildInfo;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Prometheus (Debian's binary) scrapes Ignis's {@code /metrics} once a second, negotiating the format as
 * it does by default, and must store our self-metrics without a parse error. Needs {@code prometheus}: fails when
 * it is missing under CI=true, skips otherwise.
 */
class PrometheusScrapesIgnisTest {
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

    private final HttpClient client = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    private Server ignis;
    private Process prometheus;

    @AfterEach
    void stop() {
        if (prometheus != null) {
            prometheus.destroyForcibly();
        }
        if (ignis != null) {
            ignis.shutdown();
        }
    }

    @Test
    void prometheusStoresOurSelfMetrics() throws Exception {
        boolean present = Files.isExecutable(PROMETHEUS);
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as("prometheus (Debian package prometheus) is required under CI=true").isTrue();
        }
        assumeThat(present).as("prometheus not installed; install the Debian package prometheus").isTrue();

        Path ignisConfig = dir.resolve("ignis.yml");
        TestConfigs.write(ignisConfig, TestConfigs.valid("job_one"));
        ignis = new Server(Flags.parse("--config.file=" + ignisConfig, "--web.listen-address=127.0.0.1:0",
                "--storage.tsdb.path=" + dir.resolve("ignis-data")),
                new BuildInfo("9.9.9", "abc", "main", "me", "today", "java17"), TestConfigs.loaderRefusingMarked());
        int ignisPort = ignis.start().get(0).getPort();

        int promPort = freePort();
        Path promConfig = dir.resolve("prometheus.yml");
        TestConfigs.write(promConfig, "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                + "scrape_configs:\n  - job_name: ignis\n    static_configs:\n"
                + "      - targets: ['127.0.0.1:" + ignisPort + "']\n");
        Path log = dir.resolve("prometheus.log");
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + promConfig,
                "--storage.tsdb.path=" + dir.resolve("prom-data"), "--web.listen-address=127.0.0.1:" + promPort)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        String base = "http://127.0.0.1:" + promPort;
        String up = awaitResult(base, "up{job=\"ignis\"} == 1", log);
        assertThat(up).contains("\"instance\":\"127.0.0.1:" + ignisPort + "\"");
        assertThat(awaitResult(base, "prometheus_build_info{job=\"ignis\"}", log)).contains("\"version\":\"9.9.9\"");
        for (String metric : List.of("prometheus_ready", "prometheus_config_last_reload_successful",
                "process_cpu_seconds_total", "process_open_fds", "jvm_memory_used_bytes")) {
            assertThat(awaitResult(base, metric + "{job=\"ignis\"}", log)).as(metric).contains("\"value\"");
        }
        String health = query(base, "/api/v1/targets");
        assertThat(health).contains("\"health\":\"up\"").contains("\"lastError\":\"\"");
    }

    /** Polls an instant query until it returns a non-empty vector; returns the response body. */
    private String awaitResult(String base, String promql, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String body = "";
        while (System.nanoTime() < deadline) {
            assertThat(prometheus.isAlive()).as("prometheus alive; log:\n" + Files.readString(log)).isTrue();
            try {
                body = query(base, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
                if (body.contains("\"result\":[{")) {
                    return body;
                }
            } catch (IOException e) {
                body = e.toString();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        throw new AssertionError("no result for " + promql + "; last answer " + body + "; targets "
                + query(base, "/api/v1/targets"));
    }

    private String query(String base, String pathAndQuery) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
