package io.ignis.promql.engine;

import io.ignis.labels.Labels;
import io.ignis.promql.ast.Call;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.MatrixSelector;
import io.ignis.promql.ast.SubqueryExpr;
import io.ignis.promql.ast.ValueType;
import io.ignis.promql.ast.VectorSelector;
import io.ignis.promql.functions.FunctionCall;
import io.ignis.promql.functions.FunctionContext;
import io.ignis.promql.functions.PromqlAnnotations;
import io.ignis.promql.value.FloatPoints;
import io.ignis.promql.value.HistogramPoints;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Series;
import io.ignis.promql.value.Vector;
import java.util.List;

/**
 * A function over a range vector ({@code rate(x[5m])}, {@code max_over_time(q[1h:1m])}): for each input
 * series, for each step, the window {@code (t - offset - range, t - offset]} is handed to the function.
 * Series are evaluated one at a time over all steps, so a range query costs one pass per series.
 */
final class RangeFunctionEvaluator {
    private final Evaluator ev;
    private final Call call;
    private final int matrixArg;
    private final FunctionCall fn;

    RangeFunctionEvaluator(Evaluator ev, Call call, int matrixArg, FunctionCall fn) {
        this.ev = ev;
        this.call = call;
        this.matrixArg = matrixArg;
        this.fn = fn;
    }

