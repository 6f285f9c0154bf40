package io.ignis.promql.functions;

import io.ignis.labels.Labels;
import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Span;
import io.ignis.promql.value.HistogramPoints;

/** rate/increase/delta and irate/idelta over native histogram windows (Prometheus's histogramRate). */
public final class HistogramRates {
    private HistogramRates() {
    }

    static void extrapolatedRate(FunctionContext ctx, boolean isCounter, boolean isRate) {
        HistogramPoints h = ctx.window.histograms();
        int last = h.size() - 1;
        long[] sts = isCounter ? ctx.histogramStartTimestamps : null;
        MutableHistogram result = null;
        if (last > 0) {
            result = histogramRate(ctx, h, isCounter, sts);
            if (result == null) {
                return;
            }
        }
        long firstT = h.t(0);
        long lastT = h.t(last);
        double durationToStart = (firstT - ctx.rangeStart) / 1000.0;
        double durationToEnd = (ctx.rangeEnd - lastT) / 1000.0;
        double sampledInterval = (lastT - firstT) / 1000.0;
        double average = last > 0 ? sampledInterval / last : 0;
        double threshold = average * 1.1;
        if (sts != null && sts[0] != 0 && sts[0] > ctx.rangeStart && sts[0] < firstT) {
            // The counter started inside the range: count from zero at its start, no extrapolation before.
            durationToStart = 0;
            sampledInterval = (lastT - sts[0]) / 1000.0;
            if (result == null) {
                result = MutableHistogram.of(h.h(0));
            } else {
                try {
                    result.add(h.h(0));
                } catch (MutableHistogram.IncompatibleSchemaException e) {
                    ctx.annotations.addWarning(
                            PromqlAnnotations.mixedExponentialCustomHistograms(ctx.window.labels().metricName()));
                    return;
                }
            }
        } else if (last == 0) {
            return;
        } else if (durationToStart >= threshold) {
            durationToStart = average / 2;
        }
        if (isCounter && !(sts != null && sts[0] != 0 && sts[0] > ctx.rangeStart && sts[0] < firstT)) {
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

    private static MutableHistogram histogramRate(FunctionContext ctx, HistogramPoints points, boolean isCounter,
                                                  long[] sts) {
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
            boolean stReset = sts != null && RateFunctions.isStartTimestampReset(sts[0], points.t(0), sts[1],
                    points.t(1));
            if (stReset || HistogramMath.detectReset(second, prev)) {
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
            boolean overlap = false;
            for (int i = 1; i < n; i++) {
                FloatHistogram curr = points.h(i);
                if (!overlap && sts != null && RateFunctions.checkStartTimeOverlap(sts[i - 1], points.t(i - 1),
                        sts[i])) {
                    ctx.annotations.addWarning(PromqlAnnotations.startTimeOverlap(name));
                    overlap = true;
                }
                boolean stReset = sts != null && RateFunctions.isStartTimestampReset(sts[i - 1], points.t(i - 1),
                        sts[i], points.t(i));
                if (stReset || HistogramMath.detectReset(curr, prev)) {
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
        long[] sts = ctx.histogramStartTimestamps;
        boolean stReset = sts != null && RateFunctions.isStartTimestampReset(sts[n - 2], h.t(n - 2), sts[n - 1],
                h.t(n - 1));
        if (!isRate || !(stReset || HistogramMath.detectReset(last, prev))) {
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
            result.divide(interval / 1000.0);
        }
        ctx.out.addHistogram(Labels.EMPTY, ctx.ts, result.toHistogram(), false);
    }

    /** Linear interpolation between two histograms at {@code t}; a counter reset restarts from zero. */
    public static FloatHistogram interpolate(FloatHistogram h1, long t1, FloatHistogram h2, long t2, long t,
                                             boolean isCounter, FunctionContext ctx) {
        if (t == t1) {
            return h1;
        }
        if (t == t2) {
            return h2;
        }
        double fraction = (double) (t - t1) / (double) (t2 - t1);
        MutableHistogram result = MutableHistogram.of(h2);
        if (isCounter && HistogramMath.detectReset(h2, h1)) {
            result.scale(fraction);
            return result.toHistogram();
        }
        result.sub(h1);
        if (result.boundsReconciled) {
            ctx.annotations.addInfo(PromqlAnnotations.mismatchedCustomBucketsHistograms("subtraction"));
        }
        result.scale(fraction);
        result.boundsReconciled = false;
        result.add(h1);
        if (result.boundsReconciled) {
            ctx.annotations.addInfo(PromqlAnnotations.mismatchedCustomBucketsHistograms("addition"));
        }
        return result.toHistogram();
    }

    /** rate/increase/delta of histograms over anchored or smoothed windows (extendedHistogramRate). */
    static void extendedRate(FunctionContext ctx, boolean isCounter, boolean isRate) {
        HistogramPoints h = ctx.window.histograms();
        String name = ctx.window.labels().metricName();
        long rangeStart = ctx.rangeStart;
        long rangeEnd = ctx.rangeEnd;
        int last = h.size() - 1;
        int first = Math.max(0, search(h, last, rangeStart, false) - 1);
        if (ctx.smoothed) {
            last = search(h, last, rangeEnd, true);
        }
        if (h.t(last) <= rangeStart || (ctx.smoothed && h.t(first) > rangeEnd)) {
            return;
        }
        boolean custom = h.h(first).schema() == -53;
        for (int i = first; i <= last; i++) {
            if ((h.h(i).schema() == -53) != custom) {
                ctx.annotations.addWarning(PromqlAnnotations.mixedExponentialCustomHistograms(name));
                return;
            }
            if (isCounter && h.h(i).counterResetHint() == CounterResetHint.GAUGE) {
                ctx.annotations.addWarning(PromqlAnnotations.nativeHistogramNotCounter(name));
            }
        }
        FloatHistogram left;
        FloatHistogram right;
        try {
            left = ctx.smoothed && h.t(first) < rangeStart
                    ? interpolate(h.h(first), h.t(first), h.h(first + 1), h.t(first + 1), rangeStart, isCounter, ctx)
                    : h.h(first);
            right = ctx.smoothed && last > 0 && h.t(last) > rangeEnd
                    ? interpolate(h.h(last - 1), h.t(last - 1), h.h(last), h.t(last), rangeEnd, isCounter, ctx)
                    : h.h(last);
        } catch (MutableHistogram.IncompatibleSchemaException e) {
            ctx.annotations.addWarning(PromqlAnnotations.mixedExponentialCustomHistograms(name));
            return;
        }
        if (!isCounter && (left.counterResetHint() != CounterResetHint.GAUGE
                || right.counterResetHint() != CounterResetHint.GAUGE)) {
            ctx.annotations.addWarning(PromqlAnnotations.nativeHistogramNotGauge(name));
        }
        MutableHistogram result = MutableHistogram.of(right);
        try {
            result.sub(left);
            if (result.boundsReconciled) {
                ctx.annotations.addInfo(PromqlAnnotations.mismatchedCustomBucketsHistograms("subtraction"));
            }
            if (isCounter) {
                MutableHistogram correction = null;
                int from = first + 1;
                FloatHistogram prev = left;
                if (ctx.smoothed && h.t(first) < rangeStart && HistogramMath.detectReset(h.h(first + 1), h.h(first))) {
                    prev = h.h(first + 1);
                    from++;
                }
                int to = last - 1;
                if (from <= to + 1) {
                    for (int i = from; i <= to; i++) {
                        if (HistogramMath.detectReset(h.h(i), prev)) {
                            correction = addCorrection(correction, prev, ctx);
                        }
                        prev = h.h(i);
                    }
                    if (HistogramMath.detectReset(right, prev)) {
                        correction = addCorrection(correction, prev, ctx);
                    }
                }
                if (correction != null) {
                    result.boundsReconciled = false;
                    result.add(correction.toHistogram());
                    if (result.boundsReconciled) {
                        ctx.annotations.addInfo(PromqlAnnotations.mismatchedCustomBucketsHistograms("addition"));
                    }
                }
            }
        } catch (MutableHistogram.IncompatibleSchemaException e) {
            ctx.annotations.addWarning(PromqlAnnotations.mixedExponentialCustomHistograms(name));
            return;
        }
        if (isRate) {
            result.divide((rangeEnd - rangeStart) / 1000.0);
        }
        result.setHint(CounterResetHint.GAUGE);
        ctx.out.addHistogram(Labels.EMPTY, ctx.ts, result.toHistogram(), false);
    }

    private static MutableHistogram addCorrection(MutableHistogram correction, FloatHistogram h,
                                                  FunctionContext ctx) {
        if (correction == null) {
            return MutableHistogram.of(h);
        }
        correction.boundsReconciled = false;
        correction.add(h);
        if (correction.boundsReconciled) {
            ctx.annotations.addInfo(PromqlAnnotations.mismatchedCustomBucketsHistograms("addition"));
        }
        return correction;
    }

    private static int search(HistogramPoints p, int n, long t, boolean inclusive) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (inclusive ? p.t(mid) >= t : p.t(mid) > t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
