package io.ignis.promql.functions;

import io.ignis.labels.Labels;
import io.ignis.model.FloatHistogram;
import io.ignis.promql.value.FloatPoints;
import io.ignis.promql.value.HistogramPoints;

/**
 * {@code rate}, {@code increase}, {@code delta} (with Prometheus's extrapolation to the range bounds),
 * {@code irate}, {@code idelta}, {@code resets} and {@code changes}. Native-histogram rates are not computed
 * here; a window holding only histograms yields nothing.
 */
final class RateFunctions {
    private RateFunctions() {
    }

    static void rate(FunctionContext ctx) {
        extrapolatedRate(ctx, true, true);
    }

    static void increase(FunctionContext ctx) {
        extrapolatedRate(ctx, true, false);
    }

    static void delta(FunctionContext ctx) {
        extrapolatedRate(ctx, false, false);
    }

    private static void extrapolatedRate(FunctionContext ctx, boolean isCounter, boolean isRate) {
        FloatPoints f = ctx.window.floats();
        HistogramPoints h = ctx.window.histograms();
        if (!f.isEmpty() && !h.isEmpty()) {
            ctx.annotations.addWarning(PromqlAnnotations.mixedFloatsHistograms(ctx.window.labels().metricName()));
            return;
        }
        if (ctx.anchored || ctx.smoothed) {
            if (!f.isEmpty()) {
                extendedRate(ctx, isCounter, isRate);
            } else if (!h.isEmpty()) {
                HistogramRates.extendedRate(ctx, isCounter, isRate);
            }
            return;
        }
        if (!h.isEmpty()) {
            HistogramRates.extrapolatedRate(ctx, isCounter, isRate);
            return;
        }
        if (f.isEmpty()) {
            return;
        }
        long rangeStart = ctx.rangeStart;
        long rangeEnd = ctx.rangeEnd;
        int last = f.size() - 1;
        long firstT = f.t(0);
        long lastT = f.t(last);
        long[] sts = isCounter ? ctx.startTimestamps : null;
        int nSts = sts == null ? 0 : f.size();
        double result = f.v(last) - f.v(0);
        if (isCounter) {
            boolean overlap = false;
            for (int i = 1; i <= last; i++) {
                if (!overlap && i < nSts && checkStartTimeOverlap(sts[i - 1], f.t(i - 1), sts[i])) {
                    ctx.annotations.addWarning(PromqlAnnotations.startTimeOverlap(ctx.window.labels().metricName()));
                    overlap = true;
                }
                if (f.v(i) < f.v(i - 1)
                        || (i < nSts && isStartTimestampReset(sts[i - 1], f.t(i - 1), sts[i], f.t(i)))) {
                    result += f.v(i - 1);
                }
            }
        }
        double durationToStart = (firstT - rangeStart) / 1000.0;
        double durationToEnd = (rangeEnd - lastT) / 1000.0;
        double sampledInterval = (lastT - firstT) / 1000.0;
        double averageDurationBetweenSamples = last > 0 ? sampledInterval / last : 0;
        double extrapolationThreshold = averageDurationBetweenSamples * 1.1;
        if (nSts > 0 && sts[0] != 0 && sts[0] > rangeStart && sts[0] < firstT) {
            // The counter started inside the range: no extrapolation before its start.
            durationToStart = 0;
            sampledInterval = (lastT - sts[0]) / 1000.0;
            result += f.v(0);
        } else if (last == 0) {
            return;
        } else {
            if (durationToStart >= extrapolationThreshold) {
                durationToStart = averageDurationBetweenSamples / 2;
            }
            if (isCounter) {
                double durationToZero = durationToStart;
                if (result > 0 && f.v(0) >= 0) {
                    durationToZero = sampledInterval * (f.v(0) / result);
                }
                if (durationToZero < durationToStart) {
                    durationToStart = durationToZero;
                }
            }
        }
        if (durationToEnd >= extrapolationThreshold) {
            durationToEnd = averageDurationBetweenSamples / 2;
        }
        double factor = 1.0;
        if (sampledInterval != 0) {
            factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
        }
        if (isRate) {
            factor /= (rangeEnd - rangeStart) / 1000.0;
        }
        ctx.out.add(Labels.EMPTY, ctx.ts, result * factor, false);
    }

