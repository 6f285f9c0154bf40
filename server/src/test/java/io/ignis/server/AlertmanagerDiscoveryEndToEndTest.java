package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ignis.server.api.BuildInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running server finds Debian's Alertmanager through {@code file_sd_configs}: an always-firing alert reaches it
 * with labels changed by {@code alert_relabel_configs} (a second alert is dropped by them), the standby entry of the
 * file is dropped by the entry's {@code relabel_configs}, and rewriting the file moves
 * {@code /api/v1/alertmanagers} to the new address.
 */
class AlertmanagerDiscoveryEndToEndTest {
    private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    private static final BuildInfo BUILD = new BuildInfo("1.0.0", "abc", "main", "me", "20260101-00:00:00",
            "java17");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process alertmanager;
    private Server server;
    @TempDir
    Path dir;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.shutdown();
        }
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.waitFor();
        }
    }

    @Test
    void alertmanagerFoundThroughFileSdGetsRelabeledAlertsAndFollowsTheFile() throws Exception {
        int amPort = startAlertmanager();
        int standbyPort = freePort();
        Path targets = dir.resolve("alertmanagers.json");
        writeAtomically(targets, """
                [{"targets": ["127.0.0.1:%d"], "labels": {"role": "primary"}},
                 {"targets": ["127.0.0.1:%d"], "labels": {"role": "standby"}}]
                """.formatted(amPort, standbyPort));
        Files.writeString(dir.resolve("rules.yml"), """
                groups:
                  - name: e2e
                    interval: 1s
                    rules:
                      - alert: AlwaysOn
                        expr: vector(1)
                        labels: {severity: page}
                      - alert: Noise
                        expr: vector(1)
                """);
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  external_labels: {cluster: eu-1}
                rule_files: ["%s"]
                alerting:
                  alert_relabel_configs:
                    - {source_labels: [severity], regex: page, target_label: severity, replacement: critical}
                    - {source_labels: [alertname], regex: Noise, action: drop}
                  alertmanagers:
                    - file_sd_configs: [{files: ["%s"], refresh_interval: 1s}]
                      relabel_configs:
                        - {source_labels: [role], regex: standby, action: drop}
                """.formatted(dir.resolve("rules.yml"), targets));
        // As in Prometheus, alerts the rules send before discovery has found the Alertmanager are dropped and sent
        // again only after the resend delay (1m by default), so a short one keeps the test free of that race.
        server = new Server(Flags.parse("--config.file=" + dir.resolve("prometheus.yml"),
                "--web.listen-address=127.0.0.1:0", "--storage.tsdb.path=" + dir.resolve("data"),
                "--rules.alert.resend-delay=1s"), BUILD);
        String base = "http://127.0.0.1:" + server.listen().get(0).getPort();
        server.becomeReady();

        String primary = "http://127.0.0.1:" + amPort + "/api/v2/alerts";
        String standby = "http://127.0.0.1:" + standbyPort + "/api/v2/alerts";
        await(() -> alertmanagers(base).equals(List.of(List.of(primary), List.of(standby))),
                "the primary active and the standby dropped in /api/v1/alertmanagers");

        await(() -> amAlerts(amPort).size() > 0, "the alert in alertmanager");
        JsonNode alerts = amAlerts(amPort);
        assertThat(alerts).as("Noise is dropped by alert_relabel_configs").hasSize(1);
        assertThat(alerts.get(0).get("labels")).isEqualTo(JSON.readTree("""
                {"alertname": "AlwaysOn", "cluster": "eu-1", "severity": "critical"}
                """));

        int elsewhere = freePort();
        writeAtomically(targets, """
                [{"targets": ["127.0.0.1:%d"], "labels": {"role": "primary"}}]
                """.formatted(elsewhere));
        String moved = "http://127.0.0.1:" + elsewhere + "/api/v2/alerts";
        await(() -> alertmanagers(base).equals(List.of(List.of(moved), List.of())),
                "/api/v1/alertmanagers to follow the rewritten file");
    }

    /** The active and the dropped URLs of {@code /api/v1/alertmanagers}. */
    private List<List<String>> alertmanagers(String base) throws Exception {
        JsonNode data = JSON.readTree(get(base + "/api/v1/alertmanagers").body()).get("data");
        List<List<String>> out = new ArrayList<>();
        for (String field : List.of("activeAlertmanagers", "droppedAlertmanagers")) {
            List<String> urls = new ArrayList<>();
            data.get(field).forEach(n -> urls.add(n.get("url").asText()));
            out.add(urls);
        }
        return out;
    }

    private JsonNode amAlerts(int port) throws Exception {
        return JSON.readTree(get("http://127.0.0.1:" + port + "/api/v2/alerts").body());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    // A rename, so the file watcher never reads a half-written file.
    private void writeAtomically(Path file, String text) throws IOException {
        Path tmp = Files.writeString(dir.resolve(file.getFileName() + ".tmp"), text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private int startAlertmanager() throws Exception {
        if (!Files.isExecutable(BINARY)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(BINARY + " is missing (install Debian's prometheus-alertmanager)");
            }
            Assumptions.abort(BINARY + " is missing; install Debian's prometheus-alertmanager");
        }
        int port = freePort();
        Path config = Files.writeString(dir.resolve("am.yml"), """
                route:
                  receiver: blackhole
                receivers:
                  - name: blackhole
                """);
        alertmanager = new ProcessBuilder(BINARY.toString(), "--cluster.listen-address=",
                "--web.listen-address=127.0.0.1:" + port, "--storage.path=" + dir.resolve("am-data"),
                "--config.file=" + config).redirectErrorStream(true).redirectOutput(dir.resolve("am.log").toFile())
                .start();
        await(() -> get("http://127.0.0.1:" + port + "/-/ready").statusCode() == 200, "alertmanager ready");
        return port;
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    /** Polls until {@code c} holds, for at most 20 s; connection errors count as not yet. */
    private void await(Check c, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (c.ok()) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (alertmanager != null && !alertmanager.isAlive()) {
                throw new AssertionError("alertmanager exited: " + Files.readString(dir.resolve("am.log")));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
