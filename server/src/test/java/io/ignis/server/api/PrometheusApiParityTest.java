package io.ignis.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.server.http.Response;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends one table of API requests to Debian's Prometheus 2.42 (serving blocks promtool made from
 * {@link ParityData}'s OpenMetrics) and to our handlers over the same data in a head, and compares the bodies.
 * Only answers both versions define alike are compared byte for byte; for errors, status and errorType. Query
 * times avoid sample timestamps on range boundaries, where Prometheus 3 (left-open ranges) and 2.42 differ; the
 * {@code limit} parameters (new in 3.x) and functions whose float rounding changed since 2.42 (avg_over_time's
 * Kahan summation) are covered by the golden tests instead.
 */
class PrometheusApiParityTest {
    private static final String PROMETHEUS = "/usr/bin/prometheus";
    private static final String PROMTOOL = "/usr/bin/promtool";
    private static final long T0 = ParityData.T0;

    @TempDir
    static Path dir;
    private static Process prometheus;
    private static int port;
    private static ApiFixture ours;

    @BeforeAll
    static void start() throws Exception {
        boolean present = Files.isExecutable(Path.of(PROMETHEUS)) && Files.isExecutable(Path.of(PROMTOOL));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as("prometheus and promtool are required (apt-get install prometheus)").isTrue();
        }
        Assumptions.assumeTrue(present, "prometheus/promtool not installed");
        Path om = dir.resolve("data.om");
        Files.writeString(om, ParityData.openMetrics());
        Path data = Files.createDirectories(dir.resolve("data"));
        run(PROMTOOL, "tsdb", "create-blocks-from", "openmetrics", om.toString(), data.toString());
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1h\nscrape_configs: []\n");
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        prometheus = new ProcessBuilder(PROMETHEUS, "--config.file=" + config, "--storage.tsdb.path=" + data,
                "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.retention.time=100y")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        awaitReady();
        ours = new ApiFixture();
        ParityData.load(ours.head);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    private static void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!prometheus.isAlive()) {
                throw new AssertionError("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
            }
            try {
                if (fetch("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("prometheus not ready in 60s: " + Files.readString(dir.resolve("prometheus.log")));
    }

    private static HttpResponse<String> fetch(String uri) throws IOException, InterruptedException {
        HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + uri))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
    }

    private static String t(long offsetMs) {
        return ApiJson.timestampText(T0 + offsetMs);
    }

    static List<String> same() {
        String at = "&time=" + t(607_000);
        String late = "&time=" + t(1_207_000);
        String range = "&start=" + t(7_000) + "&end=" + t(1_807_000) + "&step=";
        List<String> uris = new ArrayList<>();
        for (String q : new String[] {"up", "sum%20by%20(job)%20(up)", "rate(http_requests_total[5m])",
                "http_requests_total%7Bcode%3D~%222..%22%7D", "topk(1,http_requests_total)", "temperature",
                "histogram_quantile(0.9,sum%20by%20(le)(rate(req_duration_seconds_bucket[5m])))",
                "count_values(%22v%22,up)", "1%2B1", "%22str%22", "time()", "vector(1)", "absent(nope)",
                "http_requests_total[2m]", "temperature%20offset%201m", "-temperature",
                "label_replace(up,%22host%22,%22$1%22,%22instance%22,%22(.*):.*%22)", "max_over_time(temperature[10m])",
                "increase(http_requests_total[10m])", "up%20==%200", "sort_desc(http_requests_total)"}) {
            uris.add("/api/v1/query?query=" + q + at);
            uris.add("/api/v1/query?query=" + q + late);
        }
        uris.add("/api/v1/query?query=temperature&time=" + t(50 * 15_000));
        uris.add("/api/v1/query?query=temperature&time=" + t(51 * 15_000 + 500));
        for (String q : new String[] {"up", "rate(http_requests_total[1m])", "sum(temperature)", "temperature",
                "irate(http_requests_total[1m])", "deriv(temperature[5m])", "1"}) {
            uris.add("/api/v1/query_range?query=" + q + range + "60");
            uris.add("/api/v1/query_range?query=" + q + range + "37.5");
        }
        uris.add("/api/v1/series?match[]=up");
        uris.add("/api/v1/series?match[]=up&match[]=%7Bjob%3D%22api%22%7D");
        uris.add("/api/v1/series?match[]=%7B__name__%3D~%22.%2B%22%7D");
        uris.add("/api/v1/series?match[]=up&start=" + t(0) + "&end=" + t(60_000));
        uris.add("/api/v1/labels");
        uris.add("/api/v1/labels?match[]=temperature");
        uris.add("/api/v1/label/__name__/values");
        uris.add("/api/v1/label/job/values?match[]=up");
        uris.add("/api/v1/label/le/values");
        uris.add("/api/v1/label/unit/values");
        uris.add("/api/v1/format_query?query=sum(rate(x[5m]))by(job)");
        return uris;
    }

    static List<String> errors() {
        return List.of("/api/v1/query?query=up%20*", "/api/v1/query?query=up&time=x",
                "/api/v1/query_range?query=up&start=10&end=5&step=1",
                "/api/v1/query_range?query=up&start=0&end=100000&step=1",
                "/api/v1/query_range?query=up&start=0&end=10&step=0", "/api/v1/series",
                "/api/v1/series?match[]=%7Bjob%3D~%22.*%22%7D");
    }

    @TestFactory
    List<DynamicTest> sameBodies() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String uri : same()) {
            tests.add(DynamicTest.dynamicTest(uri, () -> {
                HttpResponse<String> want = fetch(uri);
                Response got = ours.get(uri);
                assertThat(got.bodyText()).isEqualTo(want.body());
                assertThat(got.status()).isEqualTo(want.statusCode());
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> sameErrors() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String uri : errors()) {
            tests.add(DynamicTest.dynamicTest(uri, () -> {
                HttpResponse<String> want = fetch(uri);
                Response got = ours.get(uri);
                assertThat(got.status()).isEqualTo(want.statusCode());
                assertThat(errorType(got.bodyText())).isEqualTo(errorType(want.body()));
            }));
        }
        return tests;
    }

    private static String errorType(String body) {
        int i = body.indexOf("\"errorType\":\"");
        return i < 0 ? body : body.substring(i + 13, body.indexOf('"', i + 13));
    }
}
