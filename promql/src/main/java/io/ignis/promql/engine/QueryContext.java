package io.ignis.promql.engine;

import io.ignis.promql.ast.Expr;
import io.ignis.storage.Annotations;
import io.ignis.storage.Querier;
import java.util.IdentityHashMap;

/**
 * State shared by all evaluators of one query: options, per-node times and series, the annotations
 * collected, the sample budget and the deadline/cancellation flag.
 */
final class QueryContext {
    final EngineOptions options;
    final IdentityHashMap<Expr, SelectorTimes> times;
    final Annotations annotations = Annotations.create();
    private final long deadlineNanos;
    private volatile boolean canceled;
    /** The query's querier, open during evaluation (info() selects series while evaluating). */
    Querier querier;
    /** Samples held in memory right now (evaluated inputs and results), checked against the limit. */
    long currentSamples;
    long peakSamples;
    /** Samples loaded from storage or produced by range functions over the whole query. */
    long totalSamples;

    /**
     * Above 0 while a subquery that feeds a range function runs: Prometheus leaves its samples out of the total,
     * since the function counts its windows over the subquery's result.
     */
    int statsMuted;

    /** Samples per query step, when per-step statistics were asked for. */
    SamplesPerStep perStep;

    QueryContext(EngineOptions options, IdentityHashMap<Expr, SelectorTimes> times, long deadlineNanos) {
        this.options = options;
        this.times = times;
        this.deadlineNanos = deadlineNanos;
    }

    /** Counts {@code n} samples loaded for evaluation time {@code t} in the statistics (total and per step). */
    void samplesAt(long t, long n) {
        if (statsMuted > 0) {
            return;
        }
        totalSamples += n;
        if (perStep != null) {
            perStep.add(t, n);
        }
    }

    void cancel() {
        canceled = true;
    }

    /** Throws when the query was canceled or ran out of time. */
    void checkDone(String env) {
        if (canceled) {
            throw new QueryCanceledException(env);
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new QueryTimeoutException(env);
        }
    }

    /**
     * Accounts {@code n} more samples held in memory and fails when they pass the limit. Prometheus checks after
     * each sample it loads or produces and after each step's result; the callers check where it does, no more
     * and no less, so that a query fails at exactly Prometheus's threshold.
     */
    void addSamples(long n) {
        currentSamples += n;
        checkSamples();
    }

    /** Accounts {@code n} more (or, negative, fewer) samples without a check, where Prometheus has none. */
    void adjustSamples(long n) {
        currentSamples += n;
    }

    void setSamples(long n) {
        currentSamples = n;
    }

    void checkSamples() {
        if (currentSamples > options.maxSamples()) {
            throw new TooManySamplesException("query execution");
        }
    }

    /** Records the current count in the peak, where Prometheus's UpdatePeak does. */
    void updatePeak() {
        if (currentSamples > peakSamples) {
            peakSamples = currentSamples;
        }
    }

    SelectorTimes times(Expr e) {
        SelectorTimes t = times.get(e);
        if (t == null) {
            throw new IllegalStateException("bug: node was not prepared: " + e);
        }
        return t;
    }
}
