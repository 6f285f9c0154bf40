package io.ignis.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.promql.ast.AggregateExpr;
import io.ignis.promql.ast.AggregateOp;
import io.ignis.promql.ast.Call;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.Functions;
import io.ignis.promql.ast.MatrixSelector;
import io.ignis.promql.ast.PositionRange;
import io.ignis.promql.ast.VectorSelector;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Vector;
import io.ignis.storage.Querier;
import io.ignis.storage.Queryable;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.storage.SelectHints;
import io.ignis.storage.Series;
import io.ignis.storage.SeriesSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The engine over hand-built ASTs (the parser lives on another branch) and a tiny in-memory storage. */
class EngineTest {
    private static final PositionRange P = PositionRange.UNKNOWN;

    /** Series "http_requests{job=j}" with value 10*k at k*5m, k = 0..10. */
    private final Queryable storage = storage(Map.of(
            Labels.of("__name__", "http_requests", "job", "a"), 10.0,
            Labels.of("__name__", "http_requests", "job", "b"), 20.0));

    private final Engine engine = new Engine(EngineOptions.defaults().withFeatures(
            java.util.Set.of("promql-delayed-name-removal")),
            q -> io.ignis.promql.parser.PromqlParser.parse(q, io.ignis.promql.parser.ParserOptions.all()));

    private static VectorSelector selector(String name) {
        return new VectorSelector(name, List.of(Matcher.equal("__name__", name)), P);
    }

    @Test
    void instantSelectorUsesLookback() {
        Vector v = (Vector) engine.newInstantQuery(storage, selector("http_requests"), 52 * 60_000).exec().value();
        assertThat(v.size()).isEqualTo(2);
        assertThat(v.v(0) + v.v(1)).isEqualTo(100 + 200);
    }

    @Test
    void rateExtrapolatesLikePrometheus() {
        Expr e = new Call(Functions.get("rate"), List.of(new MatrixSelector(selector("http_requests"),
                Duration.ofMinutes(10), null, P)), P);
        Vector v = (Vector) engine.newInstantQuery(storage, e, 50 * 60_000).exec().value();
        assertThat(v.size()).isEqualTo(2);
        assertThat(v.labels(0).has("__name__")).isFalse();
        for (int i = 0; i < v.size(); i++) {
            double want = v.labels(i).get("job").equals("a") ? 10.0 / 300 : 20.0 / 300;
            assertThat(v.v(i)).isCloseTo(want, within(1e-9));
        }
    }

    @Test
    void rangeQuerySumsPerStep() {
        Expr e = new AggregateExpr(AggregateOp.SUM, selector("http_requests"), null, List.of(), false, P);
        Matrix m = (Matrix) engine.newRangeQuery(storage, e, 0, 10 * 60_000, 5 * 60_000).exec().value();
        assertThat(m.size()).isEqualTo(1);
        assertThat(m.get(0).floats().size()).isEqualTo(3);
        assertThat(m.get(0).floats().v(2)).isEqualTo(60);
    }

