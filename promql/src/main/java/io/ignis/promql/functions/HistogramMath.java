package io.ignis.promql.functions;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Span;
import io.ignis.promql.ast.GoFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The read-only native-histogram operations the float engine needs: equality, counter-reset detection
 * and Go's {@code String()} rendering (used by {@code count_values}). Histogram arithmetic is not here.
 */
public final class HistogramMath {
    private HistogramMath() {
    }

    /** Non-zero buckets of one side, index → count. */
    static TreeMap<Integer, Double> buckets(Span[] spans, double[] counts, boolean dropZeros) {
        TreeMap<Integer, Double> out = new TreeMap<>();
        int idx = 0;
        int b = 0;
        for (Span s : spans) {
            idx += s.offset();
            for (int j = 0; j < s.length(); j++, idx++, b++) {
                if (!dropZeros || counts[b] != 0) {
                    out.put(idx, counts[b]);
                }
            }
        }
        return out;
    }

    /** Prometheus's FloatHistogram.Equals over compacted forms (zero buckets ignored). */
    public static boolean equal(FloatHistogram a, FloatHistogram b) {
        if (a.schema() != b.schema() || a.zeroThreshold() != b.zeroThreshold() || a.zeroCount() != b.zeroCount()
                || a.count() != b.count() || Double.doubleToLongBits(a.sum()) != Double.doubleToLongBits(b.sum())
                && !(a.sum() == b.sum())) {
            return false;
        }
        if (a.schema() == -53 && !Arrays.equals(a.customValues(), b.customValues())) {
            return false;
        }
        return buckets(a.positiveSpans(), a.positiveBuckets(), true)
                .equals(buckets(b.positiveSpans(), b.positiveBuckets(), true))
                && buckets(a.negativeSpans(), a.negativeBuckets(), true)
                .equals(buckets(b.negativeSpans(), b.negativeBuckets(), true));
    }

    /** Whether {@code cur} is a counter reset relative to {@code prev} (FloatHistogram.DetectReset). */
    public static boolean detectReset(FloatHistogram cur, FloatHistogram prev) {
        if (cur.counterResetHint() == CounterResetHint.COUNTER_RESET) {
            return true;
        }
        if (cur.counterResetHint() == CounterResetHint.NOT_COUNTER_RESET) {
            return false;
        }
        if (cur.count() < prev.count()) {
            return true;
        }
        if (cur.schema() == -53) {
            if (prev.schema() != -53) {
                return true;
            }
            if (!Arrays.equals(cur.customValues(), prev.customValues())) {
                return resetWithMismatchedBounds(cur, prev);
            }
        }
        if (cur.schema() > prev.schema() || cur.zeroThreshold() < prev.zeroThreshold()) {
            return true;
        }
        if (cur.zeroCount() < prev.zeroCount()) {
            return true;
        }
        int delta = prev.schema() == -53 ? 0 : prev.schema() - cur.schema();
        return sideReset(reduce(buckets(prev.positiveSpans(), prev.positiveBuckets(), true), delta),
                reduce(buckets(cur.positiveSpans(), cur.positiveBuckets(), false), 0))
                || sideReset(reduce(buckets(prev.negativeSpans(), prev.negativeBuckets(), true), delta),
                reduce(buckets(cur.negativeSpans(), cur.negativeBuckets(), false), 0));
    }

