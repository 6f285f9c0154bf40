package io.ignis.tsdb;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.model.StaleNaN;
import java.util.Arrays;

/**
 * What the head needs to know about histogram values: Prometheus's {@code Equals} (used to tell an identical
 * re-sent sample from a conflicting duplicate) and its staleness markers, a histogram whose sum is the stale NaN.
 */
final class HistogramValues {
    private static final Span[] NO_SPANS = new Span[0];
    /** As Prometheus commits a float staleness marker for a series whose last sample is an integer histogram. */
    static final Histogram STALE_HISTOGRAM = new Histogram(CounterResetHint.UNKNOWN, 0, 0, 0, 0,
            StaleNaN.VALUE, NO_SPANS, new long[0], NO_SPANS, new long[0], new double[0]);
    /** As {@link #STALE_HISTOGRAM} for a float histogram series. */
    static final FloatHistogram STALE_FLOAT_HISTOGRAM = new FloatHistogram(CounterResetHint.UNKNOWN, 0, 0, 0, 0,
            StaleNaN.VALUE, NO_SPANS, new double[0], NO_SPANS, new double[0],
            new double[0]);

    private HistogramValues() {
    }

    /**
     * Prometheus's {@code Histogram.Equals}: the same schema, zero bucket, count, sum (bit for bit, so stale
     * markers equal each other), spans, buckets and custom bounds; the counter-reset hint is ignored.
     */
    static boolean equal(Histogram a, Histogram b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        return a.schema() == b.schema() && sameBits(a.zeroThreshold(), b.zeroThreshold())
                && a.zeroCount() == b.zeroCount() && a.count() == b.count() && sameBits(a.sum(), b.sum())
                && Arrays.equals(a.positiveSpans(), b.positiveSpans())
                && Arrays.equals(a.negativeSpans(), b.negativeSpans())
                && Arrays.equals(a.positiveDeltas(), b.positiveDeltas())
                && Arrays.equals(a.negativeDeltas(), b.negativeDeltas())
                && Arrays.equals(a.customValues(), b.customValues());
    }

    /** As {@link #equal(Histogram, Histogram)} for float histograms, bucket values compared bit for bit. */
    static boolean equal(FloatHistogram a, FloatHistogram b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        return a.schema() == b.schema() && sameBits(a.zeroThreshold(), b.zeroThreshold())
                && sameBits(a.zeroCount(), b.zeroCount()) && sameBits(a.count(), b.count())
                && sameBits(a.sum(), b.sum())
                && Arrays.equals(a.positiveSpans(), b.positiveSpans())
                && Arrays.equals(a.negativeSpans(), b.negativeSpans())
                && Arrays.equals(a.positiveBuckets(), b.positiveBuckets())
                && Arrays.equals(a.negativeBuckets(), b.negativeBuckets())
                && Arrays.equals(a.customValues(), b.customValues());
    }

    /** {@code h} with float counts, as Prometheus's {@code ToFloat}: bucket deltas summed into absolute counts. */
    static FloatHistogram toFloat(Histogram h) {
        return new FloatHistogram(h.counterResetHint(), h.schema(), h.zeroThreshold(), h.zeroCount(), h.count(),
                h.sum(), h.positiveSpans(), absolute(h.positiveDeltas()), h.negativeSpans(),
                absolute(h.negativeDeltas()), h.customValues());
    }

    private static double[] absolute(long[] deltas) {
        double[] out = new double[deltas.length];
        double current = 0;
        for (int i = 0; i < deltas.length; i++) {
            current += deltas[i];
            out[i] = current;
        }
        return out;
    }

    private static boolean sameBits(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }
}
