package io.ignis.promql.engine;

import io.ignis.promql.ast.AggregateOp;
import io.ignis.promql.value.FloatPoints;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Series;
import java.util.List;

/**
 * {@code sum}, {@code count}, {@code group}, {@code min} and {@code max} over float-only input, evaluated
 * series by series into one accumulator per group and step. Walking each input series' arrays once keeps
 * memory access sequential; the step-by-step walk over all series touched a different series on every
 * sample. Within a group and step the series are still added in input order, so sums (Kahan-Neumaier) are
 * bit-identical to the step-wise evaluation.
 */
final class FloatAggregation {
    private FloatAggregation() {
    }

    /** Whether this path applies: one of its operators and no histogram point in the input. */
    static boolean applies(AggregateOp op, Matrix input) {
        if (op != AggregateOp.SUM && op != AggregateOp.COUNT && op != AggregateOp.GROUP && op != AggregateOp.MIN
                && op != AggregateOp.MAX) {
            return false;
        }
        List<Series> list = input.series();
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).histograms().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Aggregates {@code input} into {@code result} (one empty series per group, {@code seriesToGroup} mapping
     * input index to group) over the evaluator's steps.
     */
    static void aggregate(Evaluator ev, AggregateOp op, Matrix input, int[] seriesToGroup, List<Series> result) {
        int steps = ev.numSteps();
        int groups = result.size();
        long cells = (long) groups * steps;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new TooManySamplesException("query execution");
        }
        double[] value = new double[(int) cells];
        double[] comp = op == AggregateOp.SUM ? new double[(int) cells] : null;
        int[] count = new int[(int) cells];
        boolean[] drop = new boolean[(int) cells];
        List<Series> list = input.series();
        long start = ev.startTs;
        long interval = ev.interval;
        for (int si = 0; si < list.size(); si++) {
            if ((si & 1023) == 0) {
                ev.q.checkDone("expression evaluation");
            }
            Series s = list.get(si);
            boolean dropName = s.dropName();
            int base = seriesToGroup[si] * steps;
            FloatPoints f = s.floats();
            long[] ts = f.ts();
            double[] vs = f.vs();
            // Points sit on the step grid in time order: walk the grid instead of dividing per point.
            int step = 0;
            long stepTs = start;
            for (int k = 0, n = f.size(); k < n; k++) {
                while (stepTs < ts[k]) {
                    stepTs += interval;
                    step++;
                }
                int idx = base + step;
                double v = vs[k];
                if (count[idx] == 0) {
                    count[idx] = 1;
                    value[idx] = op == AggregateOp.GROUP ? 1 : v;
                    drop[idx] = dropName;
                    continue;
                }
                count[idx]++;
                drop[idx] |= dropName;
                switch (op) {
                    case SUM -> {
                        double sum = value[idx];
                        double t = sum + v;
                        if (Double.isInfinite(t)) {
                            comp[idx] = 0;
                        } else if (Math.abs(sum) >= Math.abs(v)) {
                            comp[idx] += (sum - t) + v;
                        } else {
                            comp[idx] += (v - t) + sum;
                        }
                        value[idx] = t;
                    }
                    case MAX -> {
                        if (value[idx] < v || Double.isNaN(value[idx])) {
                            value[idx] = v;
                        }
                    }
                    case MIN -> {
                        if (value[idx] > v || Double.isNaN(value[idx])) {
                            value[idx] = v;
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        for (int g = 0; g < groups; g++) {
            Series out = result.get(g);
            FloatPoints f = out.floats();
            int base = g * steps;
            long ts = start;
            for (int step = 0; step < steps; step++, ts += interval) {
                int idx = base + step;
                if (count[idx] == 0) {
                    continue;
                }
                double v = switch (op) {
                    case SUM -> value[idx] + comp[idx];
                    case COUNT -> count[idx];
                    default -> value[idx];
                };
                f.add(ts, v);
                out.setDropName(drop[idx]);
            }
        }
    }
}
