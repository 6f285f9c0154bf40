package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.server.api.BuildInfo;
import io.ignis.server.metrics.ReadyState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle endpoints of a server running in this JVM on an ephemeral loopback port. */
class LifecycleHttpTest {
    private static final BuildInfo BUILD = new BuildInfo("1.0.0", "abc", "main", "me", "20260101-00:00:00",
            "java17");
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Server> servers = new ArrayList<>();
    @TempDir
    Path dir;
    private Path configFile;
    private String base;

    @AfterEach
    void stop() {
        servers.forEach(Server::shutdown);
    }

    private Server server(String... extraFlags) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--config.file=" + writeConfig(),
                "--web.listen-address=127.0.0.1:0", "--storage.tsdb.path=" + dir.resolve("data")));
        args.addAll(List.of(extraFlags));
        Server server = new Server(Flags.parse(args.toArray(String[]::new)), BUILD,
                TestConfigs.loaderRefusingMarked());
        servers.add(server);
        int port = server.listen().get(0).getPort();
        base = "http://127.0.0.1:" + port;
        return server;
    }

    @Test
    void readyOnlyAfterTheFirstConfigIsApplied() throws Exception {
        Server server = server();
        HttpResponse<String> notReady = get("/-/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).isEqualTo("Service Unavailable");
        assertThat(notReady.headers().firstValue("X-Prometheus-Stopping")).hasValue("false");
        assertThat(get("/metrics").body()).contains("prometheus_ready 0");
        assertThat(get("/-/healthy").body()).isEqualTo("Prometheus Server is Healthy.\n");

        server.becomeReady();
        HttpResponse<String> ready = get("/-/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("Prometheus Server is Ready.\n");
        assertThat(get("/metrics").body()).contains("prometheus_ready 1", "prometheus_config_last_reload_successful 1");
        assertThat(get("/api/v1/status/config").body()).startsWith("{\"status\":\"success\",\"data\":{\"yaml\":")
                .contains("job_one");
    }

    @Test
    void lifecycleEndpointsAreForbiddenUnlessEnabled() throws Exception {
        server().becomeReady();
        for (String path : List.of("/-/reload", "/-/quit")) {
            for (String method : List.of("POST", "PUT")) {
                HttpResponse<String> r = send(method, path);
                assertThat(r.statusCode()).as(method + " " + path).isEqualTo(403);
                assertThat(r.body()).isEqualTo("Lifecycle API is not enabled.");
            }
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).isEqualTo(405);
            assertThat(r.body()).isEqualTo("Only POST or PUT requests allowed");
        }
    }

    @Test
    void reloadKeepsTheRunningConfigWhenTheFileIsBroken() throws Exception {
        server("--web.enable-lifecycle").becomeReady();

        TestConfigs.write(configFile, TestConfigs.valid("job_two"));
        HttpResponse<String> ok = send("POST", "/-/reload");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/status/config").body()).contains("job_two");

        Files.write(configFile, TestConfigs.broken());
        HttpResponse<String> failed = send("PUT", "/-/reload");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).startsWith("failed to reload config: couldn't load configuration (--config.file=\""
                + configFile + "\"): ").endsWith("\n");
        assertThat(get("/api/v1/status/config").body()).contains("job_two");
        assertThat(get("/metrics").body()).contains("prometheus_config_last_reload_successful 0");
        assertThat(get("/api/v1/status/runtimeinfo").body()).contains("\"reloadConfigSuccess\":false");

        TestConfigs.write(configFile, TestConfigs.valid("job_three") + "# refuse\n");
        assertThat(send("POST", "/-/reload").statusCode()).isEqualTo(500);
        assertThat(get("/api/v1/status/config").body()).contains("job_two");
    }

    @Test
    void quitAnswersOnceAndReleasesTheMainThread() throws Exception {
        Server server = server("--web.enable-lifecycle");
        server.becomeReady();
        HttpResponse<String> first = send("POST", "/-/quit");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("Requesting termination... Goodbye!");
        assertThat(server.awaitQuit()).isEqualTo("http");
        assertThat(send("PUT", "/-/quit").body()).isEqualTo("Termination already in progress.");

        server.shutdown();
        assertThat(server.metrics().readyState()).isEqualTo(ReadyState.STOPPING);
    }

    @Test
    void autoReloadPicksUpAChangedFileAndRetriesAfterAFailure() throws Exception {
        server("--config.auto-reload", "--config.auto-reload-interval=1s").becomeReady();
        Files.write(configFile, TestConfigs.broken());
        awaitBody("/metrics", "prometheus_config_last_reload_successful 0");
        assertThat(get("/api/v1/status/config").body()).contains("job_one");
        TestConfigs.write(configFile, TestConfigs.valid("job_two"));
        awaitBody("/api/v1/status/config", "job_two");
        assertThat(get("/metrics").body()).contains("prometheus_config_last_reload_successful 1");
    }

    private void awaitBody(String path, String wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = get(path).body();
            if (body.contains(wanted)) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new AssertionError("no \"" + wanted + "\" in " + path + " within 20s; last body:\n" + body);
    }

    @Test
    void routePrefixMovesEveryEndpoint() throws Exception {
        server("--web.route-prefix=/ignis").becomeReady();
        assertThat(get("/ignis/-/ready").statusCode()).isEqualTo(200);
        assertThat(get("/ignis/metrics").statusCode()).isEqualTo(200);
        assertThat(get("/-/ready").statusCode()).isEqualTo(404);
    }

    @Test
    void statusEndpointsAnswerInPrometheusShape() throws Exception {
        server("--query.timeout=1m").becomeReady();
        assertThat(get("/api/v1/status/buildinfo").body()).isEqualTo("{\"status\":\"success\",\"data\":{"
                + "\"version\":\"1.0.0\",\"revision\":\"abc\",\"branch\":\"main\",\"buildUser\":\"me\","
                + "\"buildDate\":\"20260101-00:00:00\",\"goVersion\":\"java17\"}}");
        String flags = get("/api/v1/status/flags").body();
        assertThat(flags).contains("\"query.timeout\":\"1m\"", "\"web.enable-lifecycle\":\"false\"",
                "\"storage.tsdb.retention.time\":\"0s\"");
        assertThat(flags.indexOf("\"config.file\"")).isLessThan(flags.indexOf("\"query.timeout\""));
        assertThat(get("/api/v1/status/runtimeinfo").body()).contains("\"reloadConfigSuccess\":true",
                "\"storageRetention\":\"15d\"", "\"CWD\":", "\"GOMAXPROCS\":", "\"lastConfigTime\":");
    }

    @Test
    void metricsAreGzippedWhenAskedAndOpenMetricsOnRequest() throws Exception {
        server().becomeReady();
        HttpResponse<byte[]> gz = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String text = new String(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(text).contains("prometheus_build_info{");
        assertThat(gz.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");

        HttpResponse<String> om = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .header("Accept", "application/openmetrics-text; version=1.0.0").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(om.headers().firstValue("Content-Type")).hasValue(
                "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(om.body()).endsWith("# EOF\n");
    }

    @Test
    void servesEveryListenAddressAndAnswersHead() throws Exception {
        Server server = new Server(Flags.parse("--config.file=" + writeConfig(), "--web.listen-address=127.0.0.1:0",
                "--web.listen-address=127.0.0.1:0", "--storage.tsdb.path=" + dir.resolve("data")), BUILD,
                TestConfigs.loaderRefusingMarked());
        servers.add(server);
        List<InetSocketAddress> bound = server.start();
        assertThat(bound).hasSize(2);
        for (InetSocketAddress address : bound) {
            base = "http://127.0.0.1:" + address.getPort();
            assertThat(get("/-/ready").statusCode()).isEqualTo(200);
            HttpResponse<String> head = send("HEAD", "/-/healthy");
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
        }
    }

    @Test
    void aTakenPortFailsListenAndShutdownStillCompletes() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Server server = new Server(Flags.parse("--config.file=" + writeConfig(),
                    "--web.listen-address=127.0.0.1:" + taken.getLocalPort(),
                    "--storage.tsdb.path=" + dir.resolve("data")), BUILD,
                    TestConfigs.loaderRefusingMarked());
            servers.add(server);
            assertThatThrownBy(server::listen).isInstanceOf(IOException.class)
                    .hasMessageContaining("Address already in use");
            server.shutdown();
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosed() throws Exception {
        server("--web.max-connections=1").becomeReady();
        int port = URI.create(base).getPort();
        try (Socket first = new Socket("127.0.0.1", port)) {
            // The first connection has answered, so the server counts it before the second one connects.
            assertThat(rawGet(first)).startsWith("HTTP/1.1 200 OK");
            try (Socket second = new Socket("127.0.0.1", port)) {
                assertThat(rawGet(second)).isEmpty();
            }
        }
        // The server notices the closed connections asynchronously; poll until a slot is free again.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean served = false;
        while (!served && System.nanoTime() < deadline) {
            try (Socket again = new Socket("127.0.0.1", port)) {
                served = rawGet(again).startsWith("HTTP/1.1 200 OK");
            }
        }
        assertThat(served).as("a slot is free again").isTrue();
    }

    private static String rawGet(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        try {
            socket.getOutputStream().write("GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return "";
        }
        byte[] buf = new byte[256];
        try {
            int n = socket.getInputStream().read(buf);
            return n < 0 ? "" : new String(buf, 0, n, StandardCharsets.US_ASCII);
        } catch (SocketException e) {
            return "";
        }
    }

    private Path writeConfig() throws IOException {
        configFile = dir.resolve("prometheus.yml");
        TestConfigs.write(configFile, TestConfigs.valid("job_one"));
        return configFile;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path);
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