    /**
     * Samples are accounted as Prometheus does: a subquery's result and the other arguments stay held until the
     * function is done; each series' window is held while the steps move it, and a step that loads new points
     * into it is checked against the limit; each series' output is checked before it is added.
     */
    Matrix eval() {
        String name = call.function().name();
        List<Expr> args = call.args();
        Expr arg = Preparer.unwrapParens(args.get(matrixArg));
        List<SeriesData> input;
        long offset;
        long range;
        Long at;
        boolean anchored = false;
        boolean smoothed = false;
        long subquerySamples = 0;
        if (arg instanceof SubqueryExpr sq) {
            SelectorTimes t = ev.q.times(sq);
            input = ev.subquerySeries(sq);
            for (SeriesData d : input) {
                subquerySamples += d.sampleCount();
            }
            offset = t.offsetMs;
            range = t.rangeMs;
            at = t.atMs;
        } else {
            MatrixSelector ms = (MatrixSelector) arg;
            VectorSelector vs = ms.vectorSelector();
            SelectorTimes t = ev.q.times(vs);
            input = t.series;
            offset = t.offsetMs;
            range = ev.q.times(ms).rangeMs;
            at = t.atMs;
            anchored = vs.anchored();
            smoothed = vs.smoothed();
            if (anchored && !CallEvaluator.anchoredSafe(name)) {
                throw new PromqlException(CallEvaluator.anchoredError(name));
            }
            if (smoothed && !CallEvaluator.smoothedSafe(name)) {
                throw new PromqlException(CallEvaluator.smoothedError(name));
            }
        }
        Matrix[] otherArgs = new Matrix[args.size()];
        for (int i = 0; i < args.size(); i++) {
            if (i != matrixArg && args.get(i).type() != ValueType.STRING) {
                otherArgs[i] = ev.evalMatrix(args.get(i));
            }
        }
        long lookback = ev.q.options.lookbackDeltaMs();
        boolean dropName = !name.equals("last_over_time") && !name.equals("first_over_time");
        FunctionContext enh = ev.newContext();
        enh.args = args;
        enh.anchored = anchored;
        enh.smoothed = smoothed;
        Vector[] vectorVals = new Vector[Math.max(0, args.size() - 1)];
        for (int i = 0; i < vectorVals.length; i++) {
            vectorVals[i] = new Vector(1);
        }
        enh.vectorArgs = vectorVals;
        Matrix out = new Matrix();
        int steps = ev.numSteps();
        boolean useStartTimestamps = ev.q.options.startTimestamps() && (name.equals("rate")
                || name.equals("irate") || name.equals("increase") || name.equals("resets"));
        long[] stBuf = null;
        long[] hstBuf = null;
        // One window buffer for all series: it is refilled at each series' first step before any call.
        Series window = new Series(s0Labels(input));
        long windowSamples = 0;
        for (SeriesData s : input) {
            ev.q.checkDone("expression evaluation");
            ev.q.adjustSamples(-windowSamples);
            windowSamples = 0;
            long lastFloat = Long.MIN_VALUE;
            long lastHistogram = Long.MIN_VALUE;
            boolean seriesDropName = dropName || s.dropName;
            window.setLabels(s.labels);
            // Float-only series without stale markers: the window is a slice found by two cursors that only
            // move forward with the steps, copied in bulk.
            boolean plain = !anchored && !smoothed && !useStartTimestamps && s.plainFloats();
            int lo = 0;
            int hi = 0;
            enh.window = window;
            Series ss = new Series(seriesDropName && !ev.delayedNameRemoval()
                    ? NameRemoval.dropMetricName(s.labels) : s.labels,
                    new FloatPoints(steps), new HistogramPoints(1), seriesDropName);
            int step = -1;
            for (long ts = ev.startTs; ts <= ev.endTs; ts += ev.interval) {
                step++;
                int counter = 0;
                for (int j = 0; j < args.size(); j++) {
                    if (j == matrixArg) {
                        continue;
                    }
                    Vector v = vectorVals[counter++];
                    v.clear();
                    if (otherArgs[j] != null && !otherArgs[j].series().isEmpty()) {
                        Series a = otherArgs[j].get(0);
                        if (step < a.floats().size()) {
                            v.add(a.labels(), ts, a.floats().v(step), false);
                        }
                    }
                }
                if (ts == ev.startTs || at == null) {
                    long maxt = ts - offset;
                    long mint = maxt - range;
                    window.floats().clear();
                    window.histograms().clear();
                    if (anchored || smoothed) {
                        // Range functions get the raw points of the extended range; they pick or
                        // interpolate the ends themselves.
                        RangeWindows.fill(s, mint - lookback, smoothed ? maxt + lookback : maxt, window.floats(),
                                window.histograms());
                    } else if (useStartTimestamps) {
                        stBuf = RangeWindows.fillWithStartTimestamps(s, mint, maxt, window.floats(),
                                window.histograms(), stBuf, false);
                        enh.startTimestamps = s.sts == null ? null : stBuf;
                        hstBuf = s.sts == null ? null : RangeWindows.fillWithStartTimestamps(s, mint, maxt,
                                new FloatPoints(), new HistogramPoints(), hstBuf, true);
                        enh.histogramStartTimestamps = hstBuf;
                    } else if (plain) {
                        while (lo < s.size && s.ts[lo] <= mint) {
                            lo++;
                        }
                        if (hi < lo) {
                            hi = lo;
                        }
                        while (hi < s.size && s.ts[hi] <= maxt) {
                            hi++;
                        }
                        window.floats().setFrom(s.ts, s.vs, lo, hi - lo);
                    } else {
                        RangeWindows.fill(s, mint, maxt, window.floats(), window.histograms());
                    }
                    enh.rangeStart = mint;
                    enh.rangeEnd = maxt;
                    long held = window.floats().size() + SampleSizes.histograms(window.histograms());
                    ev.q.adjustSamples(held - windowSamples);
                    windowSamples = held;
                    // Prometheus keeps the points of the previous window that are still in range and checks
                    // the limit as it appends each newer one: a step that appends nothing is not checked.
                    boolean appended = false;
                    if (!window.floats().isEmpty()) {
                        long last = window.floats().t(window.floats().size() - 1);
                        appended = last > lastFloat;
                        lastFloat = last;
                    } else {
                        lastFloat = Long.MIN_VALUE;
                    }
                    if (!window.histograms().isEmpty()) {
                        long last = window.histograms().t(window.histograms().size() - 1);
                        appended |= last > lastHistogram;
                        lastHistogram = last;
                    } else {
                        lastHistogram = Long.MIN_VALUE;
                    }
                    if (appended) {
                        ev.q.checkSamples();
                    }
                    ev.q.updatePeak();
                }
                if (window.isEmpty()) {
                    continue;
                }
                ev.q.samplesAt(ts, windowSamples);
                enh.ts = ts;
                enh.out.reset();
                fn.call(enh);
                if (!enh.out.isEmpty()) {
                    if (enh.out.histogram(0) == null) {
                        ss.floats().add(ts, enh.out.v(0));
                    } else {
                        ss.histograms().add(ts, enh.out.histogram(0));
                    }
                }
            }
            if (!ss.isEmpty()) {
                ev.q.addSamples(SampleSizes.series(ss));
                out.add(ss);
            }
            ev.q.updatePeak();
            if ((name.equals("rate") || name.equals("increase")) && !ss.floats().isEmpty()) {
                counterInfo(s);
            }
        }
        ev.q.updatePeak();
        // The last window and the subquery's result are released; the other arguments stay accounted, as in
        // Prometheus. absent_over_time's output replaces the accounted one without being counted.
        ev.q.adjustSamples(-windowSamples - subquerySamples);
        if (name.equals("absent_over_time")) {
            return CallEvaluator.absentOverTime(ev, out, args.get(0), dropName);
        }
        if (!ev.delayedNameRemoval() && out.containsSameLabelset()) {
            throw new PromqlException("vector cannot contain metrics with the same labelset");
        }
        return out;
    }

    private static Labels s0Labels(List<SeriesData> input) {
        return input.isEmpty() ? Labels.EMPTY : input.get(0).labels;
    }

    private void counterInfo(SeriesData s) {
        String metricName = s.labels.metricName();
        if (metricName.isEmpty()) {
            return;
        }
        if (!metricName.endsWith("_total") && !metricName.endsWith("_sum") && !metricName.endsWith("_count")
                && !metricName.endsWith("_bucket")) {
            ev.q.annotations.addInfo(PromqlAnnotations.possibleNonCounter(metricName));
        }
    }
}
