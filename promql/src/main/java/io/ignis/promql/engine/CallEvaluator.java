package io.ignis.promql.engine;

import io.ignis.labels.Labels;
import io.ignis.promql.ast.Call;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.MatrixSelector;
import io.ignis.promql.ast.StringLiteral;
import io.ignis.promql.ast.SubqueryExpr;
import io.ignis.promql.ast.VectorSelector;
import io.ignis.promql.functions.FunctionCall;
import io.ignis.promql.functions.FunctionCalls;
import io.ignis.promql.functions.FunctionContext;
import io.ignis.promql.functions.LabelFunctions;
import io.ignis.promql.functions.PromqlAnnotations;
import io.ignis.promql.functions.VectorFunctions;
import io.ignis.promql.value.FloatPoints;
import io.ignis.promql.value.HistogramPoints;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Series;
import io.ignis.promql.value.Vector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluates function calls: instant functions per step through {@link Evaluator#rangeEval}, range functions
 * per series over all steps (one window per step), and the functions that work on whole series.
 */
final class CallEvaluator {
    private static final List<String> ANCHORED_SAFE = List.of("changes", "delta", "increase", "rate", "resets");
    private static final List<String> SMOOTHED_SAFE = List.of("delta", "increase", "rate");

    private final Evaluator ev;

    CallEvaluator(Evaluator ev) {
        this.ev = ev;
    }

    Matrix eval(Call c) {
        String name = c.function().name();
        List<Expr> args = c.args();
        switch (name) {
            case "label_replace" -> {
                Matrix m = ev.evalMatrix(args.get(0));
                try {
                    LabelFunctions.labelReplace(m, str(args, 1), str(args, 2), str(args, 3), str(args, 4));
                } catch (IllegalArgumentException e) {
                    throw new PromqlException(e.getMessage());
                }
                return mergeIfDelayed(m);
            }
            case "label_join" -> {
                List<String> srcs = new ArrayList<>();
                for (int i = 3; i < args.size(); i++) {
                    srcs.add(str(args, i));
                }
                try {
                    // Argument validation precedes evaluation, as in Prometheus.
                    LabelFunctions.labelJoin(new Matrix(), str(args, 1), str(args, 2), srcs);
                } catch (IllegalArgumentException e) {
                    throw new PromqlException(e.getMessage());
                }
                Matrix m = ev.evalMatrix(args.get(0));
                LabelFunctions.labelJoin(m, str(args, 1), str(args, 2), srcs);
                return mergeIfDelayed(m);
            }
            case "info" -> {
                return new InfoEvaluator(ev).eval(c);
            }
            default -> {
            }
        }
        FunctionCall call = FunctionCalls.get(name);
        if (call == null) {
            throw new PromqlException("function " + name + " is not implemented");
        }
        if ((name.equals("timestamp") || name.equals("start_timestamp"))
                && Preparer.unwrapParens(args.get(0)) instanceof VectorSelector vs) {
            return timestampOfSelector(vs, call, c);
        }
        if (name.startsWith("sort") && ev.startTs != ev.endTs) {
            ev.q.annotations.addWarning(PromqlAnnotations.sortInRangeQuery());
        }
        int matrixArg = -1;
        for (int i = 0; i < args.size(); i++) {
            Expr a = Preparer.unwrapParens(args.get(i));
            if (a instanceof MatrixSelector || a instanceof SubqueryExpr) {
                matrixArg = i;
                break;
            }
        }
        if (matrixArg < 0) {
            return ev.rangeEval((vectors, enh) -> {
                enh.vectorArgs = vectors;
                enh.args = args;
                call.call(enh);
                return enh.out;
            }, args.toArray(new Expr[0]));
        }
        return new RangeFunctionEvaluator(ev, c, matrixArg, call).eval();
    }

    private Matrix mergeIfDelayed(Matrix m) {
        return NameRemoval.mergeSameLabelsets(m);
    }

    static String str(List<Expr> args, int i) {
        Expr e = Preparer.unwrapParens(args.get(i));
        if (e instanceof StringLiteral s) {
            return s.value();
        }
        throw new PromqlException("expected string literal as argument " + (i + 1));
    }

    /** {@code timestamp(selector)}: the sample's own timestamp, not the evaluation time. */
    private Matrix timestampOfSelector(VectorSelector vs, FunctionCall call, Call c) {
        SelectorTimes t = ev.q.times(vs);
        boolean propagate = c.function().name().equals("start_timestamp") && ev.q.options.startTimestamps();
        long[] sts = new long[t.series.size()];
        return ev.rangeEval((vectors, enh) -> {
            long offset = t.offsetMs;
            if (t.atMs != null) {
                offset = enh.ts - t.atMs;
            }
            Vector vec = new Vector(t.series.size());
            for (SeriesData s : t.series) {
                int i = ev.lookup(s, offset, enh.ts);
                if (i < 0) {
                    continue;
                }
                sts[vec.size()] = s.startTimestamp(i);
                vec.add(s.labels, s.ts[i], 0, false);
                ev.q.addSamples(1);
                ev.q.samplesAt(enh.ts, 1);
            }
            enh.startTimestamps = propagate ? sts : null;
            enh.vectorArgs = new Vector[] {vec};
            enh.args = c.args();
            call.call(enh);
            return enh.out;
        });
    }

    static boolean anchoredSafe(String name) {
        return ANCHORED_SAFE.contains(name);
    }

    static boolean smoothedSafe(String name) {
        return SMOOTHED_SAFE.contains(name);
    }

    static String anchoredError(String name) {
        return "anchored modifier can only be used with: " + String.join(", ", ANCHORED_SAFE) + " - not with " + name;
    }

    static String smoothedError(String name) {
        return "smoothed modifier can only be used with: " + String.join(", ", SMOOTHED_SAFE) + " - not with " + name;
    }

    /** absent_over_time: one series with 1 at the steps where no input series has a point. */
    static Matrix absentOverTime(Evaluator ev, Matrix mat, Expr arg, boolean dropName) {
        int steps = ev.numSteps();
        Set<Long> found = new HashSet<>();
        for (Series s : mat.series()) {
            if (s.size() == steps) {
                return new Matrix();
            }
            for (int i = 0; i < s.floats().size(); i++) {
                found.add(s.floats().t(i));
            }
            for (int i = 0; i < s.histograms().size(); i++) {
                found.add(s.histograms().t(i));
            }
        }
        if (found.size() == steps) {
            return new Matrix();
        }
        FloatPoints pts = new FloatPoints();
        for (long ts = ev.startTs; ts <= ev.endTs; ts += ev.interval) {
            if (!found.contains(ts)) {
                pts.add(ts, 1);
            }
        }
        Labels l = VectorFunctions.absentLabels(arg);
        Matrix out = new Matrix();
        out.add(new Series(l, pts, new HistogramPoints(1), dropName));
        return out;
    }
}
