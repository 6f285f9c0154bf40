package io.ignis.promql.functions;

import io.ignis.labels.Labels;
import io.ignis.model.CounterResetHint;
import io.ignis.promql.value.FloatPoints;
import java.util.Arrays;

/** The {@code *_over_time} family over the float points of one window; histograms are ignored with an info. */
final class OverTimeFunctions {
    private OverTimeFunctions() {
    }

    private static boolean floatsOnly(FunctionContext ctx, boolean infoOnMixed) {
        FloatPoints f = ctx.window.floats();
        if (f.isEmpty()) {
            return false;
        }
        if (infoOnMixed && !ctx.window.histograms().isEmpty()) {
            ctx.annotations.addInfo(PromqlAnnotations.histogramIgnoredInMixedRange(ctx.window.labels().metricName()));
        }
        return true;
    }

    private static void emit(FunctionContext ctx, double v) {
        ctx.out.add(Labels.EMPTY, ctx.ts, v, false);
    }

    static void avg(FunctionContext ctx) {
        FloatPoints f = ctx.window.floats();
        if (!f.isEmpty() && !ctx.window.histograms().isEmpty()) {
            ctx.annotations.addWarning(PromqlAnnotations.mixedFloatsHistograms(ctx.window.labels().metricName()));
            return;
        }
        if (f.isEmpty()) {
            histogramSum(ctx, true);
            return;
        }
        double sum = f.v(0);
        double c = 0;
        double mean = 0;
        boolean incremental = false;
        for (int i = 1; i < f.size(); i++) {
            double count = i + 1;
            if (!incremental) {
                double[] r = kahan(f.v(i), sum, c);
                if (!Double.isInfinite(r[0])) {
                    sum = r[0];
                    c = r[1];
                    continue;
                }
                incremental = true;
                mean = sum / (count - 1);
                c /= count - 1;
            }
            double q = (count - 1) / count;
            double[] r = kahan(f.v(i) / count, q * mean, q * c);
            mean = r[0];
            c = r[1];
        }
        if (incremental) {
            emit(ctx, mean + c);
        } else {
            double n = f.size();
            emit(ctx, sum / n + c / n);
        }
    }

    static void sum(FunctionContext ctx) {
        FloatPoints f = ctx.window.floats();
        if (!f.isEmpty() && !ctx.window.histograms().isEmpty()) {
            ctx.annotations.addWarning(PromqlAnnotations.mixedFloatsHistograms(ctx.window.labels().metricName()));
            return;
        }
        if (f.isEmpty()) {
            histogramSum(ctx, false);
            return;
        }
        double sum = 0;
        double c = 0;
        for (int i = 0; i < f.size(); i++) {
            double[] r = kahan(f.v(i), sum, c);
            sum = r[0];
            c = r[1];
        }
        emit(ctx, Double.isInfinite(sum) ? sum : sum + c);
    }

    /** sum_over_time / avg_over_time of a window holding only histograms. */
    private static void histogramSum(FunctionContext ctx, boolean average) {
        var h = ctx.window.histograms();
        if (h.isEmpty()) {
            return;
        }
        boolean resetSeen = false;
        boolean notResetSeen = false;
        boolean reconciled = false;
        MutableHistogram sum = MutableHistogram.of(h.h(0));
        HistogramMean mean = new HistogramMean();
        for (int i = 0; i < h.size(); i++) {
            CounterResetHint hint = h.h(i).counterResetHint();
            resetSeen |= hint == CounterResetHint.COUNTER_RESET;
            notResetSeen |= hint == CounterResetHint.NOT_COUNTER_RESET;
            try {
                if (average) {
                    mean.add(h.h(i));
                } else if (i > 0) {
                    sum.kahanAdd(h.h(i));
                }
            } catch (MutableHistogram.IncompatibleSchemaException e) {
                ctx.annotations.addWarning(
                        PromqlAnnotations.mixedExponentialCustomHistograms(ctx.window.labels().metricName()));
                return;
            }
            reconciled |= sum.boundsReconciled || mean.boundsReconciled;
        }
        if (resetSeen && notResetSeen) {
            ctx.annotations.addWarning(PromqlAnnotations.histogramCounterResetCollision("aggregation"));
        }
        if (reconciled) {
            ctx.annotations.addInfo(PromqlAnnotations.mismatchedCustomBucketsHistograms("aggregation"));
        }
        ctx.out.addHistogram(Labels.EMPTY, ctx.ts, average ? mean.result() : sum.toHistogram(), false);
    }

    static double[] kahan(double inc, double sum, double c) {
        double t = sum + inc;
        if (Double.isInfinite(t)) {
            c = 0;
        } else if (Math.abs(sum) >= Math.abs(inc)) {
            c += (sum - t) + inc;
        } else {
            c += (inc - t) + sum;
        }
        return new double[] {t, c};
    }

