package io.ignis.promql.functions;

import io.ignis.labels.Labels;
import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Span;
import io.ignis.promql.value.HistogramPoints;

/** rate/increase/delta and irate/idelta over native histogram windows (Prometheus's histogramRate). */
final class HistogramRates {
    private HistogramRates() {
    }

    static void extrapolatedRate(FunctionContext ctx, boolean isCounter, boolean isRate) {
        HistogramPoints h = ctx.window.histograms();
        int last = h.size() - 1;
        if (last == 0) {
            return;
        }
        MutableHistogram result = histogramRate(ctx, h, isCounter);
        if (result == null) {
            return;
        }
        long firstT = h.t(0);
        long lastT = h.t(last);
        double durationToStart = (firstT - ctx.rangeStart) / 1000.0;
        double durationToEnd = (ctx.rangeEnd - lastT) / 1000.0;
        double sampledInterval = (lastT - firstT) / 1000.0;
        double average = sampledInterval / last;
        double threshold = average * 1.1;
        if (durationToStart >= threshold) {
            durationToStart = average / 2;
        }
        if (isCounter) {
            double durationToZero = durationToStart;
            if (result.count() > 0 && h.h(0).count() >= 0) {
                durationToZero = sampledInterval * (h.h(0).count() / result.count());
            }
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        if (durationToEnd >= threshold) {
            durationToEnd = average / 2;
        }
        double factor = 1.0;
        if (sampledInterval != 0) {
            factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
        }
        if (isRate) {
            factor /= (ctx.rangeEnd - ctx.rangeStart) / 1000.0;
        }
        result.scale(factor);
        ctx.out.addHistogram(Labels.EMPTY, ctx.ts, result.toHistogram(), false);
    }

    private static FloatHistogram empty(FloatHistogram like) {
        return new FloatHistogram(CounterResetHint.UNKNOWN, like.schema(), 0, 0, 0, 0, new Span[0], new double[0],
                new Span[0], new double[0], like.customValues());
    }

    private static MutableHistogram histogramRate(FunctionContext ctx, HistogramPoints points, boolean isCounter) {
        String name = ctx.window.labels().metricName();
        int n = points.size();
        FloatHistogram prev = points.h(0);
        FloatHistogram last = points.h(n - 1);
        boolean custom = prev.schema() == -53;
        if (isCounter && (prev.counterResetHint() == CounterResetHint.GAUGE
                || last.counterResetHint() == CounterResetHint.GAUGE)) {
            ctx.annotations.addWarning(PromqlAnnotations.nativeHistogramNotCounter(name));
        }
        if (isCounter) {
            FloatHistogram second = points.h(1);
            if (HistogramMath.detectReset(second, prev)) {
                prev = empty(second);
                custom = second.schema() == -53;
            }
        }
        if ((last.schema() == -53) != custom) {
            ctx.annotations.addWarning(PromqlAnnotations.mixedExponentialCustomHistograms(name));
            return null;
        }
        int minSchema = Math.min(last.schema(), prev.schema());
        for (int i = 1; i < n - 1; i++) {
            FloatHistogram curr = points.h(i);
            if (!isCounter) {
                continue;
            }
            if (curr.counterResetHint() == CounterResetHint.GAUGE) {
                ctx.annotations.addWarning(PromqlAnnotations.nativeHistogramNotCounter(name));
            }
            minSchema = Math.min(minSchema, curr.schema());
            if ((curr.schema() == -53) != custom) {
                ctx.annotations.addWarning(PromqlAnnotations.mixedExponentialCustomHistograms(name));
                return null;
            }
        }
        MutableHistogram h = MutableHistogram.of(last);
        h.reduceResolution(minSchema);
        try {
            h.sub(prev);
        } catch (MutableHistogram.IncompatibleSchemaException e) {
            ctx.annotations.addWarning(PromqlAnnotations.mixedExponentialCustomHistograms(name));
            return null;
        }
        if (h.boundsReconciled) {
            ctx.annotations.addInfo(PromqlAnnotations.mismatchedCustomBucketsHistograms("subtraction"));
        }
        if (isCounter) {
            for (int i = 1; i < n; i++) {
                FloatHistogram curr = points.h(i);
                if (HistogramMath.detectReset(curr, prev)) {
                    h.boundsReconciled = false;
                    try {
                        h.add(prev);
                    } catch (MutableHistogram.IncompatibleSchemaException e) {
                        ctx.annotations.addWarning(PromqlAnnotations.mixedExponentialCustomHistograms(name));
                        return null;
                    }
                    if (h.boundsReconciled) {
                        ctx.annotations.addInfo(PromqlAnnotations.mismatchedCustomBucketsHistograms("addition"));
                    }
                }
                prev = curr;
            }
        } else if (points.h(0).counterResetHint() != CounterResetHint.GAUGE
                || last.counterResetHint() != CounterResetHint.GAUGE) {
            ctx.annotations.addWarning(PromqlAnnotations.nativeHistogramNotGauge(name));
        }
        h.setHint(CounterResetHint.GAUGE);
        return h;
    }

    /** irate/idelta when the last two samples of the window are histograms. */
    static void instantValue(FunctionContext ctx, boolean isRate) {
        HistogramPoints h = ctx.window.histograms();
        String name = ctx.window.labels().metricName();
        int n = h.size();
        FloatHistogram prev = h.h(n - 2);
        FloatHistogram last = h.h(n - 1);
        long interval = h.t(n - 1) - h.t(n - 2);
        if (interval == 0) {
            return;
        }
        if (isRate && (last.counterResetHint() == CounterResetHint.GAUGE
                || prev.counterResetHint() == CounterResetHint.GAUGE)) {
            ctx.annotations.addWarning(PromqlAnnotations.nativeHistogramNotCounter(name));
        }
        if (!isRate && (last.counterResetHint() != CounterResetHint.GAUGE
                || prev.counterResetHint() != CounterResetHint.GAUGE)) {
            ctx.annotations.addWarning(PromqlAnnotations.nativeHistogramNotGauge(name));
        }
        MutableHistogram result = MutableHistogram.of(last);
        if (!isRate || !HistogramMath.detectReset(last, prev)) {
            try {
                result.sub(prev);
            } catch (MutableHistogram.IncompatibleSchemaException e) {
                ctx.annotations.addWarning(PromqlAnnotations.mixedExponentialCustomHistograms(name));
                return;
            }
            if (result.boundsReconciled) {
                ctx.annotations.addInfo(PromqlAnnotations.mismatchedCustomBucketsHistograms("subtraction"));
            }
        }
        result.setHint(CounterResetHint.GAUGE);
        if (isRate) {
            result.scale(1 / (interval / 1000.0));
        }
        ctx.out.addHistogram(Labels.EMPTY, ctx.ts, result.toHistogram(), false);
    }
}
