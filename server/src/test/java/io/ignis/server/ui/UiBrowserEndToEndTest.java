package io.ignis.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ignis.labels.Labels;
import io.ignis.server.Flags;
import io.ignis.server.Server;
import io.ignis.server.api.BuildInfo;
import io.ignis.storage.Appender;
import io.ignis.tsdb.Db;
import io.ignis.tsdb.DbOptions;
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
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real headless Chromium against an in-process server that has scraped itself for a few seconds
 * and holds 100 synthetic series over the last hour: the table, the graph, target health, parse errors, and the
 * page-load and 100-series graph timings (printed, not asserted).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UiBrowserEndToEndTest {
    private static final BuildInfo BUILD = new BuildInfo("1.0.0", "abc", "main", "me", "20260101-00:00:00",
            "java17");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYNTHETIC = "ui_synthetic_load";
    private static final int SYNTHETIC_SERIES = 100;
    private static final long SYNTHETIC_STEP_MS = 15_000;
    private static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "ui-screenshots");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path dir;
    private Server server;
    private String base;
    private HeadlessChromium chromium;
    private ChromeDriver driver;

    @BeforeAll
    void startServerAndBrowser(@TempDir Path tmp) throws Exception {
        HeadlessChromium.requireInstalled();
        dir = tmp;
        writeSyntheticSeries(dir.resolve("data"), System.currentTimeMillis());
        // No target until the port is known: the server starts on port 0, then reloads a config that scrapes it.
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\nscrape_configs: []\n");
        server = new Server(Flags.parse("--config.file=" + config, "--web.listen-address=127.0.0.1:0",
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.enable-lifecycle"), BUILD);
        base = "http://127.0.0.1:" + server.start().get(0).getPort();
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: ignis
                    static_configs:
                      - targets: ['%s']
                """.formatted(base.substring("http://".length())));
        HttpResponse<String> reload = client.send(HttpRequest.newBuilder(URI.create(base + "/-/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        awaitQuery("count_over_time(up{job=\"ignis\"}[1m]) >= 3", r -> r.size() == 1);
        chromium = HeadlessChromium.start(dir.resolve("chromium-profile"));
        driver = chromium.driver;
    }

    @AfterAll
    void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (server != null) {
                server.shutdown();
            }
        }
    }

    @AfterEach
    void screenshot(TestInfo test) throws IOException {
        if (driver != null) {
            chromium.screenshot(SCREENSHOTS, test.getTestMethod().orElseThrow().getName());
        }
    }

    @Test
    void upInTheTableShowsTheSelfScrapeTarget() {
        openQueryPage();
        execute("up");
        List<WebElement> rows = waitFor(d -> {
            List<WebElement> r = d.findElements(By.cssSelector(".panel .result-table tbody tr"));
            return r.isEmpty() ? null : r;
        });
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("job=\"ignis\"")
                .contains("instance=\"" + base.substring("http://".length()) + "\"");
        assertThat(rows.get(0).findElement(By.cssSelector(".result-value")).getText()).isEqualTo("1");
    }

    @Test
    void graphTabDrawsOneLineAndLegendEntryPerSeries() throws Exception {
        String expr = "{job=\"ignis\",__name__=~\"process_.*\"}";
        long end = System.currentTimeMillis() / 1000;
        JsonNode api = apiData("/api/v1/query_range?query=" + encode(expr) + "&start=" + (end - 3600) + "&end=" + end
                + "&step=14");
        int expected = api.get("result").size();
        assertThat(expected).as("process_* series of the self-scrape").isGreaterThan(1);

        openQueryPage();
        execute(expr);
        waitFor(d -> d.findElements(By.cssSelector(".panel .result-table tbody tr")).size() == expected);
        tab("Graph").click();
        waitFor(d -> d.findElements(By.cssSelector(".panel .legend .legend-item")).size() == expected
                && drawnPixels() > 0);
        assertThat(driver.findElements(By.cssSelector(".panel .graph .uplot"))).as("one uPlot chart").hasSize(1);
        assertThat(driver.findElements(By.cssSelector(".panel .legend .legend-item"))).hasSize(expected)
                .anySatisfy(e -> assertThat(e.getText()).startsWith("process_"));
        assertThat(drawnPixels()).isGreaterThan(1000);
    }

    @Test
    void targetsPageShowsTheSelfScrapeUp() {
        driver.get(base + "/targets");
        String endpoint = base + "/metrics";
        WebElement row = waitFor(d -> d.findElements(By.cssSelector("table.data tbody tr")).stream()
                .filter(r -> r.getText().contains(endpoint)).findFirst().orElse(null));
        assertThat(row.findElement(By.cssSelector(".badge")).getText()).isEqualToIgnoringCase("up");
        assertThat(row.getText()).contains("job=\"ignis\"");
        assertThat(driver.findElement(By.cssSelector(".card .card-header")).getText()).contains("ignis")
                .contains("1 / 1 up");
    }

    @Test
    void invalidQueryShowsTheApiParseErrorInline() throws Exception {
        HttpResponse<String> response = get("/api/v1/query?query=" + encode("sum("));
        assertThat(response.statusCode()).isEqualTo(400);
        String apiError = JSON.readTree(response.body()).get("error").asText();
        assertThat(apiError).contains("parse error");

        openQueryPage();
        execute("sum(");
        WebElement error = waitFor(d -> d.findElements(By.cssSelector(".panel .panel-messages .alert-error"))
                .stream().findFirst().orElse(null));
        assertThat(error.findElement(By.cssSelector(".alert-body")).getText()).isEqualTo(apiError);
        assertThat(driver.findElements(By.cssSelector(".panel .result-table"))).isEmpty();
        // The editor marks the position the error names (1:5, after the open parenthesis).
        assertThat(driver.findElements(By.cssSelector(".panel .editor-highlight .error-at"))).isNotEmpty();
    }

    @Test
    void measuresPageLoadAndAHundredSeriesGraphOfOneHour() throws Exception {
        long started = System.nanoTime();
        openQueryPage();
        long ready = System.nanoTime() - started;
        JsonNode nav = JSON.valueToTree(driver.executeScript(
                "const n = performance.getEntriesByType('navigation')[0];"
                + "return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd};"));

        started = System.nanoTime();
        driver.get(base + "/query?g0.expr=" + encode(SYNTHETIC) + "&g0.tab=graph&g0.range_input=1h");
        waitFor(d -> d.findElements(By.cssSelector(".panel .legend .legend-item")).size() == SYNTHETIC_SERIES
                && drawnPixels() > 0);
        long graph = System.nanoTime() - started;
        String stats = driver.findElement(By.cssSelector(".panel .panel-stats")).getText();
        assertThat(stats).contains("Result series: " + SYNTHETIC_SERIES);

        System.out.printf("UI figures: /query ready (editor shown) %d ms, DOMContentLoaded %.0f ms, load %.0f ms;"
                + " 1 h graph of %d series drawn %d ms after navigation (panel: %s)%n", ready / 1_000_000,
                nav.get("dcl").asDouble(), nav.get("load").asDouble(), SYNTHETIC_SERIES, graph / 1_000_000, stats);
    }

    /** 100 series, one sample every 15 s over the hour before {@code now}, written before the server opens. */
    private static void writeSyntheticSeries(Path data, long now) throws IOException {
        try (Db db = Db.open(data, DbOptions.defaults())) {
            Appender app = db.appender();
            for (int s = 0; s < SYNTHETIC_SERIES; s++) {
                Labels labels = Labels.of("__name__", SYNTHETIC, "job", "synthetic", "series", "%03d".formatted(s));
                long ref = 0;
                for (long t = now - 3_600_000; t <= now; t += SYNTHETIC_STEP_MS) {
                    ref = app.append(ref, labels, t, s + Math.sin(t / 600_000.0));
                }
            }
            app.commit();
        }
    }

    private void openQueryPage() {
        driver.get(base + "/query");
        waitFor(d -> d.findElements(By.cssSelector(".panel .editor textarea")).size() == 1);
    }

    private void execute(String expr) {
        WebElement editor = driver.findElement(By.cssSelector(".panel .editor textarea"));
        editor.sendKeys(expr);
        driver.findElement(By.cssSelector(".panel .panel-actions button.primary")).click();
    }

    private WebElement tab(String name) {
        return driver.findElements(By.cssSelector(".panel .panel-tabs button.tab")).stream()
                .filter(b -> b.getText().equals(name)).findFirst().orElseThrow();
    }

    /** Pixels the chart's canvas has painted (alpha above zero); 0 before uPlot drew. */
    private long drawnPixels() {
        Object n = driver.executeScript("const c = document.querySelector('.panel .graph canvas');"
                + "if (!c || c.width === 0) { return 0; }"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } } return n;");
        return ((Number) n).longValue();
    }

    private <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(20)).until(condition::apply);
    }

    private JsonNode apiData(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("data");
    }

    private JsonNode awaitQuery(String query, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode result = null;
        while (System.nanoTime() < deadline) {
            result = apiData("/api/v1/query?query=" + encode(query)).get("result");
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
