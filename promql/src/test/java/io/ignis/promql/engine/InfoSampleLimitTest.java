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
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Series;
import io.ignis.promql.value.Value;
import io.ignis.promql.value.Vector;
import io.ignis.storage.Appender;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --query.max-samples} and {@code stats=all} count the experimental {@code info()} as Prometheus 3.x's
 * info.go does (2.42 has no info(), so no peer): the first argument's samples are held; each info sample loaded is
 * held, checked and counted in the total at its step (evalSeries); then every step gathers its base and info
 * samples (1 each) on top of the results so far and adds its result (Vector.TotalSamples), checking the limit;
 * afterwards the inputs stay held and the output replaces the per-step results.
 *
 * <p>Data: {@code m{instance="a"|"b"|"c", job="j"}}, {@code target_info} for instances a (version 1) and b
 * (version 2), {@code build_info} for a, and a native histogram {@code h} of instance a, all every 15 s for an
 * hour; queries at {@value #T_SEC} (instant) or over the next 10 minutes every minute (11 steps).
 */
class InfoSampleLimitTest {
    private static final long BASE_SEC = 1_700_000_000L;
    private static final long T_SEC = 1_700_001_807L;
    private static final int STEPS = 11;
    private static final String TOO_MANY =
            "query processing would load too many samples into memory in query execution";

    private static final TestStorage STORAGE = new TestStorage();

    static {
        Appender app = STORAGE.appender();
        for (int k = 0; k <= 240; k++) {
            long t = (BASE_SEC + 15L * k) * 1000;
            for (String i : new String[] {"a", "b", "c"}) {
                app.append(0, Labels.of("__name__", "m", "instance", i, "job", "j"), t, k % 17);
            }
            app.append(0, Labels.of("__name__", "target_info", "instance", "a", "job", "j", "version", "1"), t, 1);
            app.append(0, Labels.of("__name__", "target_info", "instance", "b", "job", "j", "version", "2"), t, 1);
            app.append(0, Labels.of("__name__", "build_info", "instance", "a", "job", "j", "rev", "x"), t, 1);
            // Go's FloatHistogram.Size is 168 + 8 * (1 + 4) = 208 bytes: 13 samples as a matrix point, 14 as a
            // vector sample.
            FloatHistogram fh = new FloatHistogram(CounterResetHint.GAUGE, 0, 0.001, 0, 10 + k, 20.5 + k,
                    new Span[] {new Span(0, 4)}, new double[] {1, 2, 3, 4 + k}, new Span[0], new double[0],
                    new double[0]);
            app.appendHistogram(0, Labels.of("__name__", "h", "instance", "a", "job", "j"), t, null, fh);
        }
        app.commit();
    }

    /**
     * A query, the smallest limit it passes with (its peak), the samples it loads in total, and, for range queries,
     * the samples loaded at each step.
     */
    record Case(String query, boolean range, long want, long total, long perStep) {
        @Override
        public String toString() {
            return (range ? "range " : "instant ") + query + " needs " + want;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // m (3) and target_info a, b (2) held; the step gathers 3 + 2 and adds 3 results: 5 + 5 + 3.
                new Case("info(m)", false, 13, 5, 5),
                // Only target_info of a is selected; b and c have no match and fail version="1", so 1 result.
                new Case("info(m, {version=\"1\"})", false, 9, 4, 4),
                // __name__ picks the info metric and is no data-label matcher: all 3 kept.
                new Case("info(m, {__name__=\"build_info\"})", false, 11, 4, 4),
                new Case("info(m, {__name__=~\".+_info\"})", false, 15, 6, 6),
                // Info series are not enriched, so none are fetched: 2 held, 2 gathered, 2 results.
                new Case("info(target_info)", false, 6, 2, 2),
                // No identifying label in common: nothing to fetch, 3 held + 3 gathered + 3 results.
                new Case("info(vector(1))", false, 3, 0, 0),
                // The histogram point held (13), its info sample (1), both gathered (1 + 1), the result as a
                // vector sample (1 + 208 / 16 = 14).
                new Case("info(h)", false, 13 + 1 + 2 + 14, 14, 14),
                // m (33) and target_info (22) held; the last step adds its 5 gathered and 3 results to the 30
                // results of the 10 before: 55 + 30 + 5 + 3.
                new Case("info(m)", true, 93, 55, 5),
                // info(m @ T) is step invariant (info is not @-unsafe): one instant evaluation (peak 13, 8 held
                // after), its 3 series then repeated at the 10 other steps, 1 sample each; the total counts the
                // evaluation's 5 samples at every step.
                new Case("info(m @ 1700001807)", true, 8 + 30, 55, 5),
                new Case("info(m offset 1m)", true, 93, 55, 5),
                // 33 + 11 held, then 10 results, 3 + 1 gathered and 1 result.
                new Case("info(m, {version=\"1\"})", true, 59, 44, 4),
                new Case("info(target_info)", true, 46, 22, 2),
                // rate leaves its 33 results held (its own peak is 37), then as info(m).
                new Case("info(rate(m[1m]))", true, 93, 33 * 4 + 22, 4 * 3 + 2),
                // The aggregation runs on info's 88 held samples; its peak is below info's.
                new Case("sum(info(m))", true, 93, 55, 5),
                new Case("info(h)", true, 11 * 13 + 11 + 10 * 14 + 2 + 14, 11 * 14, 14));
    }

    private static Query query(Case c, long maxSamples) {
        Engine e = new Engine(EngineOptions.defaults().withMaxSamples(maxSamples),
                q -> PromqlParser.parse(q, ParserOptions.all()));
        long t = T_SEC * 1000;
        Query q = c.range() ? e.newRangeQuery(STORAGE, c.query(), t, t + 600_000, 60_000)
                : e.newInstantQuery(STORAGE, c.query(), t);
        return q.perStepStats(true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void passesAtTheThresholdAndFailsJustBelow(Case c) {
        Result r = query(c, c.want()).exec();
        assertThat(r.value()).isNotNull();
        assertThat(r.stats().peakSamples()).as("peakSamples").isEqualTo(c.want());
        assertThatThrownBy(() -> query(c, c.want() - 1).exec())
                .isInstanceOf(TooManySamplesException.class)
                .hasMessage(TOO_MANY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void statsCountTheInfoSamplesLoaded(Case c) {
        QueryStats s = query(c, Long.MAX_VALUE).exec().stats();
        assertThat(s.peakSamples()).as("peakSamples").isEqualTo(c.want());
        assertThat(s.totalSamplesLoaded()).as("totalQueryableSamples").isEqualTo(c.total());
        SamplesPerStep perStep = s.perStep();
        assertThat(perStep.size()).as("steps").isEqualTo(c.range() ? STEPS : 1);
        for (int i = 0; i < perStep.size(); i++) {
            assertThat(perStep.count(i)).as("samples at step %d", i).isEqualTo(c.perStep());
        }
    }

    /** The accounting leaves the result as it was: a's and b's series get their version, c's none. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resultIsUnchangedByTheLimit(Case c) {
        String limited = render(query(c, c.want()).exec().value());
        assertThat(limited).isEqualTo(render(query(c, Long.MAX_VALUE).exec().value()));
        if (c.query().equals("info(m)")) {
            assertThat(limited).contains("instance=\"a\", job=\"j\", version=\"1\"}",
                    "instance=\"b\", job=\"j\", version=\"2\"}", "instance=\"c\", job=\"j\"}");
            assertThat(limited.lines().count()).as("series").isEqualTo(3);
        }
    }

    /** One line per series, sorted: labels, then each point as time=value (histograms by their count). */
    private static String render(Value v) {
        List<String> lines = new ArrayList<>();
        if (v instanceof Vector vec) {
            for (int i = 0; i < vec.size(); i++) {
                FloatHistogram h = vec.histogram(i);
                lines.add(vec.labels(i) + " " + vec.t(i) + "=" + (h == null ? vec.v(i) : "h" + h.count()));
            }
        } else {
            for (Series s : ((Matrix) v).series()) {
                StringBuilder sb = new StringBuilder(s.labels().toString());
                for (int i = 0; i < s.floats().size(); i++) {
                    sb.append(' ').append(s.floats().t(i)).append('=').append(s.floats().v(i));
                }
                for (int i = 0; i < s.histograms().size(); i++) {
                    sb.append(' ').append(s.histograms().t(i)).append("=h").append(s.histograms().h(i).count());
                }
                lines.add(sb.toString());
            }
        }
        Collections.sort(lines);
        return String.join("\n", lines);
    }
}
