package io.ignis.tsdb.chunkenc;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.model.StaleNaN;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Builders for test histograms and a comparison that ignores how empty buckets are laid out. */
final class HistogramSamples {
    static final double STALE_NAN = StaleNaN.VALUE;
    static final Span[] NO_SPANS = new Span[0];

    private HistogramSamples() {
    }

    /** Spans from pairs: offset, length, offset, length, ... */
    static Span[] spans(int... offsetLength) {
        Span[] s = new Span[offsetLength.length / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = new Span(offsetLength[2 * i], offsetLength[2 * i + 1]);
        }
        return s;
    }

    /** A counter histogram with absolute positive bucket counts (converted to the model's deltas). */
    static Histogram h(int schema, long zeroCount, double sum, Span[] ps, long... counts) {
        long count = zeroCount;
        for (long c : counts) {
            count += c;
        }
        double zt = schema == -53 ? 0 : Math.scalb(1.0, -128);
        return new Histogram(CounterResetHint.UNKNOWN, schema, zt, zeroCount, count, sum, ps, deltas(counts), NO_SPANS,
                new long[0], new double[0]);
    }

    static long[] deltas(long[] counts) {
        long[] d = new long[counts.length];
        long prev = 0;
        for (int i = 0; i < counts.length; i++) {
            d[i] = counts[i] - prev;
            prev = counts[i];
        }
        return d;
    }

    static Histogram withHint(Histogram h, CounterResetHint hint) {
        return new Histogram(hint, h.schema(), h.zeroThreshold(), h.zeroCount(), h.count(), h.sum(),
                h.positiveSpans(), h.positiveDeltas(), h.negativeSpans(), h.negativeDeltas(), h.customValues());
    }

    static Histogram withNegative(Histogram h, Span[] ns, long... counts) {
        long count = h.count();
        for (long c : counts) {
            count += c;
        }
        return new Histogram(h.counterResetHint(), h.schema(), h.zeroThreshold(), h.zeroCount(), count, h.sum(),
                h.positiveSpans(), h.positiveDeltas(), ns, deltas(counts), h.customValues());
    }

    static Histogram withLayout(Histogram h, double zeroThreshold, double[] customValues) {
        return new Histogram(h.counterResetHint(), h.schema(), zeroThreshold, h.zeroCount(), h.count(), h.sum(),
                h.positiveSpans(), h.positiveDeltas(), h.negativeSpans(), h.negativeDeltas(), customValues);
    }

    static FloatHistogram toFloat(Histogram h) {
        return new FloatHistogram(h.counterResetHint(), h.schema(), h.zeroThreshold(), h.zeroCount(), h.count(),
                h.sum(), h.positiveSpans(), absolute(h.positiveDeltas()), h.negativeSpans(),
                absolute(h.negativeDeltas()), h.customValues());
    }

    static double[] absolute(long[] deltas) {
        double[] out = new double[deltas.length];
        long c = 0;
        for (int i = 0; i < deltas.length; i++) {
            c += deltas[i];
            out[i] = c;
        }
        return out;
    }

    /** Bucket index to count, without empty buckets. */
    static TreeMap<Integer, Double> buckets(Span[] spans, double[] counts) {
        TreeMap<Integer, Double> m = new TreeMap<>();
        int idx = 0;
        int k = 0;
        for (int s = 0; s < spans.length; s++) {
            idx += spans[s].offset();
            for (int j = 0; j < spans[s].length(); j++, idx++, k++) {
                if (counts[k] != 0) {
                    m.put(idx, counts[k]);
                }
            }
        }
        return m;
    }

    /** A readable form that is equal for equal histograms however their empty buckets are laid out. */
    static String describe(FloatHistogram h) {
        if (StaleNaN.is(h.sum())) {
            return "stale";
        }
        List<Double> custom = new ArrayList<>();
        for (double c : h.customValues()) {
            custom.add(c);
        }
        return "schema=" + h.schema() + " zt=" + h.zeroThreshold() + " count=" + h.count() + " zero="
                + h.zeroCount() + " sum=" + h.sum() + " pos=" + buckets(h.positiveSpans(), h.positiveBuckets())
                + " neg=" + buckets(h.negativeSpans(), h.negativeBuckets()) + " custom=" + custom;
    }

    static String describe(Histogram h) {
        return describe(toFloat(h));
    }

    static void assertSame(FloatHistogram got, FloatHistogram want) {
        assertThat(describe(got)).isEqualTo(describe(want));
        assertThat(got.positiveBuckets()).hasSize(countBuckets(got.positiveSpans()));
        assertThat(got.negativeBuckets()).hasSize(countBuckets(got.negativeSpans()));
    }

    static int countBuckets(Span[] spans) {
        int n = 0;
        for (Span s : spans) {
            n += s.length();
        }
        return n;
    }
}
