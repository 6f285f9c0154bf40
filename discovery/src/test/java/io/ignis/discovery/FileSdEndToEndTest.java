package io.ignis.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.FileSdConfig;
import io.ignis.config.ServiceDiscoveryConfigs;
import io.ignis.config.StaticConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File SD through the real mechanisms and the manager: edits show up in the subscription within the interval. */
class FileSdEndToEndTest {
    private static final Duration REFRESH = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private static List<String> addresses(Map<String, List<TargetGroup>> update, String job) {
        List<String> out = new ArrayList<>();
        for (TargetGroup tg : update.getOrDefault(job, List.of())) {
            for (Map<String, String> t : tg.targets()) {
                out.add(t.get("__address__"));
            }
        }
        out.sort(null);
        return out;
    }

    private void write(Path file, String content) throws IOException {
        Path tmp = dir.resolve(".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void editedFilesAddAndRemoveTargetsWithinTheRefreshInterval() throws IOException {
        Path f = dir.resolve("targets.json");
        write(f, "[{\"targets\": [\"a:1\", \"b:1\"], \"labels\": {\"team\": \"x\"}}]");
        RecordingDiscoveryMetrics metrics = new RecordingDiscoveryMetrics();
        Subscriber subscriber = new Subscriber();
        ServiceDiscoveryConfigs files = new ServiceDiscoveryConfigs(List.of(new StaticConfig(List.of("s:1"), Map.of())),
                List.of(new FileSdConfig(List.of(dir.resolve("*.json").toString()), REFRESH)), List.of(), List.of(),
                List.of());
        Map<String, ServiceDiscoveryConfigs> jobs = new LinkedHashMap<>();
        jobs.put("node", files);
        try (DiscoveryManager manager = new DiscoveryManager("scrape", new Mechanisms(metrics), metrics,
                Duration.ofMillis(50), System::currentTimeMillis)) {
            manager.subscribe(subscriber);
            manager.applyConfig(jobs);
            Await.until("initial targets", REFRESH, () -> addresses(subscriber.last(), "node")
                    .equals(List.of("a:1", "b:1", "s:1")));
            TargetGroup fromFile = subscriber.last().get("node").get(0);
            assertThat(fromFile.source()).isEqualTo(f + ":0");
            assertThat(fromFile.labels()).isEqualTo(Map.of("team", "x", "__meta_filepath", f.toString()));

            write(f, "[{\"targets\": [\"b:1\", \"c:1\"]}]");
            Await.until("a removed, c added", REFRESH, () -> addresses(subscriber.last(), "node")
                    .equals(List.of("b:1", "c:1", "s:1")));

            Path second = dir.resolve("more.json");
            write(second, "[{\"targets\": [\"d:1\"]}]");
            Await.until("second file", REFRESH, () -> addresses(subscriber.last(), "node")
                    .equals(List.of("b:1", "c:1", "d:1", "s:1")));

            Files.delete(f);
            Await.until("first file deleted", REFRESH, () -> addresses(subscriber.last(), "node")
                    .equals(List.of("d:1", "s:1")));
            assertThat(metrics.value("prometheus_sd_discovered_targets{node,scrape}")).isEqualTo(2);
        }
    }
}
