package io.ignis.scrape;

import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import java.util.Arrays;

/**
 * Lowers the schema of an exponential native histogram, as Prometheus's {@code ReduceResolution}: at schema s a
 * bucket index i covers (2^((i-1)/2^s), 2^(i/2^s)], so going down by d merges each run of 2^d neighbouring buckets
 * into the bucket with index ((i-1) >> d) + 1. Counts are added; spans are rebuilt from the merged indexes. Counts,
 * sum and zero bucket are unchanged.
 */
final class HistogramResolution {
    private HistogramResolution() {
    }

    /**
     * The histogram at {@code targetSchema}. Throws IllegalArgumentException, worded as Prometheus, when the spans
     * do not match the buckets or a span after the first has a negative offset.
     */
    static Histogram reduce(Histogram h, int targetSchema) {
        check(h.schema(), targetSchema);
        Side pos = Side.ofDeltas(h.positiveSpans(), h.positiveDeltas(), h.schema(), targetSchema);
        Side neg = Side.ofDeltas(h.negativeSpans(), h.negativeDeltas(), h.schema(), targetSchema);
        return new Histogram(h.counterResetHint(), targetSchema, h.zeroThreshold(), h.zeroCount(), h.count(),
                h.sum(), pos.spans, pos.deltas, neg.spans, neg.deltas, h.customValues());
    }

    /** As {@link #reduce(Histogram, int)} for absolute float counts. */
    static FloatHistogram reduce(FloatHistogram h, int targetSchema) {
        check(h.schema(), targetSchema);
        Side pos = Side.ofCounts(h.positiveSpans(), h.positiveBuckets(), h.schema(), targetSchema);
        Side neg = Side.ofCounts(h.negativeSpans(), h.negativeBuckets(), h.schema(), targetSchema);
        return new FloatHistogram(h.counterResetHint(), targetSchema, h.zeroThreshold(), h.zeroCount(), h.count(),
                h.sum(), pos.spans, pos.counts, neg.spans, neg.counts, h.customValues());
    }

    /** The bucket index at {@code targetSchema} that absorbs bucket {@code idx} of {@code originSchema}. */
    static int targetIndex(int idx, int originSchema, int targetSchema) {
        return ((idx - 1) >> (originSchema - targetSchema)) + 1;
    }

    private static void check(int schema, int targetSchema) {
        if (schema == Histogram.CUSTOM_BUCKETS_SCHEMA) {
            throw new IllegalArgumentException("cannot reduce resolution when there are custom buckets");
        }
        if (targetSchema == Histogram.CUSTOM_BUCKETS_SCHEMA) {
            throw new IllegalArgumentException("cannot reduce resolution to custom buckets schema");
        }
        if (targetSchema >= schema) {
            throw new IllegalArgumentException(
                    "cannot reduce resolution from schema " + schema + " to " + targetSchema);
        }
    }

    /** One side (positive or negative) of the reduced histogram. */
    private static final class Side {
        Span[] spans;
        long[] deltas;
        double[] counts;

        static Side ofDeltas(Span[] spans, long[] deltas, int schema, int targetSchema) {
            int[] idx = targetIndexes(spans, deltas.length, schema, targetSchema);
            Side s = new Side();
            s.spans = spans(idx);
            long[] sums = new long[countDistinct(idx)];
            long abs = 0;
            int j = -1;
            for (int i = 0; i < idx.length; i++) {
                abs += deltas[i];
                if (i == 0 || idx[i] != idx[i - 1]) {
                    j++;
                }
                sums[j] += abs;
            }
            long prev = 0;
            for (int k = 0; k < sums.length; k++) {
                long a = sums[k];
                sums[k] = a - prev;
                prev = a;
            }
            s.deltas = sums;
            return s;
        }

        static Side ofCounts(Span[] spans, double[] counts, int schema, int targetSchema) {
            int[] idx = targetIndexes(spans, counts.length, schema, targetSchema);
            Side s = new Side();
            s.spans = spans(idx);
            double[] sums = new double[countDistinct(idx)];
            int j = -1;
            for (int i = 0; i < idx.length; i++) {
                if (i == 0 || idx[i] != idx[i - 1]) {
                    j++;
                }
                sums[j] += counts[i];
            }
            s.counts = sums;
            return s;
        }
    }

    /** The target index of every origin bucket, in order; validates the spans against the bucket count. */
    private static int[] targetIndexes(Span[] spans, int buckets, int schema, int targetSchema) {
        int[] out = new int[buckets];
        int idx = 0;
        int n = 0;
        for (int s = 0; s < spans.length; s++) {
            Span span = spans[s];
            if (s > 0 && span.offset() < 0) {
                throw new IllegalArgumentException("span number " + (s + 1) + " with offset " + span.offset()
                        + ": histogram has a span whose offset is negative");
            }
            idx += span.offset();
            for (int k = 0; k < span.length(); k++) {
                if (n >= buckets) {
                    throw new IllegalArgumentException("have " + buckets
                            + " buckets but spans need more: histogram spans specify different number of buckets"
                            + " than provided");
                }
                out[n++] = targetIndex(idx, schema, targetSchema);
                idx++;
            }
        }
        if (n != buckets) {
            throw new IllegalArgumentException("spans need " + n + " buckets, have " + buckets
                    + " buckets: histogram spans specify different number of buckets than provided");
        }
        return out;
    }

    private static int countDistinct(int[] sortedIdx) {
        int d = 0;
        for (int i = 0; i < sortedIdx.length; i++) {
            if (i == 0 || sortedIdx[i] != sortedIdx[i - 1]) {
                d++;
            }
        }
        return d;
    }

    /** Spans over the distinct, non-decreasing indexes: the first offset absolute, later ones the gap. */
    private static Span[] spans(int[] idx) {
        Span[] out = new Span[idx.length];
        int n = 0;
        int start = 0;
        int length = 0;
        int last = 0;
        for (int i = 0; i < idx.length; i++) {
            int t = idx[i];
            if (length > 0 && t == last) {
                continue;
            }
            if (length > 0 && t == last + 1) {
                length++;
            } else {
                if (length > 0) {
                    out[n++] = new Span(start, length);
                }
                start = n == 0 && length == 0 ? t : t - last - 1;
                length = 1;
            }
            last = t;
        }
        if (length > 0) {
            out[n++] = new Span(start, length);
        }
        return Arrays.copyOf(out, n);
    }
}
