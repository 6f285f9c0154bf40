package io.ignis.promql.engine;

import io.ignis.labels.Labels;
import io.ignis.model.FloatHistogram;
import io.ignis.promql.ast.AggregateExpr;
import io.ignis.promql.ast.BinaryExpr;
import io.ignis.promql.ast.Call;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.MatrixSelector;
import io.ignis.promql.ast.NumberLiteral;
import io.ignis.promql.ast.ParenExpr;
import io.ignis.promql.ast.StepInvariantExpr;
import io.ignis.promql.ast.StringLiteral;
import io.ignis.promql.ast.SubqueryExpr;
import io.ignis.promql.ast.UnaryExpr;
import io.ignis.promql.ast.UnaryOp;
import io.ignis.promql.ast.ValueType;
import io.ignis.promql.ast.VectorSelector;
import io.ignis.promql.functions.FunctionContext;
import io.ignis.promql.value.FloatPoints;
import io.ignis.promql.value.HistogramPoints;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Series;
import io.ignis.promql.value.StringValue;
import io.ignis.promql.value.Value;
import io.ignis.promql.value.Vector;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a prepared expression over the steps {@code start, start+interval, …, end}; an instant query is
 * one step. Every node yields a {@link Matrix} with one point per step and series (or a string). Selectors
 * and range functions run per series over all steps; operators, aggregations and instant functions run per
 * step through {@link #rangeEval}. This class dispatches; the work lives in the classes it delegates to.
 */
final class Evaluator {
    /** One step's computation over the per-step vectors of the operands. */
    @FunctionalInterface
    interface StepFunction {
        Vector apply(Vector[] args, FunctionContext enh);
    }

    final QueryContext q;
    final long startTs;
    final long endTs;
    final long interval;

    Evaluator(QueryContext q, long startTs, long endTs, long interval) {
        this.q = q;
        this.startTs = startTs;
        this.endTs = endTs;
        this.interval = interval;
    }

    boolean delayedNameRemoval() {
        return q.options.delayedNameRemoval();
    }

    int numSteps() {
        return (int) ((endTs - startTs) / interval) + 1;
    }

    /** The top-level evaluation: evaluates, then applies delayed name removal. */
    Value evalTop(Expr e) {
        Value v = eval(e);
        if (delayedNameRemoval() && v instanceof Matrix m) {
            return NameRemoval.cleanupMatrix(m);
        }
        return v;
    }

    /**
     * Evaluates one node. Each kind of node accounts the samples it loads, produces and releases against the
     * limit itself, at the points where Prometheus's evaluator does (its currentSamples), so that the same
     * queries fail at the same {@code --query.max-samples}.
     */
    Value eval(Expr e) {
        q.checkDone("expression evaluation");
        if (endTs < startTs) {
            return new Matrix();
        }
        return dispatch(e);
    }

    private Value dispatch(Expr e) {
        if (e instanceof AggregateExpr ae) {
            return new Aggregator(this).eval(ae);
        } else if (e instanceof Call c) {
            return new CallEvaluator(this).eval(c);
        } else if (e instanceof ParenExpr p) {
            return eval(p.expr());
        } else if (e instanceof UnaryExpr u) {
            return unary(u);
        } else if (e instanceof BinaryExpr b) {
            return new BinaryEvaluator(this).eval(b);
        } else if (e instanceof NumberLiteral n) {
            return rangeEval((args, enh) -> {
                enh.out.add(Labels.EMPTY, enh.ts, n.value(), false);
                return enh.out;
            });
        } else if (e instanceof StringLiteral s) {
            return new StringValue(startTs, s.value());
        } else if (e instanceof VectorSelector vs) {
            return evalSeries(vs);
        } else if (e instanceof MatrixSelector ms) {
            if (startTs != endTs) {
                throw new IllegalStateException("bug: cannot do range evaluation of matrix selector");
            }
            return new RangeWindows(this).matrixSelector(ms);
        } else if (e instanceof SubqueryExpr sq) {
            return runSubquery(sq);
        } else if (e instanceof StepInvariantExpr si) {
            return stepInvariant(si);
        }
        throw new IllegalStateException("bug: unprepared expression " + e);
    }

    Matrix evalMatrix(Expr e) {
        Value v = eval(e);
        if (!(v instanceof Matrix m)) {
            throw new IllegalStateException("bug: expected matrix from " + e + ", got " + v.getClass().getSimpleName());
        }
        return m;
    }

    private Matrix unary(UnaryExpr u) {
        Matrix m = evalMatrix(u.expr());
        if (u.op() != UnaryOp.SUB) {
            return m;
        }
        for (Series s : m.series()) {
            if (!delayedNameRemoval()) {
                s.setLabels(NameRemoval.dropMetricName(s.labels()));
            }
            s.setDropName(true);
            FloatPoints f = s.floats();
            for (int i = 0; i < f.size(); i++) {
                f.setV(i, -f.v(i));
            }
            HistogramPoints h = s.histograms();
            for (int i = 0; i < h.size(); i++) {
                h.set(i, HistogramOps.scale(h.h(i), -1));
            }
        }
        return m;
    }

    /** An instant-vector selector: for each series and step, the latest sample within the lookback window. */
    private Matrix evalSeries(VectorSelector vs) {
        SelectorTimes t = q.times(vs);
        if (vs.smoothed()) {
            return new SmoothedSelector(this).eval(vs, t);
        }
        Matrix out = new Matrix();
        int steps = numSteps();
        for (SeriesData s : t.series) {
            q.checkDone("expression evaluation");
            Series ss = null;
            for (long ts = startTs; ts <= endTs; ts += interval) {
                int i = lookup(s, t.offsetMs, ts);
                if (i < 0) {
                    continue;
                }
                if (ss == null) {
                    ss = new Series(s.labels, new FloatPoints(steps), new HistogramPoints(1), false);
                }
                int n;
                if (s.hs[i] == null) {
                    ss.floats().add(ts, s.vs[i]);
                    n = 1;
                } else {
                    ss.histograms().add(ts, s.hs[i]);
                    n = SampleSizes.point(s.hs[i]);
                }
                q.addSamples(n);
                q.samplesAt(ts, n);
            }
            if (ss != null) {
                out.add(ss);
            }
        }
        q.updatePeak();
        return out;
    }

    /** Index of the sample an instant selector sees at {@code ts}, or -1 (none in lookback, or stale). */
    int lookup(SeriesData s, long offsetMs, long ts) {
        long ref = ts - offsetMs;
        int i = s.indexAtOrBefore(ref);
        if (i < 0 || s.ts[i] <= ref - q.options.lookbackDeltaMs() || s.isStale(i)) {
            return -1;
        }
        return i;
    }

    /**
     * Evaluates {@code exprs} over all steps, then calls {@code f} once per step with their vectors. As in
     * Prometheus's rangeEval, the arguments stay accounted while the steps run, each step's gathered input and
     * result are added and checked against the limit (the input only for that step), and afterwards only the
     * output is held.
     */
    Matrix rangeEval(StepFunction f, Expr... exprs) {
        long originalSamples = q.currentSamples;
        Matrix[] matrixes = new Matrix[exprs.length];
        for (int i = 0; i < exprs.length; i++) {
            Expr e = exprs[i];
            if (e == null || e instanceof StringLiteral
                    || e.type() == ValueType.STRING) {
                continue;
            }
            matrixes[i] = evalMatrix(e);
        }
        Vector[] vectors = new Vector[exprs.length];
        int[][] cursors = new int[exprs.length][];
        for (int i = 0; i < exprs.length; i++) {
            vectors[i] = new Vector();
            if (matrixes[i] != null) {
                cursors[i] = new int[matrixes[i].size() * 2];
            }
        }
        FunctionContext enh = newContext();
        RangeCollector collected = new RangeCollector();
        Matrix out = collected.matrix();
        long tempSamples = q.currentSamples;
        for (long ts = startTs; ts <= endTs; ts += interval) {
            q.checkDone("expression evaluation");
            q.setSamples(tempSamples);
            for (int i = 0; i < exprs.length; i++) {
                gather(ts, matrixes[i], cursors[i], vectors[i]);
                // Prometheus's gatherVector counts each gathered sample as 1, histograms too (it copies pointers).
                q.addSamples(vectors[i].size());
            }
            q.updatePeak();
            enh.ts = ts;
            enh.out.clear();
            Vector result = f.apply(vectors, enh);
            long resultSamples = SampleSizes.vector(result);
            q.adjustSamples(resultSamples);
            tempSamples += resultSamples;
            q.updatePeak();
            q.checkSamples();
            if (startTs == endTs) {
                if (!delayedNameRemoval() && result.containsSameLabelset()) {
                    throw new PromqlException("vector cannot contain metrics with the same labelset");
                }
                for (int i = 0; i < result.size(); i++) {
                    Series s = new Series(result.labels(i), new FloatPoints(1), new HistogramPoints(1),
                            result.dropName(i));
                    RangeCollector.addPoint(s, ts, result, i);
                    out.add(s);
                }
                q.setSamples(originalSamples + SampleSizes.matrix(out));
                q.updatePeak();
                return out;
            }
            collected.add(result, ts);
        }
        q.setSamples(originalSamples + SampleSizes.matrix(out));
        q.updatePeak();
        return out;
    }

    /** Fills {@code out} with the points of {@code m} at {@code ts}, advancing per-series cursors. */
    private static void gather(long ts, Matrix m, int[] cursors, Vector out) {
        out.clear();
        if (m == null) {
            return;
        }
        List<Series> list = m.series();
        for (int i = 0; i < list.size(); i++) {
            Series s = list.get(i);
            int fi = cursors[2 * i];
            int hi = cursors[2 * i + 1];
            FloatPoints f = s.floats();
            HistogramPoints h = s.histograms();
            if (fi < f.size() && f.t(fi) == ts) {
                out.add(s.labels(), ts, f.v(fi), s.dropName());
                cursors[2 * i] = fi + 1;
            } else if (hi < h.size() && h.t(hi) == ts) {
                out.addHistogram(s.labels(), ts, h.h(hi), s.dropName());
                cursors[2 * i + 1] = hi + 1;
            }
        }
    }

    FunctionContext newContext() {
        FunctionContext enh = new FunctionContext();
        enh.annotations = q.annotations;
        enh.delayedNameRemoval = delayedNameRemoval();
        return enh;
    }

    /** The step grid of a subquery: aligned to absolute multiples of its step (Prometheus's subqueryTimeRange). */
    private Matrix runSubquery(SubqueryExpr sq) {
        SelectorTimes t = q.times(sq);
        long offset = t.offsetMs;
        long range = t.rangeMs;
        long parentEnd = startTs + ((endTs - startTs) / interval) * interval;
        long end = parentEnd - offset;
        long step = t.stepMs != 0 ? t.stepMs : q.options.defaultSubqueryStepMs();
        // Truncating division, as Go's: the grid is aligned to absolute multiples of the step.
        long start = step * ((startTs - offset - range) / step);
        if (start <= startTs - offset - range) {
            start += step;
        }
        Evaluator child = new Evaluator(q, start, end, step);
        if (start != startTs) {
            AtOffsets.set(q, start, sq.expr());
        }
        return child.evalMatrix(sq.expr());
    }

    /**
     * Evaluates a subquery for a function argument, returning its matrix as loaded series data. Its samples stay
     * accounted until the caller releases them; they are left out of the total, as the function counts its
     * windows over them.
     */
    List<SeriesData> subquerySeries(SubqueryExpr sq) {
        Matrix m;
        q.statsMuted++;
        try {
            m = runSubquery(sq);
        } finally {
            q.statsMuted--;
        }
        List<SeriesData> out = new ArrayList<>(m.size());
        for (Series s : m.series()) {
            SeriesData d = new SeriesData(s.labels(), s.size());
            FloatPoints f = s.floats();
            HistogramPoints h = s.histograms();
            int fi = 0;
            int hi = 0;
            while (fi < f.size() || hi < h.size()) {
                if (hi >= h.size() || (fi < f.size() && f.t(fi) < h.t(hi))) {
                    d.add(f.t(fi), f.v(fi), null);
                    fi++;
                } else {
                    d.add(h.t(hi), 0, HistogramOps.withUnknownResetHint(h.h(hi)));
                    hi++;
                }
            }
            d.dropName = s.dropName();
            out.add(d);
        }
        return out;
    }

    private Value stepInvariant(StepInvariantExpr si) {
        Evaluator child = new Evaluator(q, startTs, startTs, interval);
        long total = q.totalSamples;
        Value res = child.eval(si.expr());
        // Prometheus counts the single evaluation's samples at every step.
        long childTotal = q.totalSamples - total;
        for (long ts = startTs + interval; ts <= endTs; ts += interval) {
            q.samplesAt(ts, childTotal);
        }
        q.updatePeak();
        Expr inner = Preparer.unwrapParens(si.expr());
        if (inner instanceof MatrixSelector || inner instanceof SubqueryExpr || !(res instanceof Matrix m)) {
            return res;
        }
        if (startTs == endTs) {
            return m;
        }
        for (Series s : m.series()) {
            if (s.floats().size() > 0) {
                double v = s.floats().v(0);
                for (long ts = startTs + interval; ts <= endTs; ts += interval) {
                    s.floats().add(ts, v);
                }
                q.addSamples(numSteps() - 1);
            } else if (s.histograms().size() > 0) {
                FloatHistogram h = s.histograms().h(0);
                for (long ts = startTs + interval; ts <= endTs; ts += interval) {
                    s.histograms().add(ts, h);
                }
                q.addSamples((numSteps() - 1L) * SampleSizes.point(h));
            }
        }
        q.updatePeak();
        return m;
    }

}
