package io.ignis.server.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.ignis.config.AlertingConfig;
import io.ignis.config.AlertmanagerConfig;
import io.ignis.config.BasicAuth;
import io.ignis.config.ConfigLoader;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.Secret;
import io.ignis.config.ServiceDiscoveryConfigs;
import io.ignis.config.StaticConfig;
import io.ignis.discovery.TargetGroup;
import io.ignis.labels.Labels;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotifierTest {
    private record Received(String path, String auth, JsonNode body) {
    }

    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final HttpServer server;
    private volatile int status = 200;

    NotifierTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(new Received(ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("Authorization"),
                    new ObjectMapper().readTree(new String(body, StandardCharsets.UTF_8))));
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private AlertmanagerConfig config(String prefix, HttpClientConfig http) {
        ServiceDiscoveryConfigs sd = new ServiceDiscoveryConfigs(List.of(new StaticConfig(List.of(address()),
                Map.of())), List.of(), List.of(), List.of(), List.of());
        return new AlertmanagerConfig(sd, http, "http", prefix, Duration.ofSeconds(5), "v2", List.of(), List.of());
    }

    private static NotifierAlert alert(String name, long startsAt, long endsAt) {
        return new NotifierAlert(Labels.of("alertname", name), Labels.of("summary", "s " + name), startsAt, endsAt,
                "http://x/graph");
    }

    @Test
    void postsAlertmanagerV2JsonWithExternalLabelsPathPrefixAndBasicAuth() throws Exception {
        NotifierMetrics m = new NotifierMetrics();
        Notifier n = new Notifier(100, m);
        HttpClientConfig http = new HttpClientConfig(new BasicAuth("user", "", new Secret("pw"), ""), null,
                io.ignis.config.TlsConfig.EMPTY, "", "", false, Map.of(), Map.of(), true, false);
        n.applyConfig(new AlertingConfig(List.of(), List.of(config("/am/", http))), Map.of("cluster", "eu",
                "alertname", "ignored"));
        n.sync(groups(address()));
        n.start();
        try {
            n.send(List.of(alert("A", 1_700_000_000_123L, 1_700_000_060_000L), alert("B", 0, 0)));
            Received r = received.poll(10, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.path()).isEqualTo("/am/api/v2/alerts");
            assertThat(r.auth()).isEqualTo("Basic dXNlcjpwdw==");
            assertThat(r.body()).isEqualTo(new ObjectMapper().readTree("""
                    [{"labels":{"alertname":"A","cluster":"eu"},"annotations":{"summary":"s A"},
                      "startsAt":"2023-11-14T22:13:20.123Z","endsAt":"2023-11-14T22:14:20Z",
                      "generatorURL":"http://x/graph"},
                     {"labels":{"alertname":"B","cluster":"eu"},"annotations":{"summary":"s B"},
                      "generatorURL":"http://x/graph"}]
                    """));
            String am = "http://" + address() + "/am/api/v2/alerts";
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (m.value("prometheus_notifications_sent_total", am) < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(m.value("prometheus_notifications_sent_total", am)).isEqualTo(2);
            assertThat(m.value("prometheus_notifications_alertmanagers_discovered", "")).isEqualTo(1);
        } finally {
            n.stop();
        }
    }

    @Test
    void batchesAreAtMost256AlertsAndAFullQueueDropsTheOldest() {
        NotifierMetrics m = new NotifierMetrics();
        Notifier n = new Notifier(300, m);
        List<NotifierAlert> many = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            many.add(alert("A" + i, 0, 0));
        }
        n.send(many);
        assertThat(m.value("prometheus_notifications_dropped_total", "")).isEqualTo(100);
        assertThat(m.value("prometheus_notifications_queue_length", "")).isEqualTo(300);
        n.applyConfig(new AlertingConfig(List.of(), List.of(config("", HttpClientConfig.DEFAULT))), Map.of());
        n.sync(groups(address()));
        n.start();
        try {
            Received first = received.poll(10, TimeUnit.SECONDS);
            Received second = received.poll(10, TimeUnit.SECONDS);
            assertThat(first.body().size()).isEqualTo(256);
            assertThat(first.body().get(0).get("labels").get("alertname").asText()).isEqualTo("A100");
            assertThat(second.body().size()).isEqualTo(44);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            n.stop();
        }
    }

    @Test
    void failedPostsAreCountedAsErrors() throws Exception {
        status = 500;
        NotifierMetrics m = new NotifierMetrics();
        Notifier n = new Notifier(10, m);
        AlertmanagerTarget t = new AlertmanagerTarget(URI.create("http://" + address() + "/api/v2/alerts"), 5000,
                HttpClientConfig.DEFAULT);
        assertThat(n.sendAll(List.of(alert("A", 0, 0)), List.of(t))).isFalse();
        assertThat(m.value("prometheus_notifications_errors_total", t.url().toString())).isEqualTo(1);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void alertRelabelingDropsAndRewritesAlertsGloballyAndPerSet() throws Exception {
        Notifier n = new Notifier(10, new NotifierMetrics());
        n.applyConfig(ConfigLoader.load("""
                alerting:
                  alert_relabel_configs:
                    - {source_labels: [alertname], regex: Drop, action: drop}
                    - {target_label: env, replacement: prod}
                  alertmanagers:
                    - static_configs: [{targets: ["%s"]}]
                      alert_relabel_configs:
                        - {source_labels: [cluster], target_label: region}
                """.formatted(address()), "t.yml").alerting(), Map.of("cluster", "eu"));
        n.sync(groups(address()));
        n.send(List.of(alert("Drop", 0, 0), alert("Keep", 0, 0)));
        n.start();
        try {
            JsonNode body = received.poll(10, TimeUnit.SECONDS).body();
            assertThat(body).hasSize(1);
            assertThat(body.get(0).get("labels").toString())
                    .isEqualTo("{\"alertname\":\"Keep\",\"cluster\":\"eu\",\"env\":\"prod\",\"region\":\"eu\"}");
        } finally {
            n.stop();
        }
    }

    private static Map<String, List<TargetGroup>> groups(String... addresses) {
        List<Map<String, String>> targets = new ArrayList<>();
        for (String a : addresses) {
            targets.add(Map.of("__address__", a));
        }
        return Map.of("config-0", List.of(new TargetGroup("static/0", targets, Map.of())));
    }
}
