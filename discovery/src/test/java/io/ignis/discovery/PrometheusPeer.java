package io.ignis.discovery;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Prometheus as the reference for discovered labels: started on loopback with a config file of the test's,
 * asked for its {@code /api/v1/targets} {@code discoveredLabels} minus what the scrape pool adds. Missing binary:
 * the test fails when CI=true and is skipped otherwise.
 */
public final class PrometheusPeer implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/prometheus");
    // Added by the scrape pool from the job config, not by discovery.
    private static final Set<String> SCRAPE_LABELS = Set.of("job", "__scheme__", "__metrics_path__",
            "__scrape_interval__", "__scrape_timeout__");

    private final Process process;
    private final int port;

    private PrometheusPeer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Prometheus with {@code config} (YAML) in {@code dir}. */
    public static PrometheusPeer start(Path dir, String config) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            String why = BINARY + " is missing: apt-get install -y prometheus";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("prometheus.yml"), config);
        Process p = new ProcessBuilder(BINARY.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        return new PrometheusPeer(p, port);
    }

    /** Waits until Prometheus has discovered {@code count} targets and returns their labels. */
    public Set<Map<String, String>> awaitDiscovered(int count, Duration timeout) {
        Set<Map<String, String>> theirs = new HashSet<>();
        Await.until("prometheus discovered " + count + " targets", timeout, () -> {
            theirs.clear();
            theirs.addAll(discovered());
            return theirs.size() == count;
        });
        return theirs;
    }

    /** Group labels under target labels, empty values dropped: what Prometheus shows as discovered labels. */
    public static Set<Map<String, String>> flatten(List<TargetGroup> groups) {
        Set<Map<String, String>> out = new HashSet<>();
        for (TargetGroup g : groups) {
            for (Map<String, String> t : g.targets()) {
                Map<String, String> all = new HashMap<>(g.labels());
                all.putAll(t);
                all.values().removeIf(String::isEmpty);
                out.add(all);
            }
        }
        return out;
    }

    private Set<Map<String, String>> discovered() {
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

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
