package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.Querier;
import io.ignis.tsdb.Samples.Sample;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WAL written by the reference Prometheus (scraping itself every second, snappy WAL) replays into our head
 * with the samples Prometheus's own API returned. Debian's 2.42 writes no metadata records (that feature
 * came in 2.45); their layout is covered by the golden tests of {@code RecordCodecTest}.
 */
class PrometheusWalReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void replaysAWalWrittenByPrometheus() throws Exception {
        Path prometheus = ReferencePeer.require("prometheus");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = dir.resolve("data");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: self\n"
                + "    static_configs:\n      - targets: ['127.0.0.1:" + port + "']\n");
        Process p = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        JsonNode upSeries;
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://127.0.0.1:" + port + "/api/v1/query?query=";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (true) {
                JsonNode r = query(http, base + "count_over_time(up%5B1h%5D)");
                if (r != null && r.path("data").path("result").size() == 1
                        && r.path("data").path("result").get(0).path("value").get(1).asInt() >= 4) {
                    break;
                }
                assertThat(System.nanoTime()).as("prometheus scraped itself 4 times within 90 s; log in %s", dir)
                        .isLessThan(deadline);
                Thread.onSpinWait();
            }
            upSeries = query(http, base + "up%5B1h%5D").path("data").path("result").get(0);
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
        assertThat(Files.isDirectory(data.resolve("wal"))).isTrue();
        try (Head h = Head.open(data, HeadOptions.defaults())) {
            assertThat(h.stats().walCorruptions()).isZero();
            Map<Labels, List<Sample>> got;
            try (Querier q = h.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                got = Samples.read(q, Matcher.equal("__name__", "up"));
            }
            assertThat(got).hasSize(1);
            Labels up = got.keySet().iterator().next();
            assertThat(up.get("job")).isEqualTo("self");
            assertThat(up.get("instance")).isEqualTo("127.0.0.1:" + port);
            List<Sample> fromApi = new ArrayList<>();
            for (JsonNode v : upSeries.path("values")) {
                fromApi.add(Sample.of(Math.round(v.get(0).asDouble() * 1000), Double.parseDouble(v.get(1).asText())));
            }
            List<Sample> ours = got.get(up);
            assertThat(ours.size()).isGreaterThanOrEqualTo(fromApi.size());
            assertThat(ours.subList(0, fromApi.size())).isEqualTo(fromApi);
            assertThat(h.stats().series()).isGreaterThan(100);
        }
    }

    private static JsonNode query(HttpClient http, String url) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException notUpYet) {
            return null;
        }
    }
}
