package io.ignis.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.Labels;
import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Span;
import io.ignis.promql.parser.ParserOptions;
import io.ignis.promql.parser.PromqlParser;
import io.ignis.promql.promqltest.TestStorage;
import io.ignis.storage.Appender;
import io.ignis.storage.Queryable;
import io.ignis.tsdb.Head;
import io.ignis.tsdb.HeadOptions;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --query.max-samples} stops a query at exactly Prometheus's threshold, and {@code stats=all} reports
 * Prometheus's peak and total samples. Each case gives the smallest limit
 * the query passes with: {@code want} as Prometheus 3.x counts (ours), {@code want242} as Debian's Prometheus 2.42
 * counts, which the second test asks over the same data. Where the two differ, 3.x wins: 2.42 evaluated
 * aggregations and {@code label_replace} through rangeEval, which counts the input samples gathered at each step;
 * 3.x aggregates in rangeEvalAgg and relabels in place, counting no per-step input (read in its engine.go), so
 * those cases pass at a lower limit in 3.x and here.
 *
 * <p>Data: {@code m{i="a"|"b"|"c"}} every 15 s for an hour; queries at {@value #T_SEC} (instant) or over the next
 * 10 minutes every minute (range). No sample sits on a window boundary, so 2.42's closed windows and 3.x's
 * left-open ones select the same samples.
 */
class SampleLimitTest {
    private static final long BASE_SEC = 1_700_000_000L;
    private static final long T_SEC = 1_700_001_807L;
    private static final String TOO_MANY =
            "query processing would load too many samples into memory in query execution";
    private static final String[] SERIES = {"a", "b", "c"};
    private static final String WHY_AGG = "2.42 aggregates through rangeEval, counting the input at each step";

    private static final Head HEAD = Head.inMemory(HeadOptions.defaults().withStripeSize(16));
    /** The head takes no native histograms yet; the conformance runner's storage does. */
    private static final TestStorage HISTOGRAMS = new TestStorage();

    static {
        Appender app = HEAD.appender();
        for (int i = 0; i < SERIES.length; i++) {
            for (int k = 0; k <= 240; k++) {
                app.append(0, Labels.of("__name__", "m", "i", SERIES[i]), (BASE_SEC + 15L * k) * 1000, value(i, k));
            }
        }
        app.commit();
        // h: a native histogram every 15 s, one span of 4 buckets. Go's FloatHistogram.Size is 168 + 8 * (1 + 4)
        // = 208 bytes, so a matrix point weighs (208 + 8) / 16 = 13 samples and a vector sample 1 + 208 / 16 = 14.
        Appender happ = HISTOGRAMS.appender();
        for (int k = 0; k <= 240; k++) {
            FloatHistogram fh = new FloatHistogram(CounterResetHint.GAUGE, 0, 0.001, 0, 10 + k, 20.5 + k,
                    new Span[] {new Span(0, 4)}, new double[] {1, 2, 3, 4 + k}, new Span[0], new double[0],
                    new double[0]);
            happ.appendHistogram(0, Labels.of("__name__", "h"), (BASE_SEC + 15L * k) * 1000, null, fh);
        }
        happ.commit();
    }

    private static int value(int series, int k) {
        return (k * 7 + series * 3) % 50;
    }

    @AfterAll
    static void closeHead() throws IOException {
        HEAD.close();
    }

    record Case(String query, boolean range, long want, long want242, String why) {
        Case(String query, boolean range, long want) {
            this(query, range, want, want, "");
        }

        @Override
        public String toString() {
            return (range ? "range " : "instant ") + query + " needs " + want;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("m", false, 3),
                new Case("m offset 1m", false, 3),
                new Case("m[1m]", false, 12),
                // Each series' window of 4 is held while its result is added: 4+1, then 1+4+1, then 2+4+1.
                new Case("rate(m[1m])", false, 7),
                new Case("rate(m[30s])", false, 5),
                new Case("sum(rate(m[1m]))", false, 7),
                new Case("count_over_time(m[10m])", false, 43),
                new Case("quantile_over_time(0.5, m[2m])", false, 12),
                new Case("max_over_time(m[5m:1m])", false, 23),
                new Case("m[5m:1m]", false, 15),
                new Case("topk(2, m)", false, 4, 10, WHY_AGG),
                new Case("m", true, 33),
                new Case("-m", true, 33),
                new Case("1", true, 11),
                new Case("vector(1)", true, 11),
                new Case("absent(nonexistent)", true, 11),
                // The windows and per-series outputs are held as for rate, though the one output series replaces them.
                new Case("absent_over_time(m[1m])", true, 37),
                new Case("m @ 1700001807", true, 33),
                new Case("m @ start()", true, 33),
                new Case("timestamp(m)", true, 36),
                // Windows of 4 held per series while 11 results each are added: 4+11, 11+4+11, 22+4+11.
                new Case("rate(m[1m])", true, 37),
                new Case("rate(m[30s])", true, 35),
                new Case("irate(m[1m])", true, 37),
                new Case("rate(m[1m] @ 1700001807)", true, 33),
                new Case("max_over_time(m[1m] @ end())", true, 33),
                new Case("count_over_time(m[10m])", true, 73),
                new Case("predict_linear(m[5m], 60)", true, 64),
                // The quantile's 11 parameter samples stay held to the end, as in Prometheus.
                new Case("quantile_over_time(0.5, m[2m])", true, 52),
                new Case("max_over_time(m[5m:1m])", true, 83),
                new Case("rate(m[5m:1m])", true, 83),
                new Case("sum_over_time(rate(m[1m])[3m:30s])", true, 117),
                new Case("avg_over_time(m[1m:15s] offset 1m)", true, 169),
                new Case("sum(rate(m[1m]))", true, 37, 47, WHY_AGG),
                new Case("sum by (i) (rate(m[2m]))", true, 41, 69, WHY_AGG),
                new Case("topk(2, m)", true, 44, 70, WHY_AGG),
                new Case("topk(scalar(count(m)) - 1, m)", true, 44, 70, WHY_AGG),
                new Case("sum(m) / count(m)", true, 44, 58, WHY_AGG),
                new Case("scalar(sum(m))", true, 33, 47, WHY_AGG),
                new Case("max_over_time(sum(m)[2m:20s])", true, 108, 147, WHY_AGG),
                // Both sides held, plus each step's 3 + 3 gathered inputs and its results: 66 + 6 + 33.
                new Case("m + on(i) m", true, 105),
                new Case("sum(m) + on() group_left count(m)", true, 44, 58, WHY_AGG),
                new Case("clamp(m, 10, 20)", true, 93),
                new Case("sort(m)", true, 69),
                new Case("count_values(\"v\", m)", true, 69),
                new Case("label_replace(m, \"j\", \"$1\", \"i\", \"(.*)\")", true, 33, 69,
                        "3.x relabels the input in place; 2.42 went through rangeEval, counting it at each step"));
    }

    /**
     * Native histograms weigh their Go memory size (Prometheus 3.x's HPoint.size and Vector.TotalSamples); not
     * checked against a peer, since Debian's 2.42 and promtool create no native histograms from text.
     */
    static Stream<Case> histogramCases() {
        return Stream.of(
                new Case("h", false, 13),
                new Case("h[1m]", false, 4 * 13),
                new Case("-h", false, 13),
                // The input point (13) and the literal (1) held, both gathered (1 each: Prometheus copies the
                // histogram's pointer), and the result as a vector sample (1 + 208 / 16 = 14).
                new Case("h * 2", false, 13 + 1 + 2 + 14),
                new Case("h", true, 11 * 13),
                // Only count and sum are decoded for histogram_count (Prometheus's histogram stats iterator): 168
                // bytes, 11 samples per point; then 1 gathered and 1 float result per step.
                new Case("histogram_count(h)", true, 11 * 11 + 1 + 11),
                // A window of 4 points (52) is held while the series' 11 results are added; rate's result is
                // compacted to the one bucket that grows (offset 3, length 1): 168 + 16 bytes, 12 samples.
                new Case("rate(h[1m])", true, 52 + 11 * 12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histogramCases")
    void histogramsWeighTheirGoSize(Case c) {
        assertThat(query(HISTOGRAMS, c, c.want()).exec().stats().peakSamples()).isEqualTo(c.want());
        assertThatThrownBy(() -> query(HISTOGRAMS, c, c.want() - 1).exec())
                .isInstanceOf(TooManySamplesException.class)
                .hasMessage(TOO_MANY);
    }

    static Query query(Case c, long maxSamples) {
        return query(HEAD, c, maxSamples);
    }

    private static Query query(Queryable storage, Case c, long maxSamples) {
        Engine e = new Engine(EngineOptions.defaults().withMaxSamples(maxSamples),
                q -> PromqlParser.parse(q, ParserOptions.all()));
        long t = T_SEC * 1000;
        return c.range() ? e.newRangeQuery(storage, c.query(), t, t + 600_000, 60_000)
                : e.newInstantQuery(storage, c.query(), t);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void passesAtTheThresholdAndFailsJustBelow(Case c) {
        Result r = query(c, c.want()).exec();
        assertThat(r.value()).isNotNull();
        // The peak is the most samples held at a check, so the threshold.
        assertThat(r.stats().peakSamples()).as("peakSamples").isEqualTo(c.want());
        assertThatThrownBy(() -> query(c, c.want() - 1).exec())
                .isInstanceOf(TooManySamplesException.class)
                .hasMessage(TOO_MANY);
    }

    /** Debian's Prometheus 2.42, started once per limit, answers every case whose threshold is at or next to it. */
    @Test
    void prometheus242HasTheSameThresholdsOrTheDocumentedOnes(@TempDir Path dir) throws Exception {
        PrometheusPeer.assumeInstalled();
        Path blocks = createBlocks(PrometheusPeer.PROMTOOL, dir);
        List<Case> cases = cases().toList();
        TreeSet<Long> limits = new TreeSet<>();
        for (Case c : cases) {
            limits.add(c.want242());
            limits.add(c.want242() - 1);
        }
        List<String> mismatches = new ArrayList<>();
        for (long limit : limits) {
            Path data = dir.resolve("run-" + limit);
            copyTree(blocks, data);
            try (PrometheusPeer peer = PrometheusPeer.start(data, "--query.max-samples=" + limit)) {
                for (Case c : cases) {
                    if (limit != c.want242() && limit != c.want242() - 1) {
                        continue;
                    }
                    String got = ask(peer, c);
                    boolean wantOk = limit >= c.want242();
                    if (wantOk ? !got.isEmpty() : !got.equals(TOO_MANY)) {
                        mismatches.add(c + " at --query.max-samples=" + limit + ": " + (got.isEmpty() ? "ok" : got));
                    }
                }
            }
        }
        // stats=all: 2.42's peak is its threshold, and it loads as many samples as we do.
        Path data = dir.resolve("run-stats");
        copyTree(blocks, data);
        try (PrometheusPeer peer = PrometheusPeer.start(data)) {
            for (Case c : cases) {
                String body = peer.get(path(c) + "&stats=all").body();
                long total = query(c, Long.MAX_VALUE).exec().stats().totalSamplesLoaded();
                String want = "\"samples\":{\"totalQueryableSamples\":" + total + ",\"peakSamples\":"
                        + c.want242() + "}";
                if (!body.contains(want)) {
                    mismatches.add(c + ": want stats " + want + " in " + body);
                }
            }
        }
        assertThat(mismatches).as("Prometheus 2.42 disagrees").isEmpty();
    }

    private static String path(Case c) {
        String q = "query=" + URLEncoder.encode(c.query(), StandardCharsets.UTF_8);
        return c.range() ? "/api/v1/query_range?" + q + "&start=" + T_SEC + "&end=" + (T_SEC + 600) + "&step=60"
                : "/api/v1/query?" + q + "&time=" + T_SEC;
    }

    /** The same samples as {@link #HEAD}, as an OpenMetrics file turned into a block by promtool. */
    private static Path createBlocks(Path promtool, Path dir) throws Exception {
        StringBuilder om = new StringBuilder("# TYPE m gauge\n");
        for (int i = 0; i < SERIES.length; i++) {
            for (int k = 0; k <= 240; k++) {
                om.append("m{i=\"").append(SERIES[i]).append("\"} ").append(value(i, k)).append(' ')
                        .append(BASE_SEC + 15L * k).append('\n');
            }
        }
        om.append("# EOF\n");
        Path file = dir.resolve("data.om");
        Files.writeString(file, om);
        Path blocks = dir.resolve("blocks");
        Process p = new ProcessBuilder(promtool.toString(), "tsdb", "create-blocks-from", "openmetrics",
                file.toString(), blocks.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("promtool.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(p.exitValue()).as("promtool: %s", Files.readString(dir.resolve("promtool.log"))).isZero();
        return blocks;
    }

    /** "" when the query succeeded, the error text when it failed for too many samples (checked as 422). */
    private static String ask(PrometheusPeer peer, Case c) throws Exception {
        HttpResponse<String> r = peer.get(path(c));
        if (r.statusCode() == 200) {
            return "";
        }
        String want = "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"" + TOO_MANY + "\"}";
        return r.statusCode() == 422 && r.body().equals(want) ? TOO_MANY : r.statusCode() + " " + r.body();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path dst = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(p, dst);
                }
            }
        }
    }
}