    /** Compares the cumulative counts at the bounds both layouts share (detectResetWithMismatchedCustomBounds). */
    private static boolean resetWithMismatchedBounds(FloatHistogram cur, FloatHistogram prev) {
        double[] a = cur.customValues();
        double[] b = prev.customValues();
        List<Double> common = new ArrayList<>();
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] == b[j]) {
                common.add(a[i]);
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        double[] curRolled = rollUp(cur, common);
        double[] prevRolled = rollUp(prev, common);
        for (int k = 0; k < curRolled.length; k++) {
            if (curRolled[k] < prevRolled[k]) {
                return true;
            }
        }
        return false;
    }

    /** Counts of the buckets between consecutive shared bounds (the last one up to +Inf). */
    private static double[] rollUp(FloatHistogram h, List<Double> bounds) {
        double[] out = new double[bounds.size() + 1];
        double[] cv = h.customValues();
        for (Map.Entry<Integer, Double> e : buckets(h.positiveSpans(), h.positiveBuckets(), false).entrySet()) {
            double upper = e.getKey() < cv.length ? cv[e.getKey()] : Double.POSITIVE_INFINITY;
            int k = 0;
            while (k < bounds.size() && bounds.get(k) < upper) {
                k++;
            }
            out[k] += e.getValue();
        }
        return out;
    }

    private static TreeMap<Integer, Double> reduce(TreeMap<Integer, Double> m, int delta) {
        if (delta <= 0) {
            return m;
        }
        TreeMap<Integer, Double> out = new TreeMap<>();
        for (Map.Entry<Integer, Double> e : m.entrySet()) {
            out.merge(((e.getKey() - 1) >> delta) + 1, e.getValue(), Double::sum);
        }
        return out;
    }

    private static boolean sideReset(TreeMap<Integer, Double> prev, TreeMap<Integer, Double> cur) {
        for (Map.Entry<Integer, Double> e : prev.entrySet()) {
            Double c = cur.get(e.getKey());
            if (c == null || c < e.getValue()) {
                return true;
            }
        }
        return false;
    }

    /** Go's FloatHistogram.String(): {@code {count:20, sum:10, [-2,-1):2, [-0.001,0.001]:2, (0.5,1]:1}}. */
    public static String toGoString(FloatHistogram h) {
        StringBuilder sb = new StringBuilder("{count:").append(GoFormat.formatFloatV(h.count()))
                .append(", sum:").append(GoFormat.formatFloatV(h.sum()));
        TreeMap<Integer, Double> neg = buckets(h.negativeSpans(), h.negativeBuckets(), true);
        for (Map.Entry<Integer, Double> e : neg.descendingMap().entrySet()) {
            double upper = bound(e.getKey(), h);
            double lower = bound(e.getKey() - 1, h);
            sb.append(", [").append(GoFormat.formatFloatV(-upper)).append(',').append(GoFormat.formatFloatV(-lower))
                    .append("):").append(GoFormat.formatFloatV(e.getValue()));
        }
        if (h.zeroCount() != 0) {
            sb.append(", [").append(GoFormat.formatFloatV(-h.zeroThreshold())).append(',')
                    .append(GoFormat.formatFloatV(h.zeroThreshold())).append("]:")
                    .append(GoFormat.formatFloatV(h.zeroCount()));
        }
        TreeMap<Integer, Double> pos = buckets(h.positiveSpans(), h.positiveBuckets(), true);
        for (Map.Entry<Integer, Double> e : pos.entrySet()) {
            double upper = bound(e.getKey(), h);
            double lower = bound(e.getKey() - 1, h);
            sb.append(", (").append(GoFormat.formatFloatV(lower)).append(',').append(GoFormat.formatFloatV(upper))
                    .append("]:").append(GoFormat.formatFloatV(e.getValue()));
        }
        return sb.append('}').toString();
    }

    /** One bucket: bounds, inclusiveness is implied by the side, and its count. */
    record Bucket(double lower, double upper, double count) {
    }

    /** All buckets in ascending order (negative, zero, positive), as FloatHistogram.AllBucketIterator. */
    static List<Bucket> allBuckets(FloatHistogram h) {
        List<Bucket> out = new ArrayList<>();
        TreeMap<Integer, Double> neg = buckets(h.negativeSpans(), h.negativeBuckets(), false);
        for (Map.Entry<Integer, Double> e : neg.descendingMap().entrySet()) {
            double lower = -bound(e.getKey(), h);
            double upper = -bound(e.getKey() - 1, h);
            if (upper < 0 && upper > -h.zeroThreshold()) {
                upper = -h.zeroThreshold();
            }
            out.add(new Bucket(lower, upper, e.getValue()));
        }
        if (h.zeroCount() > 0) {
            out.add(new Bucket(-h.zeroThreshold(), h.zeroThreshold(), h.zeroCount()));
        }
        TreeMap<Integer, Double> pos = buckets(h.positiveSpans(), h.positiveBuckets(), false);
        for (Map.Entry<Integer, Double> e : pos.entrySet()) {
            double lower = bound(e.getKey() - 1, h);
            double upper = bound(e.getKey(), h);
            if (h.schema() != -53 && lower > 0 && lower < h.zeroThreshold()) {
                lower = h.zeroThreshold();
            }
            out.add(new Bucket(lower, upper, e.getValue()));
        }
        return out;
    }

    /** Upper bound of bucket {@code idx}. */
    static double bound(int idx, FloatHistogram h) {
        if (h.schema() == -53) {
            double[] cv = h.customValues();
            if (idx < 0) {
                return Double.NEGATIVE_INFINITY;
            }
            return idx < cv.length ? cv[idx] : Double.POSITIVE_INFINITY;
        }
        if (h.schema() <= 0) {
            return Math.scalb(1.0, idx << -h.schema());
        }
        return Math.pow(2, idx / Math.pow(2, h.schema()));
    }
}