    static void count(FunctionContext ctx) {
        emit(ctx, ctx.window.size());
    }

    static void present(FunctionContext ctx) {
        emit(ctx, 1);
    }

    static void last(FunctionContext ctx) {
        FloatPoints f = ctx.window.floats();
        var h = ctx.window.histograms();
        if (h.isEmpty() || (!f.isEmpty() && f.t(f.size() - 1) > h.t(h.size() - 1))) {
            emit(ctx, f.v(f.size() - 1));
        } else {
            ctx.out.addHistogram(Labels.EMPTY, ctx.ts, h.h(h.size() - 1), false);
        }
    }

    static void first(FunctionContext ctx) {
        FloatPoints f = ctx.window.floats();
        var h = ctx.window.histograms();
        if (h.isEmpty() || (!f.isEmpty() && f.t(0) < h.t(0))) {
            emit(ctx, f.v(0));
        } else {
            ctx.out.addHistogram(Labels.EMPTY, ctx.ts, h.h(0), false);
        }
    }

    static void tsOfLast(FunctionContext ctx) {
        FloatPoints f = ctx.window.floats();
        var h = ctx.window.histograms();
        long t = Long.MIN_VALUE;
        if (!f.isEmpty()) {
            t = f.t(f.size() - 1);
        }
        if (!h.isEmpty()) {
            t = Math.max(t, h.t(h.size() - 1));
        }
        emit(ctx, t / 1000.0);
    }

    static void tsOfFirst(FunctionContext ctx) {
        FloatPoints f = ctx.window.floats();
        var h = ctx.window.histograms();
        long t = Long.MAX_VALUE;
        if (!f.isEmpty()) {
            t = f.t(0);
        }
        if (!h.isEmpty()) {
            t = Math.min(t, h.t(0));
        }
        emit(ctx, t / 1000.0);
    }

    static void max(FunctionContext ctx) {
        minMax(ctx, true, false);
    }

    static void min(FunctionContext ctx) {
        minMax(ctx, false, false);
    }

    static void tsOfMax(FunctionContext ctx) {
        minMax(ctx, true, true);
    }

    static void tsOfMin(FunctionContext ctx) {
        minMax(ctx, false, true);
    }

    private static void minMax(FunctionContext ctx, boolean max, boolean timestamp) {
        if (!floatsOnly(ctx, true)) {
            return;
        }
        FloatPoints f = ctx.window.floats();
        double v = f.v(0);
        long t = f.t(0);
        for (int i = 0; i < f.size(); i++) {
            double x = f.v(i);
            boolean take;
            if (timestamp) {
                take = (max ? x >= v : x <= v) || Double.isNaN(v);
            } else {
                take = (max ? x > v : x < v) || Double.isNaN(v);
            }
            if (take) {
                v = x;
                t = f.t(i);
            }
        }
        emit(ctx, timestamp ? t / 1000.0 : v);
    }

    static void stddev(FunctionContext ctx) {
        variance(ctx, true);
    }

    static void stdvar(FunctionContext ctx) {
        variance(ctx, false);
    }

    private static void variance(FunctionContext ctx, boolean sqrt) {
        if (!floatsOnly(ctx, true)) {
            return;
        }
        FloatPoints f = ctx.window.floats();
        double count = 0;
        double mean = 0;
        double cMean = 0;
        double aux = 0;
        double cAux = 0;
        for (int i = 0; i < f.size(); i++) {
            double v = f.v(i);
            count++;
            double delta = v - (mean + cMean);
            double[] r = kahan(delta / count, mean, cMean);
            mean = r[0];
            cMean = r[1];
            r = kahan(delta * (v - (mean + cMean)), aux, cAux);
            aux = r[0];
            cAux = r[1];
        }
        double variance = (aux + cAux) / count;
        emit(ctx, sqrt ? Math.sqrt(variance) : variance);
    }

    static void quantile(FunctionContext ctx) {
        double q = ctx.scalarArg(0);
        if (!floatsOnly(ctx, true)) {
            return;
        }
        if (Double.isNaN(q) || q < 0 || q > 1) {
            ctx.annotations.addWarning(PromqlAnnotations.invalidQuantile(q));
        }
        FloatPoints f = ctx.window.floats();
        double[] values = Arrays.copyOf(f.vs(), f.size());
        emit(ctx, Quantiles.quantile(q, values, values.length));
    }

    static void mad(FunctionContext ctx) {
        if (!floatsOnly(ctx, true)) {
            return;
        }
        FloatPoints f = ctx.window.floats();
        double[] values = Arrays.copyOf(f.vs(), f.size());
        for (double v : values) {
            if (Double.isNaN(v)) {
                emit(ctx, Double.NaN);
                return;
            }
        }
        double median = Quantiles.quantile(0.5, values, values.length);
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.abs(values[i] - median);
        }
        emit(ctx, Quantiles.quantile(0.5, values, values.length));
    }
}
