package io.ignis.scrape.textparse;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import java.util.Arrays;

/**
 * Collects the {@code _bucket}, {@code _count} and {@code _sum} samples of one classic histogram and converts
 * them to a native histogram with custom buckets (NHCB), with the rules of Prometheus's convertnhcb: buckets
 * sorted by {@code le}, repeated bounds ignored, counts that are not cumulative rejected, a {@code +Inf}
 * bucket added from the count when missing, integer counts giving an integer histogram. Reusable.
 */
final class TempHistogram {
    private double[] bounds = new double[16];
    private double[] counts = new double[16];
    private int size;
    private double count;
    private boolean hasCount;
    private double sum;
    private boolean failed;

    void reset() {
        size = 0;
        count = 0;
        hasCount = false;
        sum = 0;
        failed = false;
    }

    void setBucketCount(double le, double c) {
        if (failed) {
            return;
        }
        if (Double.isNaN(le) || c < 0) {
            failed = true;
            return;
        }
        int i = Arrays.binarySearch(bounds, 0, size, le);
        if (i >= 0) {
            return; // a repeated bound: the first one counts
        }
        i = -i - 1;
        if ((i > 0 && c < counts[i - 1]) || (i < size && c > counts[i])) {
            failed = true; // not cumulative
            return;
        }
        if (size == bounds.length) {
            bounds = Arrays.copyOf(bounds, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        System.arraycopy(bounds, i, bounds, i + 1, size - i);
        System.arraycopy(counts, i, counts, i + 1, size - i);
        bounds[i] = le;
        counts[i] = c;
        size++;
    }

    void setCount(double c) {
        if (c < 0) {
            failed = true;
        }
        count = c;
        hasCount = true;
    }

    void setSum(double s) {
        sum = s;
    }

    /** The NHCB as an integer histogram when every count is integral, else null (then {@link #toFloat}). */
    boolean convertible() {
        if (failed) {
            return false;
        }
        double total = totalCount();
        double last = size > 0 && bounds[size - 1] == Double.POSITIVE_INFINITY ? counts[size - 1] : total;
        return total == last;
    }

    private double totalCount() {
        return hasCount || size == 0 ? count : counts[size - 1];
    }

    /** Bucket counts including a final +Inf bucket. */
    private double[] cumulative() {
        boolean hasInf = size > 0 && bounds[size - 1] == Double.POSITIVE_INFINITY;
        double[] c = Arrays.copyOf(counts, hasInf ? size : size + 1);
        if (!hasInf) {
            c[size] = totalCount();
        }
        return c;
    }

    private double[] customValues(int buckets) {
        return Arrays.copyOf(bounds, buckets - 1); // the +Inf bound is implied
    }

    boolean isInteger() {
        for (double c : cumulative()) {
            if (c != Math.rint(c)) {
                return false;
            }
        }
        return totalCount() == Math.rint(totalCount());
    }

    Histogram toInteger(CounterResetHint hint) {
        double[] c = cumulative();
        long[] abs = new long[c.length];
        long prev = 0;
        for (int k = 0; k < c.length; k++) {
            abs[k] = (long) c[k] - prev;
            prev = (long) c[k];
        }
        int[] index = new int[c.length];
        int kept = compact(abs, null, index, 2);
        long[] deltas = new long[kept];
        long prevAbs = 0;
        for (int k = 0; k < kept; k++) {
            deltas[k] = abs[index[k]] - prevAbs;
            prevAbs = abs[index[k]];
        }
        return new Histogram(hint, Histogram.CUSTOM_BUCKETS_SCHEMA, 0, 0, (long) totalCount(), sum,
                spans(index, kept), deltas, new Span[0], new long[0], customValues(c.length));
    }

    FloatHistogram toFloat(CounterResetHint hint) {
        double[] c = cumulative();
        double[] abs = new double[c.length];
        double prev = 0;
        for (int k = 0; k < c.length; k++) {
            abs[k] = c[k] - prev;
            prev = c[k];
        }
        int[] index = new int[c.length];
        int kept = compact(null, abs, index, 0);
        double[] buckets = new double[kept];
        for (int k = 0; k < kept; k++) {
            buckets[k] = abs[index[k]];
        }
        return new FloatHistogram(hint, Histogram.CUSTOM_BUCKETS_SCHEMA, 0, 0, totalCount(), sum,
                spans(index, kept), buckets, new Span[0], new double[0], customValues(c.length));
    }

    /**
     * Prometheus's Compact(maxEmpty) over buckets 0..n-1 in one span: empty buckets at either end go, and a
     * run of more than {@code maxEmpty} empty buckets inside splits the span. Fills {@code index} with the
     * kept bucket indexes and returns how many.
     */
    private static int compact(long[] ints, double[] floats, int[] index, int maxEmpty) {
        int n = ints != null ? ints.length : floats.length;
        int kept = 0;
        int k = 0;
        while (k < n) {
            if (!isEmpty(ints, floats, k)) {
                index[kept++] = k++;
                continue;
            }
            int run = k;
            while (run < n && isEmpty(ints, floats, run)) {
                run++;
            }
            boolean inside = kept > 0 && run < n;
            if (inside && run - k <= maxEmpty) {
                for (int j = k; j < run; j++) {
                    index[kept++] = j;
                }
            }
            k = run;
        }
        return kept;
    }

    private static boolean isEmpty(long[] ints, double[] floats, int k) {
        return ints != null ? ints[k] == 0 : floats[k] == 0;
    }

    private static Span[] spans(int[] index, int kept) {
        int count = 0;
        for (int k = 0; k < kept; k++) {
            if (k == 0 || index[k] != index[k - 1] + 1) {
                count++;
            }
        }
        Span[] spans = new Span[count];
        int s = -1;
        int end = 0;
        for (int k = 0; k < kept; k++) {
            if (k == 0 || index[k] != index[k - 1] + 1) {
                spans[++s] = new Span(index[k] - end, 1);
            } else {
                spans[s] = new Span(spans[s].offset(), spans[s].length() + 1);
            }
            end = index[k] + 1;
        }
        return spans;
    }
}
