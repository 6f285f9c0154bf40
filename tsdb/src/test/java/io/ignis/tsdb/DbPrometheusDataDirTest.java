package io.ignis.tsdb;

import static io.ignis.tsdb.DbModel.HOUR;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory written by Debian's Prometheus 2.42 (a WAL from a real run scraping itself every second,
 * stopped with SIGTERM) plus blocks from {@code promtool tsdb create-blocks-from openmetrics} opens as a Db
 * with every sample the reference's API returned, and every OpenMetrics sample.
 */
class DbPrometheusDataDirTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void opensADataDirectoryWrittenByPrometheusWithoutLosingASample() throws Exception {
        Path prometheus = ReferencePeer.require("prometheus");
        ReferencePeer.require("promtool");
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
        Map<String, List<Sample>> fromApi = new HashMap<>();
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
            // Raw samples of a few series, through a range selector (query_range would resample them).
            JsonNode res = query(http, base + "%7B__name__%3D~%22up%7Cscrape_samples_scraped%7Cprometheus_build_info"
                    + "%22%7D%5B1h%5D").path("data").path("result");
            for (JsonNode series : res) {
                List<Sample> l = new ArrayList<>();
                for (JsonNode v : series.path("values")) {
                    l.add(Sample.of(Math.round(v.get(0).asDouble() * 1000), Double.parseDouble(v.get(1).asText())));
                }
                fromApi.put(series.path("metric").path("__name__").asText(), l);
            }
        } finally {
            p.destroy(); // SIGTERM
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
        assertThat(fromApi).containsOnlyKeys("up", "scrape_samples_scraped", "prometheus_build_info");

        // Blocks from promtool, a day before the WAL's samples, in the same directory.
        long t0 = (System.currentTimeMillis() - 24 * HOUR) / (2 * HOUR) * (2 * HOUR);
        StringBuilder om = new StringBuilder("# TYPE backfilled gauge\n");
        Map<Labels, List<Sample>> backfilled = new HashMap<>();
        for (int s = 0; s < 3; s++) {
            Labels l = Labels.of("__name__", "backfilled", "s", Integer.toString(s));
            for (int i = 0; i < 200; i++) {
                long t = t0 + i * 60_000L;
                om.append("backfilled{s=\"").append(s).append("\"} ").append(i * 2 + s).append(' ')
                        .append(t / 1000).append('\n');
                backfilled.computeIfAbsent(l, k -> new ArrayList<>()).add(Sample.of(t, i * 2 + s));
            }
        }
        om.append("# EOF\n");
        Path file = dir.resolve("backfill.om");
        Files.writeString(file, om);
        Promtool.Result r = Promtool.run(dir, "tsdb", "create-blocks-from", "openmetrics", file.toString(),
                data.toString());
        assertThat(r.exitCode()).as("create-blocks-from: %s %s", r.stdout(), r.stderr()).isZero();

        try (Db db = Db.open(data, DbOptions.defaults())) {
            assertThat(db.corruptBlocks()).isEmpty();
            assertThat(db.blocks()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(db.stats().walCorruptions()).isZero();
            try (Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                assertThat(Samples.read(q, Matcher.equal("__name__", "backfilled"))).isEqualTo(backfilled);
                for (Map.Entry<String, List<Sample>> e : fromApi.entrySet()) {
                    Map<Labels, List<Sample>> got = Samples.read(q, Matcher.equal("__name__", e.getKey()));
                    assertThat(got).as(e.getKey()).hasSize(1);
                    List<Sample> ours = got.values().iterator().next();
                    // Prometheus may have scraped again between our query and SIGTERM: a prefix, never less.
                    assertThat(ours.size()).as(e.getKey()).isGreaterThanOrEqualTo(e.getValue().size());
                    assertThat(ours.subList(0, e.getValue().size())).as(e.getKey()).isEqualTo(e.getValue());
                }
            }
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