    /** Whether the current sample's start timestamp marks a reset since the previous sample. */
    static boolean isStartTimestampReset(long prevSt, long prevT, long curSt, long curT) {
        if (curSt == 0 || curSt >= curT) {
            return false;
        }
        if (curSt < prevT) {
            return false;
        }
        if (curSt > prevT) {
            return true;
        }
        if (prevSt > prevT) {
            return false;
        }
        return prevSt != 0 && prevSt != prevT;
    }

    static boolean checkStartTimeOverlap(long prevSt, long prevT, long curSt) {
        return curSt != 0 && curSt < prevT && curSt != prevSt;
    }

    /** rate/increase/delta over anchored or smoothed windows (Prometheus's extendedRate). */
    private static void extendedRate(FunctionContext ctx, boolean isCounter, boolean isRate) {
        FloatPoints f = ctx.window.floats();
        long rangeStart = ctx.rangeStart;
        long rangeEnd = ctx.rangeEnd;
        int last = f.size() - 1;
        int first = Math.max(0, search(f, last, rangeStart, false) - 1);
        if (ctx.smoothed) {
            last = search(f, last, rangeEnd, true);
        }
        if (f.t(last) <= rangeStart) {
            return;
        }
        if (ctx.smoothed && f.t(first) > rangeEnd) {
            return;
        }
        double left = ctx.smoothed && f.t(first) < rangeStart
                ? interpolate(f, first, first + 1, rangeStart, isCounter) : f.v(first);
        double right = ctx.smoothed && last > 0 && f.t(last) > rangeEnd
                ? interpolate(f, last - 1, last, rangeEnd, isCounter) : f.v(last);
        double result = right - left;
        if (isCounter) {
            if (f.t(first) <= rangeStart) {
                first++;
            }
            if (f.t(last) >= rangeEnd) {
                last--;
            }
            double correction = 0;
            double prev = left;
            for (int i = first; i <= last; i++) {
                if (f.v(i) < prev) {
                    correction += prev;
                }
                prev = f.v(i);
            }
            if (right < prev) {
                correction += prev;
            }
            result += correction;
        }
        if (isRate) {
            result /= (rangeEnd - rangeStart) / 1000.0;
        }
        ctx.out.add(Labels.EMPTY, ctx.ts, result, false);
    }

