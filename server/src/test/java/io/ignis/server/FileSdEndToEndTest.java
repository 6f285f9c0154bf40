package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ignis.server.api.BuildInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code file_sd_configs} as the running server applies them: editing the targets file while the server runs adds
 * and removes scrape targets within the refresh interval, and a broken edit keeps the last good targets.
 */
class FileSdEndToEndTest {
    private static final BuildInfo BUILD = new BuildInfo("1.0.0", "abc", "main", "me", "20260101-00:00:00",
            "java17");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Server server;
    private String base;
    private String self;
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutdown();
        }
    }

    @Test
    void editingTheFileAddsAndRemovesTargets() throws Exception {
        Path targets = dir.resolve("targets.json");
        server = new Server(Flags.parse("--config.file=" + dir.resolve("prometheus.yml"),
                "--web.listen-address=127.0.0.1:0", "--storage.tsdb.path=" + dir.resolve("data")), BUILD);
        int port = server.listen().get(0).getPort();
        base = "http://127.0.0.1:" + port;
        self = "127.0.0.1:" + port;
        writeTargets(targets, "[{\"targets\": [\"" + self + "\"], \"labels\": {\"replica\": \"a\"}}]");
        Files.writeString(dir.resolve("prometheus.yml"), """
                global: {scrape_interval: 1s}
                scrape_configs:
                  - job_name: files
                    file_sd_configs:
                      - files: [TARGETS]
                        refresh_interval: 1s
                """.replace("TARGETS", targets.toString()));
        server.becomeReady();
        awaitReplicas(Set.of("a"));

        // The same endpoint listed twice with different labels: two targets.
        writeTargets(targets, "[{\"targets\": [\"" + self + "\"], \"labels\": {\"replica\": \"a\"}},"
                + " {\"targets\": [\"" + self + "\"], \"labels\": {\"replica\": \"b\"}}]");
        awaitReplicas(Set.of("a", "b"));

        // A file that does not parse keeps what the last good one gave.
        writeTargets(targets, "[{\"targets\": [");
        LockSupport.parkNanos(Duration.ofSeconds(3).toNanos()); // three refresh intervals: time to (wrongly) drop
        assertThat(replicas()).containsExactly("a", "b");

        writeTargets(targets, "[{\"targets\": [\"" + self + "\"], \"labels\": {\"replica\": \"b\"}}]");
        awaitReplicas(Set.of("b"));
    }

    /** Replaces the file in one step, as tools that write SD files should, so no reader sees half a file. */
    private static void writeTargets(Path file, String json) throws Exception {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, json);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The {@code replica} label of every active target that has been scraped successfully. */
    private Set<String> replicas() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/targets?state=active"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Set<String> out = new TreeSet<>();
        for (JsonNode t : JSON.readTree(r.body()).path("data").path("activeTargets")) {
            assertThat(t.path("labels").path("job").asText()).isEqualTo("files");
            assertThat(t.path("discoveredLabels").path("__meta_filepath").asText()).endsWith("targets.json");
            if (t.path("health").asText().equals("up")) {
                out.add(t.path("labels").path("replica").asText());
            }
        }
        return out;
    }

    private void awaitReplicas(Set<String> want) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Set<String> got = Set.of();
        while (System.nanoTime() < deadline) {
            got = replicas();
            if (got.equals(want)) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new AssertionError("targets with replica " + want + " expected, got " + got);
    }
}
