package io.ignis.server.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ignis.config.ConfigLoader;
import io.ignis.config.HttpClientConfig;
import io.ignis.discovery.TargetGroup;
import io.ignis.labels.Labels;
import io.ignis.promql.engine.Engine;
import io.ignis.promql.engine.EngineOptions;
import io.ignis.promql.parser.PromqlParser;
import io.ignis.server.rules.AlertState;
import io.ignis.server.rules.AlertingRule;
import io.ignis.server.rules.Group;
import io.ignis.server.rules.GroupOptions;
import io.ignis.server.rules.MemStorage;
import io.ignis.server.rules.RuleManager;
import io.ignis.server.rules.RuleMetrics;
import io.ignis.server.rules.RuleQuery;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An alert goes pending, fires, reaches Debian's Alertmanager, then resolves, read back through its API v2. */
class AlertmanagerIntegrationTest {
    private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Process alertmanager;
    private Notifier notifier;
    @TempDir
    Path dir;

    @AfterEach
    void stop() throws InterruptedException {
        if (notifier != null) {
            notifier.stop();
        }
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
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
                  group_wait: 1s
                receivers:
                  - name: blackhole
                """);
        Files.createDirectories(dir.resolve("data"));
        alertmanager = new ProcessBuilder(BINARY.toString(), "--cluster.listen-address=",
                "--web.listen-address=127.0.0.1:" + port, "--storage.path=" + dir.resolve("data"),
                "--config.file=" + config).redirectErrorStream(true).redirectOutput(dir.resolve("am.log").toFile())
                .start();
        awaitTrue(() -> get(port, "/-/ready").statusCode() == 200, "alertmanager ready");
        return port;
    }

    private HttpResponse<String> get(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private void awaitTrue(Check c, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (c.ok()) {
                    return;
                }
            } catch (NullPointerException e) {
                // not listening yet
            }
            if (alertmanager != null && !alertmanager.isAlive()) {
                throw new AssertionError("alertmanager exited: " + Files.readString(dir.resolve("am.log")));
            }
            Thread.onSpinWait();
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private JsonNode alerts(int port, String alertname) throws IOException {
        HttpResponse<String> r = get(port, "/api/v2/alerts?filter=alertname%3D%22" + alertname + "%22");
        return JSON.readTree(r.body());
    }

    @Test
    void alertIsPendingThenFiresReachesAlertmanagerAndResolves() throws Exception {
        int port = startAlertmanager();
        NotifierMetrics nm = new NotifierMetrics();
        notifier = new Notifier(Notifier.DEFAULT_QUEUE_CAPACITY, nm);
        AlertmanagerTarget target = new AlertmanagerTarget(
                URI.create("http://127.0.0.1:" + port + "/api/v2/alerts"), 5000, HttpClientConfig.DEFAULT);
        notifier.applyConfig(ConfigLoader.load("""
                alerting:
                  alertmanagers:
                    - static_configs: [{targets: ["127.0.0.1:%d"]}]
                """.formatted(port), "t.yml").alerting(), Map.of("cluster", "eu-1"));
        notifier.sync(Map.of("config-0", List.of(new TargetGroup("static/0",
                List.of(Map.of("__address__", "127.0.0.1:" + port)), Map.of()))));
        assertThat(notifier.alertmanagers()).extracting(AlertmanagerTarget::url).containsExactly(target.url());
        notifier.start();

        long now = System.currentTimeMillis();
        MemStorage storage = new MemStorage();
        Labels down = Labels.of("__name__", "job_down", "instance", "db-1:9100", "job", "db");
        for (long t = now - 10 * 60_000; t <= now - 5_000; t += 15_000) {
            storage.add(down, t, 1);
        }
        Engine engine = new Engine(EngineOptions.defaults(), PromqlParser::parse);
        GroupOptions opts = new GroupOptions(storage, storage, RuleQuery.of(engine, storage),
                notifier.notifyFunc("http://ignis.example:9090"), GroupOptions.DEFAULT_OUTAGE_TOLERANCE_MS,
                GroupOptions.DEFAULT_FOR_GRACE_PERIOD_MS, GroupOptions.DEFAULT_RESEND_DELAY_MS,
                System::currentTimeMillis, GroupOptions.Sleeper.system(System::currentTimeMillis), new RuleMetrics());
        RuleManager manager = new RuleManager(opts);
        Path rules = Files.writeString(dir.resolve("rules.yml"), """
                groups:
                  - name: db
                    rules:
                      - alert: DatabaseDown
                        expr: job_down == 1
                        for: 1m
                        labels:
                          severity: page
                        annotations:
                          summary: "{{ $labels.instance }} of {{ $labels.job }} is down"
                          value: "{{ $value }}"
                """);
        manager.update(60_000, 0, List.of(rules), Map.of("cluster", "eu-1"), "http://ignis.example:9090");
        Group g = manager.ruleGroups().get(0);
        AlertingRule rule = manager.alertingRules().get(0);

        g.eval(now - 120_000);
        assertThat(rule.state()).isEqualTo(AlertState.PENDING);
        g.eval(now - 30_000);
        assertThat(rule.state()).isEqualTo(AlertState.FIRING);

        awaitTrue(() -> alerts(port, "DatabaseDown").size() == 1, "the firing alert in alertmanager");
        JsonNode a = alerts(port, "DatabaseDown").get(0);
        assertThat(a.get("labels")).isEqualTo(JSON.readTree("""
                {"alertname":"DatabaseDown","cluster":"eu-1","instance":"db-1:9100","job":"db","severity":"page"}
                """));
        assertThat(a.get("annotations")).isEqualTo(JSON.readTree("""
                {"summary":"db-1:9100 of db is down","value":"1"}
                """));
        assertThat(a.get("status").get("state").asText()).isEqualTo("active");
        assertThat(a.get("generatorURL").asText())
                .isEqualTo("http://ignis.example:9090/graph?g0.expr=job_down+%3D%3D+1&g0.tab=1");

        storage.add(down, now, 0);
        g.eval(now);
        assertThat(rule.state()).isEqualTo(AlertState.INACTIVE);
        Predicate<JsonNode> gone = arr -> arr.size() == 0;
        awaitTrue(() -> gone.test(alerts(port, "DatabaseDown")), "the resolved alert to leave alertmanager's list");
        awaitTrue(() -> nm.value("prometheus_notifications_sent_total", target.url().toString()) == 2,
                "two batches counted as sent");
        assertThat(nm.value("prometheus_notifications_errors_total", target.url().toString())).isZero();
        manager.stop();
    }
}
