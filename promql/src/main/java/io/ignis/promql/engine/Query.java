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
    private final Engine engine;
    private EngineOptions options;
    private final Queryable queryable;
    private final Expr expr;
    private final String text;
    private final long start;
    private final long end;
    private final long step;
    private boolean perStepStats;
    private QueryOrigin origin;
    private volatile QueryContext running;
    private volatile boolean canceled;
    private volatile QueryStats stats;

    Query(Engine engine, Queryable queryable, Expr expr, String text, long start, long end, long step) {
        this.engine = engine;
        this.options = engine.options();
        this.queryable = queryable;
        this.expr = expr;
        this.text = text;
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

    /**
     * Gives this query at most {@code ms} of wall-clock time (the API's {@code timeout} parameter). The engine's
     * timeout still applies, so the effective one is the smaller, as in Prometheus, whose API puts a deadline
     * on the request and whose engine puts its own on top. Zero or negative means already expired. Call before
     * {@link #exec()}.
     */
    public Query timeout(long ms) {
        options = options.withTimeout(Math.max(0, Math.min(options.timeoutMs(), ms)));
        return this;
    }

    /** Also counts samples per step ({@code stats=all}); call before {@link #exec()}. */
    public Query perStepStats(boolean on) {
        perStepStats = on;
        return this;
    }

    /** The HTTP request this query came from, for the query log; call before {@link #exec()}. */
    public Query origin(QueryOrigin o) {
        origin = o;
        return this;
    }

    /**
     * Statistics of the last {@link #exec()}, also when it failed (then with the timings up to the failure),
     * or null before.
     */
    public QueryStats stats() {
        return stats;
    }

    /** Asks a running (or future) execution to stop with {@link QueryCanceledException}. */
    public void cancel() {
        canceled = true;
        QueryContext q = running;
        if (q != null) {
            q.cancel();
        }
        QueryGate gate = engine.gate();
        if (gate != null) {
            gate.wakeUp();
        }
    }

    /**
     * Runs the query: waits for a slot of the engine's {@link QueryGate}, prepares, evaluates, sorts, and
     * writes a query-log line if the engine has a logger.
     *
     * @throws PromqlException (and its subclasses for timeout, cancellation and the sample limit)
     */
    public Result exec() {
        long t0 = System.nanoTime();
        long deadline = t0 + options.timeoutMs() * 1_000_000L;
        Timer timer = new Timer();
        String error = null;
        Result r;
        try {
            r = execGated(deadline, timer);
        } catch (RuntimeException e) {
            error = e.getMessage();
            throw e;
        } finally {
            timer.execTotal = System.nanoTime() - t0;
            QueryContext q = running;
            stats = new QueryStats(q == null ? 0 : q.peakSamples, q == null ? 0 : q.totalSamples, timer.timings(),
                    q == null ? null : q.perStep);
            QueryLogger logger = engine.queryLogger();
            if (logger != null) {
                logger.log(new QueryLogEntry(System.currentTimeMillis(), text, start, end, step, error, stats,
                        origin));
            }
        }
        return new Result(r.value(), r.annotations(), stats);
    }

    private Result execGated(long deadline, Timer timer) {
        QueryGate gate = engine.gate();
        if (gate == null) {
            return tracked(deadline, timer);
        }
        long q0 = System.nanoTime();
        QueryGate.Permit permit;
        try {
            permit = gate.acquire(deadline, () -> canceled);
        } finally {
            timer.execQueue = System.nanoTime() - q0;
        }
        try (permit) {
            return tracked(deadline, timer);
        }
    }

    /** Runs with the query's entry in {@code queries.active}, cleared however the run ends. */
    private Result tracked(long deadline, Timer timer) {
        ActiveQueryTracker tracker = engine.tracker();
        if (tracker == null) {
            return run(deadline, timer);
        }
        int slot = tracker.insert(text);
        try {
            return run(deadline, timer);
        } finally {
            tracker.delete(slot);
        }
    }

    private Result run(long deadline, Timer timer) {
        long e0 = System.nanoTime();
        try {
            // As Prometheus checks once the query has its slot, before preparing anything.
            if (canceled) {
                throw new QueryCanceledException("query execution");
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new QueryTimeoutException("query execution");
            }
            return evaluate(deadline, timer);
        } finally {
            timer.evalTotal = System.nanoTime() - e0;
        }
    }

    private Result evaluate(long deadline, Timer timer) {
        long p0 = System.nanoTime();
        Preparer preparer = new Preparer(start, end, step);
        Expr prepared = preparer.prepare(expr);
        QueryContext q = new QueryContext(options, preparer.times, deadline);
        if (perStepStats) {
            q.perStep = new SamplesPerStep(start, end, step);
        }
        running = q;
        if (canceled) {
            q.cancel();
        }
        SeriesFetcher fetcher = new SeriesFetcher(preparer.times, start, end, options.lookbackDeltaMs());
        fetcher.collect(prepared);
        try (Querier querier = queryable.querier(fetcher.mint(), fetcher.maxt())) {
            fetcher.fetch(querier, q);
            q.querier = querier;
            AtOffsets.set(q, start, prepared);
            long i0 = System.nanoTime();
            timer.preparation = i0 - p0;
            Value v;
            if (step == 0) {
                v = instant(q, prepared);
                timer.innerEval = System.nanoTime() - i0;
            } else {
                Evaluator ev = new Evaluator(q, start, end, step);
                v = ev.evalTop(prepared);
                long s0 = System.nanoTime();
                timer.innerEval = s0 - i0;
                if (v instanceof Matrix m) {
                    m.sortByLabels();
                }
                timer.resultSort = System.nanoTime() - s0;
            }
            // The statistics are completed by exec() once every phase has ended.
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

    /** The phases' durations of one execution, filled as they end. */
    private static final class Timer {
        long evalTotal;
        long resultSort;
        long preparation;
        long innerEval;
        long execQueue;
        long execTotal;

        QueryTimings timings() {
            return new QueryTimings(evalTotal, resultSort, preparation, innerEval, execQueue, execTotal);
        }
    }
}
