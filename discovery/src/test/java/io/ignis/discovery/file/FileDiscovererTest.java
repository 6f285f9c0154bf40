package io.ignis.discovery.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.FileSdConfig;
import io.ignis.discovery.Await;
import io.ignis.discovery.RecordingDiscoveryMetrics;
import io.ignis.discovery.RecordingSink;
import io.ignis.discovery.TargetGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDiscovererTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path dir;

    private final RecordingDiscoveryMetrics metrics = new RecordingDiscoveryMetrics();
    private final RecordingSink sink = new RecordingSink();
    private FileDiscoverer discoverer;

    @AfterEach
    void close() {
        if (discoverer != null) {
            discoverer.close();
        }
    }

    private void start(Duration refresh, String... patterns) {
        discoverer = new FileDiscoverer(new FileSdConfig(List.of(patterns), refresh), metrics);
        discoverer.start(sink);
    }

    // Written to a temporary name and renamed, so a refresh never sees a half-written file.
    private void write(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static TargetGroup group(Path file, int i, Map<String, String> labels, String... addresses) {
        List<Map<String, String>> targets = new ArrayList<>();
        for (String a : addresses) {
            targets.add(Map.of("__address__", a));
        }
        Map<String, String> all = new HashMap<>(labels);
        all.put("__meta_filepath", file.toString());
        return new TargetGroup(file + ":" + i, targets, all);
    }

    private void awaitGroups(String what, Map<String, TargetGroup> want) {
        Await.until(what + "; have " + sink.groups(), WAIT, () -> sink.groups().equals(want));
    }

    @Test
    void initialReadThenWatchEventsPickUpEdits() throws IOException {
        Path f = dir.resolve("targets.yml");
        write(f, "- targets: ['a:1', 'b:2']\n  labels: {foo: bar}\n- targets: ['c:3']\n");
        start(NEVER, dir.resolve("*.yml").toString());
        awaitGroups("initial", Map.of(f + ":0", group(f, 0, Map.of("foo", "bar"), "a:1", "b:2"),
                f + ":1", group(f, 1, Map.of(), "c:3")));

        write(f, "- targets: ['d:4']\n");
        awaitGroups("after edit, by file-system event only", Map.of(f + ":0", group(f, 0, Map.of(), "d:4")));
        assertThat(metrics.has("prometheus_sd_file_mtime_seconds{" + f + "}")).isTrue();
    }

    @Test
    void syntaxErrorKeepsLastGoodGroupsAndCounts() throws IOException {
        Path f = dir.resolve("t.json");
        write(f, "[{\"targets\": [\"a:1\"]}]");
        start(NEVER, f.toString());
        awaitGroups("initial", Map.of(f + ":0", group(f, 0, Map.of(), "a:1")));

        write(f, "[{\"targets\": [\"a:1\"");
        Await.until("read error counted", WAIT, () -> metrics.value("prometheus_sd_file_read_errors_total") >= 1);
        assertThat(sink.groups()).isEqualTo(Map.of(f + ":0", group(f, 0, Map.of(), "a:1")));

        write(f, "[{\"targets\": [\"z:9\"]}]");
        awaitGroups("fixed file", Map.of(f + ":0", group(f, 0, Map.of(), "z:9")));
    }

    @Test
    void shrinkingAndRemovedFilesClearTheirSources() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        write(a, "[{\"targets\": [\"a:1\"]}, {\"targets\": [\"a:2\"]}]");
        write(b, "[{\"targets\": [\"b:1\"]}]");
        start(NEVER, dir.resolve("*.json").toString());
        awaitGroups("both files", Map.of(a + ":0", group(a, 0, Map.of(), "a:1"), a + ":1", group(a, 1, Map.of(), "a:2"),
                b + ":0", group(b, 0, Map.of(), "b:1")));

        write(a, "[{\"targets\": [\"a:1\"]}]");
        Files.delete(b);
        awaitGroups("a shrunk, b gone", Map.of(a + ":0", group(a, 0, Map.of(), "a:1")));
        assertThat(metrics.has("prometheus_sd_file_mtime_seconds{" + b + "}")).isFalse();
    }

    @Test
    void refreshIntervalFindsFilesInDirectoriesCreatedLater() throws IOException {
        Path sub = dir.resolve("later");
        start(Duration.ofMillis(100), sub.resolve("*.yaml").toString());
        Await.until("first scan", WAIT, () -> metrics.value("prometheus_sd_file_scan_duration_seconds_count") >= 1);
        Files.createDirectories(sub);
        Path f = sub.resolve("t.yaml");
        write(f, "- targets: ['x:1']\n");
        awaitGroups("file in new directory", Map.of(f + ":0", group(f, 0, Map.of(), "x:1")));
    }

    @Test
    void filesNotMatchingTheGlobAreIgnored() throws IOException {
        Path f = dir.resolve("t.yml");
        write(f, "- targets: ['x:1']\n");
        write(dir.resolve("other.json"), "[{\"targets\": [\"y:1\"]}]");
        start(NEVER, dir.resolve("t*.yml").toString());
        awaitGroups("only the match", Map.of(f + ":0", group(f, 0, Map.of(), "x:1")));
    }
}
