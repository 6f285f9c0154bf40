package io.ignis.promql.engine;

import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.ValueType;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Scalar;
import io.ignis.promql.value.Series;
import io.ignis.promql.value.Value;
import io.ignis.promql.value.Vector;
import io.ignis.storage.Querier;
import io.ignis.storage.Queryable;

/**
 * One prepared query. {@link #exec()} runs it once: prepare the AST, open one querier over the whole time
 * range, fetch every selector once, evaluate, shape the result. {@link #cancel()} may be called from
 * another thread.
 */
public final class Query {
    private EngineOptions options;
    private final Queryable queryable;
    private final Expr expr;
    private final long start;
    private final long end;
    private final long step;
    private volatile QueryContext running;
    private volatile boolean canceled;

    Query(EngineOptions options, Queryable queryable, Expr expr, long start, long end, long step) {
        this.options = options;
        this.queryable = queryable;
        this.expr = expr;
        this.start = start;
        this.end = end;
        this.step = step;
    }

    public Expr expr() {
        return expr;
    }

    /**
     * Overrides the engine's lookback delta for this query only (the API's {@code lookback_delta}
     * parameter); 0 or negative keeps the engine's. Call before {@link #exec()}.
     */
    public Query lookbackDelta(long ms) {
        if (ms > 0) {
            options = options.withLookbackDelta(ms);
        }
        return this;
    }

    /** Asks a running (or future) execution to stop with {@link QueryCanceledException}. */
    public void cancel() {
        canceled = true;
        QueryContext q = running;
        if (q != null) {
            q.cancel();
        }
    }

    /**
     * Runs the query.
     *
     * @throws PromqlException (and its subclasses for timeout, cancellation and the sample limit)
     */
    public Result exec() {
        Preparer preparer = new Preparer(start, end, step);
        Expr prepared = preparer.prepare(expr);
        QueryContext q = new QueryContext(options, preparer.times);
        running = q;
        if (canceled) {
            q.cancel();
        }
        SeriesFetcher fetcher = new SeriesFetcher(preparer.times, start, end, options.lookbackDeltaMs());
        fetcher.collect(prepared);
        try (Querier querier = queryable.querier(fetcher.mint(), fetcher.maxt())) {
            fetcher.fetch(querier, q.annotations);
            q.querier = querier;
            AtOffsets.set(q, start, prepared);
            Value v;
            if (step == 0) {
                v = instant(q, prepared);
            } else {
                Evaluator ev = new Evaluator(q, start, end, step);
                v = ev.evalTop(prepared);
                if (v instanceof Matrix m) {
                    m.sortByLabels();
                }
            }
            return new Result(v, q.annotations, new QueryStats(q.peakSamples, q.totalSamples));
        }
    }

    private Value instant(QueryContext q, Expr prepared) {
        Evaluator ev = new Evaluator(q, start, start, 1);
        Value v = ev.evalTop(prepared);
        if (!(v instanceof Matrix m)) {
            return v;
        }
        ValueType type = expr.type();
        if (type == ValueType.VECTOR) {
            Vector out = new Vector(m.size());
            for (Series s : m.series()) {
                if (!s.histograms().isEmpty()) {
                    out.addHistogram(s.labels(), start, s.histograms().h(0), s.dropName());
                } else {
                    out.add(s.labels(), start, s.floats().v(0), s.dropName());
                }
            }
            if (out.containsSameLabelset()) {
                throw new PromqlException("vector cannot contain metrics with the same labelset");
            }
            return out;
        }
        if (type == ValueType.SCALAR) {
            return new Scalar(start, m.get(0).floats().v(0));
        }
        m.sortByLabels();
        return m;
    }
}
