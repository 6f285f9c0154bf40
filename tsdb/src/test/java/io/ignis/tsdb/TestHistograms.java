package io.ignis.tsdb;

import io.ignis.labels.Matcher;
import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.model.StaleNaN;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.storage.SeriesSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test histograms, and reading a querier's samples of every kind as comparable strings. */
final class TestHistograms {
    static final double STALE_NAN = StaleNaN.VALUE;
    private static final Span[] NONE = new Span[0];

    private TestHistograms() {
    }

    /** A counter histogram, schema {@code schema}, one span from bucket 0 with absolute {@code counts}. */
    static Histogram h(int schema, double sum, long... counts) {
        return h(CounterResetHint.UNKNOWN, schema, sum, counts);
    }

    static Histogram h(CounterResetHint hint, int schema, double sum, long... counts) {
        long count = 0;
        long[] deltas = new long[counts.length];
        long prev = 0;
        for (int i = 0; i < counts.length; i++) {
            count += counts[i];
            deltas[i] = counts[i] - prev;
            prev = counts[i];
        }
        boolean custom = schema == Histogram.CUSTOM_BUCKETS_SCHEMA;
        double[] bounds = new double[custom ? counts.length : 0];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = 0.25 * (i + 1);
        }
        Span[] spans = counts.length == 0 ? NONE : new Span[] {new Span(0, counts.length)};
        return new Histogram(hint, schema, custom ? 0 : 0.001, 0, count, sum, spans, deltas, NONE, new long[0],
                bounds);
    }

    /** The same histogram with float counts. */
    static FloatHistogram f(Histogram h) {
        double[] buckets = new double[h.positiveDeltas().length];
        long acc = 0;
        for (int i = 0; i < buckets.length; i++) {
            acc += h.positiveDeltas()[i];
            buckets[i] = acc;
        }
        return new FloatHistogram(h.counterResetHint(), h.schema(), h.zeroThreshold(), h.zeroCount(), h.count(),
                h.sum(), h.positiveSpans(), buckets, h.negativeSpans(), new double[0], h.customValues());
    }

    /**
     * A comparable rendering without the counter-reset hint (readers derive it from the chunk) and without empty
     * buckets (a recoded chunk adds them to earlier samples), as {@code index:count} pairs.
     */
    static String describe(Histogram h) {
        if (StaleNaN.is(h.sum())) {
            return "H{stale}";
        }
        return "H{schema=" + h.schema() + " zt=" + h.zeroThreshold() + " zc=" + h.zeroCount() + " count=" + h.count()
                + " sum=" + h.sum() + " pos=" + buckets(h.positiveSpans(), toDoubles(absolute(h))) + " custom="
                + Arrays.toString(h.customValues()) + "}";
    }

    static String describe(FloatHistogram h) {
        if (StaleNaN.is(h.sum())) {
            return "FH{stale}";
        }
        return "FH{schema=" + h.schema() + " zt=" + h.zeroThreshold() + " zc=" + h.zeroCount() + " count="
                + h.count() + " sum=" + h.sum() + " pos=" + Arrays.toString(h.positiveSpans())
                + Arrays.toString(h.positiveBuckets()) + " neg=" + Arrays.toString(h.negativeSpans())
                + " custom=" + Arrays.toString(h.customValues()) + "}";
    }

    private static String buckets(Span[] spans, double[] counts) {
        StringBuilder b = new StringBuilder("[");
        int idx = 0;
        int k = 0;
        for (Span sp : spans) {
            idx += sp.offset();
            for (int j = 0; j < sp.length(); j++, idx++, k++) {
                if (counts[k] != 0) {
                    b.append(b.length() > 1 ? " " : "").append(idx).append(':').append(counts[k]);
                }
            }
        }
        return b.append(']').toString();
    }

    private static double[] toDoubles(long[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static long[] absolute(Histogram h) {
        long[] out = new long[h.positiveDeltas().length];
        long acc = 0;
        for (int i = 0; i < out.length; i++) {
            acc += h.positiveDeltas()[i];
            out[i] = acc;
        }
        return out;
    }

    static String sample(long t, Histogram h) {
        return t + "=" + describe(h);
    }

    static String sample(long t, FloatHistogram h) {
        return t + "=" + describe(h);
    }

    static String sample(long t, double v) {
        return t + "=" + (StaleNaN.is(v) ? "stale" : Double.toString(v));
    }

    /** Every series' samples, rendered by {@link #sample}; series in label order. */
    static Map<String, List<String>> read(Querier q, Matcher... ms) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        SeriesSet set = q.select(true, null, ms);
        SampleIterator it = null;
        while (set.next()) {
            List<String> l = new ArrayList<>();
            it = set.at().iterator(it);
            for (SampleType st = it.next(); st != SampleType.NONE; st = it.next()) {
                l.add(switch (st) {
                    case FLOAT -> sample(it.atT(), it.atV());
                    case HISTOGRAM -> sample(it.atT(), it.atHistogram());
                    case FLOAT_HISTOGRAM -> sample(it.atT(), it.atFloatHistogram());
                    default -> throw new AssertionError(st);
                });
            }
            out.put(set.at().labels().toString(), l);
        }
        return out;
    }
}
