package io.ignis.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.server.http.HttpServer;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The requests Grafana's Prometheus data source sends (save &amp; test, panels, autocomplete, exemplar probe,
 * alerting), replayed over HTTP against a real server on 127.0.0.1, with the answers Grafana relies on.
 */
class GrafanaRequestsTest {
    private static final long T0 = ApiFixture.T0;
    private static ApiFixture api;
    private static HttpServer server;
    private static HttpClient client;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiFixture();
        api.floats(Labels.of("__name__", "up", "job", "node", "instance", "a:9100"), T0, 15_000, 1, 1, 1);
        api.floats(Labels.of("__name__", "node_load1", "job", "node", "instance", "a:9100"), T0, 15_000, 0.5, 0.25);
        new StatusApi(() -> "global: {}\n", Map.of(), new BuildInfo("0.1.0", "abc", "main", "ci", "20260101",
                "java17"), () -> null).register(api.router);
        server = new HttpServer(api.router, 16, 10_000);
        List<InetSocketAddress> bound = server.start(List.of(new InetSocketAddress("127.0.0.1", 0)));
        base = "http://127.0.0.1:" + bound.get(0).getPort();
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String uri) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + uri)).header("X-Grafana-Org-Id", "1")
                .header("X-Dashboard-UID", "abc").header("X-Panel-Id", "2").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String form) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void saveAndTest() throws Exception {
        HttpResponse<String> q = post("/api/v1/query", "query=1%2B1&time=4");
        assertThat(q.statusCode()).isEqualTo(200);
        assertThat(q.body()).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
                + "\"result\":[4,\"2\"]}}");
        HttpResponse<String> build = get("/api/v1/status/buildinfo");
        assertThat(build.statusCode()).isEqualTo(200);
        assertThat(build.body()).contains("\"version\":\"0.1.0\"", "\"revision\"", "\"branch\"", "\"buildUser\"",
                "\"buildDate\"", "\"goVersion\"").doesNotContain("features");
    }

    @Test
    void panelQueries() throws Exception {
        HttpResponse<String> range = post("/api/v1/query_range", "query=up&start=1700000000&end=1700000030"
                + "&step=15");
        assertThat(range.body()).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"a:9100\",\"job\":\"node\"},\"values\":["
                + "[1700000000,\"1\"],[1700000015,\"1\"],[1700000030,\"1\"]]}]}}");
        HttpResponse<String> instant = post("/api/v1/query", "query=node_load1&time=1700000015.5");
        assertThat(instant.body()).contains("\"value\":[1700000015.500,\"0.25\"]");
        HttpResponse<String> bad = post("/api/v1/query", "query=up%7B&time=1700000015");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).startsWith("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":"
                + "\"invalid parameter \\\"query\\\": 1:4: parse error:");
    }

    @Test
    void exemplarProbeWithMillisecondTimes() throws Exception {
        HttpResponse<String> r = get("/api/v1/query_exemplars?query=test&start=1700000000000&end=1700003600000");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"success\",\"data\":[]}");
        HttpResponse<String> huge = get("/api/v1/query_exemplars?query=test&start=1e18&end=9e18");
        assertThat(huge.statusCode()).isEqualTo(200);
    }

    @Test
    void autocomplete() throws Exception {
        String window = "start=1699999000&end=1700001000";
        assertThat(get("/api/v1/label/__name__/values?" + window + "&limit=40000").body())
                .isEqualTo("{\"status\":\"success\",\"data\":[\"node_load1\",\"up\"]}");
        assertThat(get("/api/v1/labels?" + window).body())
                .isEqualTo("{\"status\":\"success\",\"data\":[\"__name__\",\"instance\",\"job\"]}");
        assertThat(get("/api/v1/label/instance/values?match%5B%5D=up&" + window).body())
                .isEqualTo("{\"status\":\"success\",\"data\":[\"a:9100\"]}");
        assertThat(get("/api/v1/series?match%5B%5D=%7B__name__%21%3D%22%22%7D&limit=40000&" + window).body())
                .isEqualTo("{\"status\":\"success\",\"data\":[{\"__name__\":\"node_load1\",\"instance\":\"a:9100\","
                        + "\"job\":\"node\"},{\"__name__\":\"up\",\"instance\":\"a:9100\",\"job\":\"node\"}]}");
        assertThat(get("/api/v1/metadata").body()).isEqualTo("{\"status\":\"success\",\"data\":{}}");
    }

    @Test
    void alertingAndStatusPages() throws Exception {
        assertThat(get("/api/v1/rules").body()).isEqualTo("{\"status\":\"success\",\"data\":{\"groups\":[]}}");
        assertThat(get("/api/v1/alerts").body()).isEqualTo("{\"status\":\"success\",\"data\":{\"alerts\":[]}}");
        assertThat(get("/api/v1/targets").body()).isEqualTo("{\"status\":\"success\",\"data\":{\"activeTargets\":[],"
                + "\"droppedTargets\":[],\"droppedTargetCounts\":{}}}");
    }

    @Test
    void gzipWhenAsked() throws Exception {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/labels"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String body = new String(new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("{\"status\":\"success\",\"data\":[\"__name__\",\"instance\",\"job\"]}");
    }

    @Test
    void federationOverHttp() throws Exception {
        api.now = T0 + 30_000;
        HttpResponse<String> r = get("/federate?match%5B%5D=up");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8; escaping=underscores");
        assertThat(r.body()).isEqualTo("# TYPE up untyped\nup{instance=\"a:9100\",job=\"node\"} 1 "
                + Instant.ofEpochMilli(T0 + 30_000).toEpochMilli() + "\n");
    }
}