    private static int search(FloatPoints p, int n, long t, boolean inclusive) {
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

    private static double interpolate(FloatPoints p, int a, int b, long t, boolean isCounter) {
        double y1 = p.v(a);
        double y2 = p.v(b);
        if (isCounter && y2 < y1) {
            y1 = 0;
        }
        return y1 + (y2 - y1) * (double) (t - p.t(a)) / (double) (p.t(b) - p.t(a));
    }

    static void irate(FunctionContext ctx) {
        instantValue(ctx, true);
    }

    static void idelta(FunctionContext ctx) {
        instantValue(ctx, false);
    }

    private static void instantValue(FunctionContext ctx, boolean isRate) {
        FloatPoints f = ctx.window.floats();
        HistogramPoints h = ctx.window.histograms();
        if (f.size() + h.size() < 2) {
            return;
        }
        // The last two samples by time, whatever their kind.
        int fi = f.size() - 1;
        int hi = h.size() - 1;
        boolean lastIsHistogram = hi >= 0 && (fi < 0 || h.t(hi) > f.t(fi));
        boolean prevIsHistogram;
        if (lastIsHistogram) {
            prevIsHistogram = hi - 1 >= 0 && (fi < 0 || h.t(hi - 1) > f.t(fi));
        } else {
            prevIsHistogram = hi >= 0 && (fi - 1 < 0 || h.t(hi) > f.t(fi - 1));
        }
        if (lastIsHistogram != prevIsHistogram) {
            ctx.annotations.addWarning(PromqlAnnotations.mixedFloatsHistograms(ctx.window.labels().metricName()));
            return;
        }
        if (lastIsHistogram) {
            HistogramRates.instantValue(ctx, isRate);
            return;
        }
        int n = f.size();
        double prev = f.v(n - 2);
        double last = f.v(n - 1);
        long[] sts = ctx.startTimestamps;
        boolean stReset = sts != null && isStartTimestampReset(sts[n - 2], f.t(n - 2), sts[n - 1], f.t(n - 1));
        double result = isRate && (last < prev || stReset) ? last : last - prev;
        if (isRate) {
            long dt = f.t(n - 1) - f.t(n - 2);
            if (dt == 0) {
                return;
            }
            result /= dt / 1000.0;
        }
        ctx.out.add(Labels.EMPTY, ctx.ts, result, false);
    }

    static void resets(FunctionContext ctx) {
        countTransitions(ctx, true);
    }

    static void changes(FunctionContext ctx) {
        countTransitions(ctx, false);
    }

    /** resets() or changes() over the interleaved float and histogram points of the window. */
    private static void countTransitions(FunctionContext ctx, boolean resets) {
        FloatPoints f = ctx.window.floats();
        HistogramPoints h = ctx.window.histograms();
        if (f.isEmpty() && h.isEmpty()) {
            return;
        }
        int fi = 0;
        int hi = 0;
        if (ctx.anchored) {
            int lastF = lastAtOrBefore(f.ts(), f.size(), ctx.rangeStart);
            int lastH = -1;
            for (int i = 0; i < h.size() && h.t(i) <= ctx.rangeStart; i++) {
                lastH = i;
            }
            if (lastF + 1 >= f.size() && lastH + 1 >= h.size()) {
                return;
            }
            if (lastF < 0 && lastH < 0) {
                fi = 0;
                hi = 0;
            } else if (lastH < 0 || (lastF >= 0 && f.t(lastF) >= h.t(lastH))) {
                fi = lastF;
                hi = lastH + 1;
            } else {
                fi = lastF + 1;
                hi = lastH;
            }
        }
        int count = 0;
        boolean first = true;
        double prevF = 0;
        long prevT = 0;
        long prevSt = 0;
        long[] sts = resets ? ctx.startTimestamps : null;
        long[] hsts = resets ? ctx.histogramStartTimestamps : null;
        FloatHistogram prevH = null;
        while (fi < f.size() || hi < h.size()) {
            double curF = 0;
            long curT;
            long curSt = 0;
            FloatHistogram curH = null;
            if (hi >= h.size() || (fi < f.size() && f.t(fi) < h.t(hi))) {
                if (sts != null) {
                    curSt = sts[fi];
                }
                curT = f.t(fi);
                curF = f.v(fi++);
            } else {
                if (hsts != null) {
                    curSt = hsts[hi];
                }
                curT = h.t(hi);
                curH = h.h(hi++);
            }
            if (!first) {
                if (prevH == null && curH == null) {
                    if (resets ? curF < prevF || isStartTimestampReset(prevSt, prevT, curSt, curT)
                            : curF != prevF && !(Double.isNaN(curF) && Double.isNaN(prevF))) {
                        count++;
                    }
                } else if (prevH == null || curH == null) {
                    count++;
                } else if (resets ? isStartTimestampReset(prevSt, prevT, curSt, curT)
                        || HistogramMath.detectReset(curH, prevH) : !HistogramMath.equal(curH, prevH)) {
                    count++;
                }
            }
            first = false;
            prevF = curF;
            prevH = curH;
            prevT = curT;
            prevSt = curSt;
        }
        ctx.out.add(Labels.EMPTY, ctx.ts, count, false);
    }

    private static int lastAtOrBefore(long[] ts, int n, long t) {
        int found = -1;
        for (int i = 0; i < n && ts[i] <= t; i++) {
            found = i;
        }
        return found;
    }
}
