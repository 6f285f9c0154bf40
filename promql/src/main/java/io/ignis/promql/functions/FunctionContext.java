package io.ignis.promql.functions;

import io.ignis.labels.LabelsBuilder;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.value.Series;
import io.ignis.promql.value.Vector;
import io.ignis.storage.Annotations;
import java.util.List;

/**
 * What a function sees at one evaluation step (Prometheus's EvalNodeHelper): the step time, the argument
 * values, for range functions the window of one series, and where to put results and annotations. One
 * instance is reused across steps and series of a call; functions append to {@link #out}.
 */
public final class FunctionContext {
    /** Results of this step; the evaluator clears it before each call. */
    public final Vector out = new Vector();
    /** A scratch builder for result labels. */
    public final LabelsBuilder labelsBuilder = new LabelsBuilder();
    /** Evaluation time of this step (ms). */
    public long ts;
    /** Per-step values of the non-matrix arguments, in argument order (a scalar is a one-element vector). */
    public Vector[] vectorArgs;
    /** The unevaluated arguments, for string parameters. */
    public List<Expr> args;
    /** For range functions: the series window of this step (labels + points within the range). */
    public Series window;
    /** For range functions: the window's bounds {@code (rangeStart, rangeEnd]} (ms), after offset and @. */
    public long rangeStart;
    public long rangeEnd;
    /** For range functions: the first step time of the query and whether the selector is anchored/smoothed. */
    public boolean anchored;
    public boolean smoothed;
    /** For range functions over subqueries or selectors with start timestamps: per-float start times, or null. */
    public long[] startTimestamps;
    /** As {@link #startTimestamps}, for the histogram points of the window. */
    public long[] histogramStartTimestamps;
    public Annotations annotations;
    /** Whether __name__ removal is delayed to the end of evaluation (drop flags instead of dropping labels). */
    public boolean delayedNameRemoval;

    /** The float value of argument {@code i} at this step (a scalar argument). */
    public double scalarArg(int i) {
        Vector v = vectorArgs[i];
        return v == null || v.isEmpty() ? Double.NaN : v.v(0);
    }
}
