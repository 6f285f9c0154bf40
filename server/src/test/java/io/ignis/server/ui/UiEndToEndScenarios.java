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
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI in a real headless browser against an in-process server that has scraped itself for a few seconds
 * and holds 100 synthetic series over the last hour: the table, the graph, autocompletion, target health, the other
 * status pages, parse errors, dark mode, and the page-load and 100-series graph timings (printed, not asserted). One
 * subclass per browser supplies it; each class starts one server and one browser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UiEndToEndScenarios {
    private static final BuildInfo BUILD = new BuildInfo("1.0.0", "abc", "main", "me", "20260101-00:00:00",
            "java17");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYNTHETIC = "ui_synthetic_load";
    private static final String EXEMPLAR_METRIC = "ui_checkout_requests_total";
    private static final String TRACE_ID = "4bf92f3577b34da6";
    private static final int SYNTHETIC_SERIES = 100;
    private static final long SYNTHETIC_STEP_MS = 15_000;
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "ui-screenshots");
    private static final String EDITOR = ".panel .editor textarea";
    private static final String TABLE_ROWS = ".panel .result-table tbody tr";
    private static final String LEGEND_ITEMS = ".panel .legend .legend-item";
    // Pixels the chart's canvas has painted (alpha above zero); 0 before uPlot drew.
    private static final String DRAWN_PIXELS = """
            const c = document.querySelector('.panel .graph canvas');
            if (!c || c.width === 0) { return 0; }
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } } return n;
            """;

    // For each legend entry, the opaque canvas pixels within a small distance of its swatch's colour: a line drawn
    // across the chart in that colour gives hundreds.
    private static final String PIXELS_PER_LEGEND_COLOUR = """
            const rgb = (css) => css.match(/\\d+/g).slice(0, 3).map(Number);
            const colours = [...document.querySelectorAll(arguments[0] + ' .legend-swatch')]
                .map((s) => rgb(getComputedStyle(s).backgroundColor));
            const c = document.querySelector('.panel .graph canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            const counts = colours.map(() => 0);
            for (let i = 0; i < d.length; i += 4) {
                if (d[i + 3] < 128) { continue; }
                colours.forEach(([r, g, b], k) => {
                    if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 40) { counts[k]++; }
                });
            }
            return counts;
            """;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private OpenMetricsTarget exemplarTarget;
    private Server server;
    private String base;
    private Browser browser;

    /** Fails under CI=true, or skips, when the browser is not installed. */
    abstract void requireInstalled();

    /** Starts the browser on a fresh profile in {@code profile}. */
    abstract Browser startBrowser(Path profile) throws IOException;

    @BeforeAll
    void startServerAndBrowser(@TempDir Path dir) throws Exception {
        requireInstalled();
        // A counter whose every scrape carries an exemplar (stamped with the scrape time, as it has none of its own).
        exemplarTarget = new OpenMetricsTarget("""
                # TYPE ui_checkout_requests counter
                ui_checkout_requests_total{path="/checkout"} 17 # {trace_id="%s"} 1.5
                # EOF
                """.formatted(TRACE_ID));
        writeSyntheticSeries(dir.resolve("data"), System.currentTimeMillis());
        // No target until the port is known: the server starts on port 0, then reloads a config that scrapes it.
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\nscrape_configs: []\n");
        server = new Server(Flags.parse("--config.file=" + config, "--web.listen-address=127.0.0.1:0",
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.enable-lifecycle",
                "--enable-feature=exemplar-storage"), BUILD);
        base = "http://127.0.0.1:" + server.start().get(0).getPort();
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: ignis
                    static_configs:
                      - targets: ['%s']
                  - job_name: exemplars
                    static_configs:
                      - targets: ['%s']
                """.formatted(hostPort(), exemplarTarget.address()));
        HttpResponse<String> reload = client.send(HttpRequest.newBuilder(URI.create(base + "/-/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        awaitQuery("count_over_time(up{job=\"ignis\"}[1m]) >= 3", r -> r.size() == 1);
        browser = startBrowser(dir.resolve(getClass().getSimpleName() + "-profile"));
    }

    @AfterAll
    void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.shutdown();
            }
            if (exemplarTarget != null) {
                exemplarTarget.close();
            }
        }
    }

    @AfterEach
    void screenshot(TestInfo test) throws IOException {
        if (browser != null) {
            browser.screenshot(SCREENSHOTS.resolve(browser.name()), test.getTestMethod().orElseThrow().getName());
        }
    }

    @Test
    void upInTheTableShowsTheSelfScrapeTarget() {
        openQueryPage();
        execute("up{job=\"ignis\"}");
        JsonNode rows = waitFor("table rows of up", """
                const rows = [...document.querySelectorAll(arguments[0])];
                return rows.length === 0 ? null
                    : rows.map((r) => ({text: r.innerText, value: r.querySelector('.result-value').innerText}));
                """, TABLE_ROWS);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("text").asText()).contains("job=\"ignis\"").contains("instance=\"" + hostPort()
                + "\"");
        assertThat(rows.get(0).get("value").asText()).isEqualTo("1");
    }

    @Test
    void graphTabDrawsOneLineAndLegendEntryPerSeries() throws Exception {
        // Six of the synthetic series: parallel curves one unit apart, so no line hides another.
        String expr = SYNTHETIC + "{series=~\"00[0-5]\"}";
        long end = System.currentTimeMillis() / 1000;
        JsonNode api = apiData("/api/v1/query_range?query=" + encode(expr) + "&start=" + (end - 3600) + "&end=" + end
                + "&step=14");
        int expected = api.get("result").size();
        assertThat(expected).as("series the API returns").isEqualTo(6);

        openQueryPage();
        execute(expr);
        waitFor(expected + " table rows", "return document.querySelectorAll(arguments[0]).length === arguments[1];",
                TABLE_ROWS, expected);
        browser.click(".panel .panel-tabs button.tab", "Graph");
        JsonNode graph = waitFor(expected + " legend entries and a drawn chart", """
                const legend = [...document.querySelectorAll(arguments[0])].map((e) => e.innerText);
                const pixels = (function () {%s}).apply(null, []);
                return legend.length === arguments[1] && pixels > 0
                    ? {legend, pixels, charts: document.querySelectorAll('.panel .graph .uplot').length} : null;
                """.formatted(DRAWN_PIXELS), LEGEND_ITEMS, expected);
        assertThat(graph.get("charts").asInt()).as("one uPlot chart").isEqualTo(1);
        assertThat(graph.get("legend")).hasSize(expected)
                .allSatisfy(e -> assertThat(e.asText()).startsWith(SYNTHETIC + "{"));
        JsonNode perColour = browser.evaluate(PIXELS_PER_LEGEND_COLOUR, LEGEND_ITEMS);
        assertThat(perColour).as("canvas pixels in each legend entry's colour").hasSize(expected)
                .allSatisfy(n -> assertThat(n.asInt()).isGreaterThan(300));
    }

    @Test
    void graphDrawsAScrapedExemplarAsAPointThatShowsItsLabelsOnHover() throws Exception {
        awaitExemplars(EXEMPLAR_METRIC);
        browser.navigate(base + "/query?g0.expr=" + encode(EXEMPLAR_METRIC)
                + "&g0.tab=graph&g0.range_input=1m&g0.show_exemplars=1");
        JsonNode drawn = waitFor("exemplar points beside one line", """
                const over = document.querySelector('.panel .graph .u-over');
                const points = [...document.querySelectorAll('.panel .exemplar-point')].filter((e) => !e.hidden);
                if (!over || points.length === 0 || document.querySelectorAll(arguments[0]).length !== 1) { return null; }
                const box = over.getBoundingClientRect();
                const swatch = document.querySelector(arguments[0] + ' .legend-swatch');
                return {box: {left: box.left, top: box.top, right: box.right, bottom: box.bottom},
                    series: getComputedStyle(swatch).backgroundColor,
                    stats: document.querySelector('.panel .panel-stats').innerText,
                    points: points.map((e) => {
                        const r = e.getBoundingClientRect();
                        return {x: r.left + r.width / 2, y: r.top + r.height / 2, colour: getComputedStyle(e).borderTopColor};
                    })};
                """, LEGEND_ITEMS);
        assertThat(drawn.get("stats").asText()).contains("Exemplars: ");
        JsonNode box = drawn.get("box");
        assertThat(drawn.get("points")).allSatisfy(p -> {
            assertThat(p.get("x").asDouble()).isBetween(box.get("left").asDouble(), box.get("right").asDouble());
            assertThat(p.get("y").asDouble()).isBetween(box.get("top").asDouble(), box.get("bottom").asDouble());
            assertThat(p.get("colour").asText()).as("drawn in its series' colour").isEqualTo(drawn.get("series").asText());
        });

        JsonNode last = drawn.get("points").get(drawn.get("points").size() - 1);
        browser.moveMouse((int) Math.round(last.get("x").asDouble()), (int) Math.round(last.get("y").asDouble()));
        String tooltip = waitFor("the exemplar's tooltip", """
                const t = document.querySelector('.panel .graph-tooltip');
                return t.style.display === 'block' && t.querySelector('.tt-exemplar') ? t.innerText : null;
                """).asText();
        assertThat(tooltip).contains("Exemplar 1.5").contains("trace_id=\"" + TRACE_ID + "\"")
                .contains(EXEMPLAR_METRIC + "{").contains("path=\"/checkout\"");
        browser.screenshot(SCREENSHOTS.resolve(browser.name()), "exemplarTooltip");

        browser.click(".panel .panel-controls input[aria-label='Show exemplars']", null);
        waitFor("no exemplar points once unticked", """
                return document.querySelectorAll('.panel .exemplar-point').length === 0
                    && !document.querySelector('.panel .panel-stats').innerText.includes('Exemplars');
                """);
    }

    @Test
    void targetsPageShowsTheSelfScrapeUp() {
        browser.navigate(base + "/targets");
        String endpoint = base + "/metrics";
        JsonNode target = waitFor("the self-scrape target row", """
                const row = [...document.querySelectorAll('table.data tbody tr')]
                    .find((r) => r.innerText.includes(arguments[0]));
                if (!row) { return null; }
                const card = row.closest('.card');
                return {badge: row.querySelector('.badge').innerText, row: row.innerText,
                    header: card.querySelector('.card-header').innerText};
                """, endpoint);
        assertThat(target.get("badge").asText()).isEqualToIgnoringCase("up");
        assertThat(target.get("row").asText()).contains("job=\"ignis\"");
        assertThat(target.get("header").asText()).contains("ignis").contains("1 / 1 up");
    }

    @Test
    void everyStatusPageRendersWithoutAnErrorBox() {
        List<String> pages = List.of("alerts", "rules", "service-discovery", "status", "tsdb-status", "flags", "config",
                "alertmanager-discovery");
        for (String page : pages) {
            browser.navigate(base + "/" + page);
            JsonNode shown = waitFor("the " + page + " page", """
                    const main = document.querySelector('main') || document.body;
                    const done = document.documentElement.dataset.booted === '1' && main.querySelector('h1')
                        && !main.querySelector('.loading');
                    return done ? {title: main.querySelector('h1').innerText,
                        errors: [...main.querySelectorAll('.alert-error')].map((e) => e.innerText),
                        text: main.innerText.length} : null;
                    """);
            assertThat(shown.get("errors")).as(page + " error boxes").isEmpty();
            assertThat(shown.get("title").asText()).as(page + " heading").isNotBlank();
            assertThat(shown.get("text").asInt()).as(page + " content").isGreaterThan(shown.get("title").asText().length());
        }
    }

    @Test
    void invalidQueryShowsTheApiParseErrorInline() throws Exception {
        HttpResponse<String> response = get("/api/v1/query?query=" + encode("sum("));
        assertThat(response.statusCode()).isEqualTo(400);
        String apiError = JSON.readTree(response.body()).get("error").asText();
        assertThat(apiError).contains("parse error");

        openQueryPage();
        execute("sum(");
        JsonNode error = waitFor("the inline error", """
                const e = document.querySelector('.panel .panel-messages .alert-error');
                return e ? {body: e.querySelector('.alert-body').innerText,
                    tables: document.querySelectorAll('.panel .result-table').length,
                    marks: document.querySelectorAll('.panel .editor-highlight .error-at').length} : null;
                """);
        assertThat(error.get("body").asText()).isEqualTo(apiError);
        assertThat(error.get("tables").asInt()).isZero();
        // The editor marks the position the error names (1:5, after the open parenthesis).
        assertThat(error.get("marks").asInt()).isPositive();
    }

    @Test
    void autocompletionInsertsAMetricNameAndShiftEnterRunsIt() {
        openQueryPage();
        browser.type(EDITOR, null, "ui_synth");
        JsonNode offered = waitFor("a completion popup offering " + SYNTHETIC, """
                const popup = document.querySelector('.panel .completions');
                const items = [...popup.querySelectorAll('.completion-list li')].map((li) => li.innerText);
                return !popup.hidden && items.some((t) => t.includes(arguments[0])) ? items : null;
                """, SYNTHETIC);
        assertThat(offered.get(0).asText()).as("the best match first").contains(SYNTHETIC);

        browser.type(EDITOR, null, Browser.TAB);
        assertThat(browser.evaluate("return document.querySelector(arguments[0]).value;", EDITOR).asText())
                .isEqualTo(SYNTHETIC);
        browser.type(EDITOR, null, Browser.SHIFT + Browser.ENTER);
        waitFor("the table of " + SYNTHETIC, "return document.querySelector('.panel .panel-stats').innerText"
                + ".includes('Result series: ' + arguments[0]);", SYNTHETIC_SERIES);
    }

    @Test
    void darkModeTogglesAndSurvivesAReload() {
        openQueryPage();
        for (int i = 0; i < 3 && !"dark".equals(theme().get("theme").asText()); i++) {
            browser.click("#theme-toggle", null);
        }
        JsonNode dark = theme();
        try {
            assertThat(dark.get("theme").asText()).isEqualTo("dark");
            assertThat(dark.get("background").asDouble()).as("page background luminance").isLessThan(0.2);
            assertThat(dark.get("text").asDouble()).as("text luminance").isGreaterThan(0.6);
            openQueryPage();
            assertThat(theme()).as("after a reload").isEqualTo(dark);
        } finally {
            browser.evaluate("localStorage.removeItem('ignis.theme');");
        }
    }

    @Test
    void measuresPageLoadAndAHundredSeriesGraphOfOneHour() {
        long started = System.nanoTime();
        openQueryPage();
        long ready = System.nanoTime() - started;
        JsonNode nav = browser.evaluate("const n = performance.getEntriesByType('navigation')[0];"
                + "return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd};");

        started = System.nanoTime();
        browser.navigate(base + "/query?g0.expr=" + encode(SYNTHETIC) + "&g0.tab=graph&g0.range_input=1h");
        waitFor(SYNTHETIC_SERIES + " legend entries and a drawn chart",
                "return document.querySelectorAll(arguments[0]).length === arguments[1] && (function () {%s})() > 0;"
                        .formatted(DRAWN_PIXELS), LEGEND_ITEMS, SYNTHETIC_SERIES);
        long graph = System.nanoTime() - started;
        String stats = browser.evaluate("return document.querySelector('.panel .panel-stats').innerText;").asText();
        assertThat(stats).contains("Result series: " + SYNTHETIC_SERIES);

        System.out.printf("UI figures (%s): /query ready (editor shown) %d ms, DOMContentLoaded %.0f ms, load %.0f ms;"
                + " 1 h graph of %d series drawn %d ms after navigation (panel: %s)%n", browser.name(),
                ready / 1_000_000, nav.get("dcl").asDouble(), nav.get("load").asDouble(), SYNTHETIC_SERIES,
                graph / 1_000_000, stats);
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

    private String hostPort() {
        return base.substring("http://".length());
    }

    private JsonNode theme() {
        return browser.evaluate("""
                const lum = (css) => {
                    const [r, g, b] = css.match(/\\d+(\\.\\d+)?/g).map(Number);
                    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
                };
                const style = getComputedStyle(document.body);
                return {theme: document.documentElement.dataset.theme, background: lum(style.backgroundColor),
                    text: lum(style.color)};
                """);
    }

    private void openQueryPage() {
        browser.navigate(base + "/query");
        waitFor("the query editor", "return document.querySelectorAll(arguments[0]).length === 1;", EDITOR);
    }

    private void execute(String expr) {
        browser.type(EDITOR, null, expr);
        browser.click(".panel .panel-actions button.primary", null);
    }

    /**
     * Polls {@code body} (see {@link Browser#evaluate}) until it returns something other than null or false, and
     * returns that.
     */
    private JsonNode waitFor(String what, String body, Object... args) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last;
        do {
            last = browser.evaluate(body, args);
            if (!last.isNull() && !(last.isBoolean() && !last.asBoolean())) {
                return last;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        } while (System.nanoTime() < deadline);
        throw new AssertionError("waited " + WAIT.toSeconds() + " s in " + browser.name() + " for " + what
                + "; the last check returned " + last);
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

    /** Waits until /api/v1/query_exemplars has an exemplar of {@code metric} in the last minute. */
    private void awaitExemplars(String metric) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode data = null;
        while (System.nanoTime() < deadline) {
            long now = System.currentTimeMillis() / 1000;
            data = apiData("/api/v1/query_exemplars?query=" + encode(metric) + "&start=" + (now - 60) + "&end=" + now);
            if (data.size() > 0 && data.get(0).get("exemplars").size() > 0) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new AssertionError("no exemplar of " + metric + " was stored; last answer " + data);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