    @Test
    void tooManySamplesFails() {
        Engine small = new Engine(EngineOptions.defaults().withMaxSamples(1), q -> null);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> small.newInstantQuery(storage, selector("http_requests"), 50 * 60_000).exec())
                .isInstanceOf(TooManySamplesException.class)
                .hasMessage("query processing would load too many samples into memory in query execution");
    }

    record Case(String query, long t, String want) {
        @Override
        public String toString() {
            return query + " @" + t;
        }
    }

    static java.util.stream.Stream<Case> queries() {
        return java.util.stream.Stream.of(
                new Case("sum by (job) (http_requests)", 50 * 60_000, "{job=\"a\"} 100, {job=\"b\"} 200"),
                new Case("http_requests{job=\"a\"} offset 10m", 50 * 60_000, "{__name__=\"http_requests\", job=\"a\"} 80"),
                new Case("http_requests{job=\"a\"} @ 600", 50 * 60_000, "{__name__=\"http_requests\", job=\"a\"} 20"),
                new Case("max_over_time(http_requests{job=\"b\"}[20m])", 30 * 60_000, "{job=\"b\"} 120"),
                new Case("http_requests / on(job) group_left http_requests", 10 * 60_000, "{job=\"a\"} 1, {job=\"b\"} 1"),
                new Case("topk(1, http_requests)", 50 * 60_000, "{__name__=\"http_requests\", job=\"b\"} 200"),
                new Case("count_values(\"v\", http_requests)", 5 * 60_000, "{v=\"10\"} 1, {v=\"20\"} 1"),
                new Case("absent(nope{job=\"x\"})", 0, "{job=\"x\"} 1"),
                new Case("http_requests > 150", 50 * 60_000, "{__name__=\"http_requests\", job=\"b\"} 200"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("queries")
    void instantQueries(Case c) {
        Vector v = (Vector) engine.newInstantQuery(storage, c.query, c.t).exec().value();
        List<String> got = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            got.add(v.labels(i) + " " + io.ignis.promql.ast.GoFormat.formatFloat(v.v(i)));
        }
        got.sort(null);
        assertThat(String.join(", ", got)).isEqualTo(c.want);
    }

    @Test
    void sampleLimitCountsSamplesHeldAtOnce() {
        // 2 series x 11 steps are loaded; the sum keeps 11 of them. The peak, 22, is what counts.
        Engine enough = new Engine(EngineOptions.defaults().withMaxSamples(22), q -> PARSE.parse(q));
        Result r = enough.newRangeQuery(storage, "sum(http_requests)", 0, 50 * 60_000, 5 * 60_000).exec();
        assertThat(r.stats().peakSamples()).isEqualTo(22);
        Engine tooFew = new Engine(EngineOptions.defaults().withMaxSamples(21), q -> PARSE.parse(q));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> tooFew.newRangeQuery(storage, "sum(http_requests)", 0, 50 * 60_000, 5 * 60_000).exec())
                .isInstanceOf(TooManySamplesException.class);
    }

    @Test
    void perQueryLookbackDelta() {
        // Samples are 5m apart: at 52m the latest one (50m) is 2m old.
        Vector v = (Vector) engine.newInstantQuery(storage, "http_requests", 52 * 60_000).lookbackDelta(60_000)
                .exec().value();
        assertThat(v.size()).isZero();
        v = (Vector) engine.newInstantQuery(storage, "http_requests", 52 * 60_000).lookbackDelta(180_000)
                .exec().value();
        assertThat(v.size()).isEqualTo(2);
    }

    private static final QueryParser PARSE =
            q -> io.ignis.promql.parser.PromqlParser.parse(q, io.ignis.promql.parser.ParserOptions.all());

    @Test
    void timeoutAndCancellationStopTheQuery() {
        Engine timingOut = new Engine(EngineOptions.defaults().withTimeout(-1),
                q -> io.ignis.promql.parser.PromqlParser.parse(q, io.ignis.promql.parser.ParserOptions.all()));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> timingOut.newInstantQuery(storage, "http_requests", 0).exec())
                .isInstanceOf(QueryTimeoutException.class)
                .hasMessage("query timed out in query execution");
        Query q = engine.newRangeQuery(storage, "sum(http_requests)", 0, 3_600_000, 60_000);
        q.cancel();
        org.assertj.core.api.Assertions.assertThatThrownBy(q::exec)
                .isInstanceOf(QueryCanceledException.class)
                .hasMessage("query was canceled in query execution");
    }

    @Test
    void duplicateLabelsetsAfterNameRemovalFail() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> engine.newInstantQuery(storage, "label_replace(http_requests, \"job\", \"x\", \"\", \"\") * 1",
                        50 * 60_000).exec())
                .isInstanceOf(PromqlException.class)
                .hasMessage("vector cannot contain metrics with the same labelset");
    }

    @Test
    void rangeQueriesReturnSortedSeriesWithOnePointPerStep() {
        Matrix m = (Matrix) engine.newRangeQuery(storage, "rate(http_requests[10m])", 20 * 60_000, 40 * 60_000,
                10 * 60_000).exec().value();
        assertThat(m.size()).isEqualTo(2);
        assertThat(m.get(0).labels().get("job")).isEqualTo("a");
        assertThat(m.get(1).floats().size()).isEqualTo(3);
        assertThat(m.get(1).floats().v(2)).isCloseTo(20.0 / 300, within(1e-12));
    }

    private static Queryable storage(Map<Labels, Double> slopes) {
        TreeMap<Labels, Double> sorted = new TreeMap<>(slopes);
        return (mint, maxt) -> new Querier() {
            @Override
            public SeriesSet select(boolean s, SelectHints hints, Matcher... matchers) {
                List<Series> out = new ArrayList<>();
                for (Map.Entry<Labels, Double> en : sorted.entrySet()) {
                    boolean ok = true;
                    for (Matcher m : matchers) {
                        ok &= m.matches(en.getKey().get(m.name()));
                    }
                    if (ok) {
                        out.add(series(en.getKey(), en.getValue()));
                    }
                }
                return new SeriesSet() {
                    int i = -1;

                    @Override
                    public boolean next() {
                        return ++i < out.size();
                    }

                    @Override
                    public Series at() {
                        return out.get(i);
                    }

                    @Override
                    public io.ignis.storage.Annotations warnings() {
                        return io.ignis.storage.Annotations.EMPTY;
                    }
                };
            }

            @Override
            public List<String> labelValues(String name, Matcher... matchers) {
                return List.of();
            }

            @Override
            public List<String> labelNames(Matcher... matchers) {
                return List.of();
            }

            @Override
            public void close() {
            }
        };
    }

    private static Series series(Labels l, double slope) {
        return new Series() {
            @Override
            public Labels labels() {
                return l;
            }

            @Override
            public SampleIterator iterator(SampleIterator reuse) {
                return new SampleIterator() {
                    int k = -1;

                    @Override
                    public SampleType next() {
                        return ++k <= 10 ? SampleType.FLOAT : SampleType.NONE;
                    }

                    @Override
                    public SampleType seek(long t) {
                        SampleType st = SampleType.FLOAT;
                        while (k < 0 || (k <= 10 && k * 300_000L < t)) {
                            st = next();
                        }
                        return k <= 10 ? st : SampleType.NONE;
                    }

                    @Override
                    public long atT() {
                        return k * 300_000L;
                    }

                    @Override
                    public double atV() {
                        return k * slope;
                    }
                };
            }
        };
    }

}
