package io.ignis.promql.promqltest;

import io.ignis.model.FloatHistogram;
import java.util.Arrays;
import java.util.Map;

/** The runner's value comparisons: Prometheus's {@code almost.Equal} for floats, compacted histograms (§5.4). */
final class Almost {
    static final double EPSILON = 1e-6;
    private static final double MIN_NORMAL = 2.2250738585072014e-308;

    private Almost() {
    }

    static boolean equal(double a, double b) {
        boolean sa = SeriesValues.isStale(a);
        boolean sb = SeriesValues.isStale(b);
        if (sa || sb) {
            return sa && sb;
        }
        if (Double.isNaN(a) && Double.isNaN(b)) {
            return true;
        }
        if (a == b) {
            return true;
        }
        double d = Math.abs(a - b);
        double s = Math.abs(a) + Math.abs(b);
        if (a == 0 || b == 0 || s < MIN_NORMAL) {
            return d < EPSILON * MIN_NORMAL;
        }
        return d / Math.min(s, Double.MAX_VALUE) < EPSILON;
    }

    /** Whether {@code got} matches {@code want}; the hint is compared only when {@code checkHint}. */
    static boolean equal(FloatHistogram want, FloatHistogram got, boolean checkHint) {
        if (want.schema() != got.schema() || !equal(want.count(), got.count()) || !equal(want.sum(), got.sum())
                || !equal(want.zeroCount(), got.zeroCount()) || want.zeroThreshold() != got.zeroThreshold()) {
            return false;
        }
        if (want.schema() == -53 && !Arrays.equals(want.customValues(), got.customValues())) {
            return false;
        }
        if (checkHint && want.counterResetHint() != got.counterResetHint()) {
            return false;
        }
        return sameBuckets(HistogramBuckets.side(want.positiveSpans(), want.positiveBuckets(), true),
                HistogramBuckets.side(got.positiveSpans(), got.positiveBuckets(), true))
                && sameBuckets(HistogramBuckets.side(want.negativeSpans(), want.negativeBuckets(), true),
                HistogramBuckets.side(got.negativeSpans(), got.negativeBuckets(), true));
    }

    private static boolean sameBuckets(Map<Integer, Double> a, Map<Integer, Double> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<Integer, Double> e : a.entrySet()) {
            if (!equal(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
