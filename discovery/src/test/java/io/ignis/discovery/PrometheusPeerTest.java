package io.ignis.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.FileSdConfig;
import io.ignis.config.ServiceDiscoveryConfigs;
import io.ignis.config.StaticConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference: Debian's Prometheus reads the same static and file SD config, and the labels it discovered equal
 * ours.
 */
class PrometheusPeerTest {
    @TempDir
    Path dir;

    @Test
    void discoveredLabelsEqualPrometheus() throws Exception {
        Path sd = Files.createDirectories(dir.resolve("sd"));
        Files.writeString(sd.resolve("a.json"), """
                [{"targets": ["10.0.0.1:9100", "10.0.0.2:9100"], "labels": {"team": "x", "env": "prod"}},
                 {"targets": ["10.0.0.3:9100"]}]""");
        Files.writeString(sd.resolve("b.yml"), """
                - targets: ['10.0.1.1:8080']
                  labels: {team: y}
                """);
        try (PrometheusPeer prometheus = PrometheusPeer.start(dir, """
                global: {scrape_interval: 1h}
                scrape_configs:
                  - job_name: peer
                    static_configs:
                      - targets: ['127.0.0.1:1']
                        labels: {kind: static}
                    file_sd_configs:
                      - files: ['%s/*.json', '%s/*.yml']
                """.formatted(sd, sd))) {
            Set<Map<String, String>> theirs = prometheus.awaitDiscovered(5, Duration.ofSeconds(30));
            assertThat(ours(sd)).isEqualTo(theirs);
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
            Await.until("our 5 targets", Duration.ofSeconds(10),
                    () -> PrometheusPeer.flatten(subscriber.last().getOrDefault("peer", List.of())).size() == 5);
            return PrometheusPeer.flatten(subscriber.last().get("peer"));
        }
    }
}
