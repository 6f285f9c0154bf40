package io.ignis.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ignis.config.FileSdConfig;
import io.ignis.config.ServiceDiscoveryConfigs;
import io.ignis.config.StaticConfig;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference: Debian's Prometheus reads the same static and file SD config, and the labels it discovered (its
 * {@code /api/v1/targets} {@code discoveredLabels}, minus the ones the scrape pool adds) equal ours.
 */
class PrometheusPeerTest {
    private static final Path BINARY = Path.of("/usr/bin/prometheus");
    // Added by the scrape pool from the job config, not by discovery.
    private static final Set<String> SCRAPE_LABELS = Set.of("job", "__scheme__", "__metrics_path__",
            "__scrape_interval__", "__scrape_timeout__");

    @TempDir
    Path dir;

    @Test
    void discoveredLabelsEqualPrometheus() throws Exception {
        if (!Files.isExecutable(BINARY)) {
            String why = BINARY + " is missing: apt-get install -y prometheus";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        Path sd = Files.createDirectories(dir.resolve("sd"));
        Files.writeString(sd.resolve("a.json"), """
                [{"targets": ["10.0.0.1:9100", "10.0.0.2:9100"], "labels": {"team": "x", "env": "prod"}},
                 {"targets": ["10.0.0.3:9100"]}]""");
        Files.writeString(sd.resolve("b.yml"), """
                - targets: ['10.0.1.1:8080']
                  labels: {team: y}
                """);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("prometheus.yml"), """
                global: {scrape_interval: 1h}
                scrape_configs:
                  - job_name: peer
                    static_configs:
                      - targets: ['127.0.0.1:1']
                        labels: {kind: static}
                    file_sd_configs:
                      - files: ['%s/*.json', '%s/*.yml']
                """.formatted(sd, sd));
        Process prometheus = new ProcessBuilder(BINARY.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            Set<Map<String, String>> theirs = new HashSet<>();
            Await.until("prometheus discovered 5 targets", Duration.ofSeconds(30), () -> {
                theirs.clear();
                theirs.addAll(discovered(port));
                return theirs.size() == 5;
            });
            assertThat(ours(sd)).isEqualTo(theirs);
        } finally {
            prometheus.destroy();
            prometheus.waitFor();
        }
    }

    private Set<Map<String, String>> ours(Path sd) {
        ServiceDiscoveryConfigs configs = new ServiceDiscoveryConfigs(
                List.of(new StaticConfig(List.of("127.0.0.1:1"), Map.of("kind", "static"))),
                List.of(new FileSdConfig(List.of(sd + "/*.json", sd + "/*.yml"), Duration.ofMinutes(5))), List.of(),
                List.of(), List.of());
        Subscriber subscriber = new Subscriber();
        RecordingDiscoveryMetrics metrics = new RecordingDiscoveryMetrics();
        Map<String, ServiceDiscoveryConfigs> jobs = new LinkedHashMap<>();
        jobs.put("peer", configs);
        try (DiscoveryManager m = new DiscoveryManager("scrape", new Mechanisms(metrics), metrics,
                Duration.ofMillis(20), System::currentTimeMillis)) {
            m.subscribe(subscriber);
            m.applyConfig(jobs);
            Await.until("our 5 targets", Duration.ofSeconds(10), () -> flatten(subscriber.last()).size() == 5);
            return flatten(subscriber.last());
        }
    }

    // Group labels under target labels, empty values dropped: what Prometheus shows as discovered labels.
    private static Set<Map<String, String>> flatten(Map<String, List<TargetGroup>> update) {
        Set<Map<String, String>> out = new HashSet<>();
        for (TargetGroup g : update.getOrDefault("peer", List.of())) {
            for (Map<String, String> t : g.targets()) {
                Map<String, String> all = new HashMap<>(g.labels());
                all.putAll(t);
                all.values().removeIf(String::isEmpty);
                out.add(all);
            }
        }
        return out;
    }

    private static Set<Map<String, String>> discovered(int port) {
        Set<Map<String, String>> out = new HashSet<>();
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port
                    + "/api/v1/targets?state=active").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            JsonNode root = new ObjectMapper().readTree(c.getInputStream());
            for (JsonNode t : root.path("data").path("activeTargets")) {
                Map<String, String> labels = new HashMap<>();
                t.path("discoveredLabels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                labels.keySet().removeAll(SCRAPE_LABELS);
                out.add(labels);
            }
        } catch (IOException e) {
            // not up yet
        }
        return out;
    }
}
