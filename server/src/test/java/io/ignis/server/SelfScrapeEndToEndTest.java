package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ignis.server.api.BuildInfo;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's first minutes, in this JVM: the server scrapes itself into the embedded TSDB, answers
 * {@code /api/v1/query?query=up} and {@code /federate}, and keeps its data across a restart on the same directory.
 */
class SelfScrapeEndToEndTest {
    private static final BuildInfo BUILD = new BuildInfo("1.0.0", "abc", "main", "me", "20260101-00:00:00",
            "java17");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path dir;
    private Server server;
    private String base;

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutdown();
        }
    }

    private void start() throws Exception {
        Path config = dir.resolve("prometheus.yml");
        server = new Server(Flags.parse(new String[] {"--config.file=" + config,
            "--web.listen-address=127.0.0.1:0", "--storage.tsdb.path=" + dir.resolve("data")}), BUILD);
        int port = server.listen().get(0).getPort();
        base = "http://127.0.0.1:" + port;
        // The port is known only once bound, so the configuration is written between listen and ready.
        Files.writeString(dir.resolve("rules.yml"), """
                groups:
                  - name: self
                    interval: 1s
                    rules:
                      - record: job:up:sum
                        expr: sum by (job) (up)
                      - alert: SelfScrapeUp
                        expr: up == 1
                        labels:
                          severity: none
                """);
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                  query_log_file: QUERY_LOG
                  external_labels:
                    site: lab
                rule_files: [rules.yml]
                scrape_configs:
                  - job_name: ignis
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(port).replace("QUERY_LOG", dir.resolve("queries.log").toString()));
        server.becomeReady();
    }

    @Test
    void scrapesItselfAndAnswersQueriesAndFederation() throws Exception {
        start();
        JsonNode up = awaitQuery("up", r -> r.size() == 1 && r.get(0).get("value").get(1).asText().equals("1"));
        assertThat(up.get(0).get("metric").get("job").asText()).isEqualTo("ignis");
        assertThat(up.get(0).get("metric").get("instance").asText()).isEqualTo(base.substring("http://".length()));
        // global.query_log_file: every query of the API is logged as one JSON line.
        assertThat(Files.readString(dir.resolve("queries.log"))).contains("\"query\":\"up\"");
        // queries.active, Prometheus's list of running queries, sits in the data directory (empty between queries).
        assertThat(Files.readString(dir.resolve("data").resolve("queries.active")).trim()).startsWith("[");

        // Self-metrics arrive with their Prometheus names, as a dashboard would query them.
        awaitQuery("prometheus_config_last_reload_successful{job=\"ignis\"}", r -> r.size() == 1);
        awaitQuery("prometheus_tsdb_head_series{job=\"ignis\"} > 10", r -> r.size() == 1);
        awaitQuery("prometheus_tsdb_head_samples_appended_total{job=\"ignis\",type=\"float\"} > 0",
                r -> r.size() == 1);
        // As Prometheus, a second series counts native histograms; nothing here exposes any.
        awaitQuery("prometheus_tsdb_head_samples_appended_total{job=\"ignis\",type=\"histogram\"} == 0",
                r -> r.size() == 1);

        String federated = get("/federate?match[]=" + encode("{job=\"ignis\",__name__=\"up\"}")).body();
        assertThat(federated).startsWith("# TYPE up untyped\n").contains("up{instance=\""
                + base.substring("http://".length()) + "\",job=\"ignis\",site=\"lab\"} 1 ");

        // The recording rule writes its series back; the alerting rule fires and shows in the API.
        awaitQuery("job:up:sum", r -> r.size() == 1 && r.get(0).get("value").get(1).asText().equals("1"));
        awaitQuery("ALERTS{alertname=\"SelfScrapeUp\",alertstate=\"firing\"}", r -> r.size() == 1);
        JsonNode groups = JSON.readTree(get("/api/v1/rules").body()).get("data").get("groups");
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).get("rules").get(0).get("name").asText()).isEqualTo("job:up:sum");
        assertThat(groups.get(0).get("rules").get(0).get("health").asText()).isEqualTo("ok");

        JsonNode targets = JSON.readTree(get("/api/v1/targets").body()).get("data").get("activeTargets");
        assertThat(targets).hasSize(1);
        assertThat(targets.get(0).get("health").asText()).isEqualTo("up");
    }

    @Test
    void keepsScrapedSamplesAcrossARestart() throws Exception {
        start();
        awaitQuery("count_over_time(up[1h])", r -> r.size() == 1 && Double.parseDouble(
                r.get(0).get("value").get(1).asText()) >= 3);
        server.shutdown();
        long before = System.currentTimeMillis();
        start();
        // Samples written before the restart come back from the WAL; the count keeps growing from there.
        JsonNode r = awaitQuery("count_over_time(up[1h] @ " + before / 1000.0 + ")", v -> v.size() == 1);
        assertThat(Double.parseDouble(r.get(0).get("value").get(1).asText())).isGreaterThanOrEqualTo(3);
    }

    private JsonNode awaitQuery(String query, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode result = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get("/api/v1/query?query=" + encode(query));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            result = JSON.readTree(response.body()).get("data").get("result");
            if (done.test(result)) {
                return result;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new AssertionError("query " + query + " never satisfied the condition; last result " + result);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
