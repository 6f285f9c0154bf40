package io.ignis.scrape.textparse;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.scrape.textparse.proto.BucketSpan;
import java.util.List;

/**
 * Converts the native part of a protobuf Histogram into our model, compacted as Prometheus's
 * {@code Compact(0)} does after scraping: empty buckets dropped, adjacent spans merged, so every span holds
 * only non-empty buckets. Allocates the result; native histograms are rare next to float samples.
 */
final class NativeHistograms {
    private NativeHistograms() {
    }

    /** Whether the message carries a native histogram, as Prometheus's isNativeHistogram decides. */
    static boolean isNative(io.ignis.scrape.textparse.proto.Histogram h) {
        return h.getPositiveSpanCount() > 0 || h.getNegativeSpanCount() > 0 || h.getZeroThreshold() > 0
                || h.getZeroCount() > 0;
    }

    /** Whether the counts are floats: then {@link #toFloatHistogram}, else {@link #toHistogram}. */
    static boolean isFloat(io.ignis.scrape.textparse.proto.Histogram h) {
        return h.getSampleCountFloat() > 0 || h.getZeroCountFloat() > 0;
    }

    /** Prometheus's checkNativeHistogramConsistency; null when consistent, else the error text. */
    static String inconsistency(io.ignis.scrape.textparse.proto.Histogram h) {
        boolean isFloat = isFloat(h);
        String pos = checkSpans("positive", h.getPositiveSpanList(),
                isFloat ? h.getPositiveCountCount() : h.getPositiveDeltaCount());
        return pos != null ? pos : checkSpans("negative", h.getNegativeSpanList(),
                isFloat ? h.getNegativeCountCount() : h.getNegativeDeltaCount());
    }

    private static String checkSpans(String side, List<BucketSpan> spans, int buckets) {
        long total = 0;
        for (BucketSpan s : spans) {
            total += Integer.toUnsignedLong(s.getLength());
        }
        return total == buckets ? null : side + " side: spans require " + total + " buckets, have " + buckets;
    }

    static Histogram toHistogram(io.ignis.scrape.textparse.proto.Histogram h, CounterResetHint hint) {
        Compacted pos = compactDeltas(h.getPositiveSpanList(), h.getPositiveDeltaList());
        Compacted neg = compactDeltas(h.getNegativeSpanList(), h.getNegativeDeltaList());
        return new Histogram(hint, h.getSchema(), h.getZeroThreshold(), h.getZeroCount(), h.getSampleCount(),
                h.getSampleSum(), pos.spans, pos.deltas, neg.spans, neg.deltas, new double[0]);
    }

    static FloatHistogram toFloatHistogram(io.ignis.scrape.textparse.proto.Histogram h, CounterResetHint hint) {
        Compacted pos = compactCounts(h.getPositiveSpanList(), h.getPositiveCountList());
        Compacted neg = compactCounts(h.getNegativeSpanList(), h.getNegativeCountList());
        return new FloatHistogram(hint, h.getSchema(), h.getZeroThreshold(), h.getZeroCountFloat(),
                h.getSampleCountFloat(), h.getSampleSum(), pos.spans, pos.counts, neg.spans, neg.counts,
                new double[0]);
    }

    private record Compacted(Span[] spans, long[] deltas, double[] counts) {
    }

    private static Compacted compactDeltas(List<BucketSpan> spans, List<Long> deltas) {
        int n = deltas.size();
        long[] abs = new long[n];
        long cur = 0;
        for (int k = 0; k < n; k++) {
            cur += deltas.get(k);
            abs[k] = cur;
        }
        int[] index = absoluteIndexes(spans, n);
        int kept = 0;
        for (int k = 0; k < n; k++) {
            if (abs[k] != 0) {
                kept++;
            }
        }
        long[] out = new long[kept];
        int[] outIndex = new int[kept];
        long prev = 0;
        for (int k = 0, j = 0; k < n; k++) {
            if (abs[k] != 0) {
                out[j] = abs[k] - prev;
                prev = abs[k];
                outIndex[j++] = index[k];
            }
        }
        return new Compacted(spansOf(outIndex), out, null);
    }

    private static Compacted compactCounts(List<BucketSpan> spans, List<Double> counts) {
        int n = counts.size();
        int[] index = absoluteIndexes(spans, n);
        int kept = 0;
        for (int k = 0; k < n; k++) {
            if (counts.get(k) != 0) {
                kept++;
            }
        }
        double[] out = new double[kept];
        int[] outIndex = new int[kept];
        for (int k = 0, j = 0; k < n; k++) {
            double c = counts.get(k);
            if (c != 0) {
                out[j] = c;
                outIndex[j++] = index[k];
            }
        }
        return new Compacted(spansOf(outIndex), null, out);
    }

    /** The bucket index of each of the {@code n} buckets the spans describe (checked consistent before). */
    private static int[] absoluteIndexes(List<BucketSpan> spans, int n) {
        int[] index = new int[n];
        int k = 0;
        int next = 0;
        for (BucketSpan s : spans) {
            int at = next + s.getOffset();
            for (int j = 0; j < s.getLength() && k < n; j++) {
                index[k++] = at++;
            }
            next = at;
        }
        return index;
    }

    private static Span[] spansOf(int[] index) {
        int count = 0;
        for (int k = 0; k < index.length; k++) {
            if (k == 0 || index[k] != index[k - 1] + 1) {
                count++;
            }
        }
        Span[] spans = new Span[count];
        int s = -1;
        int end = 0;
        for (int k = 0; k < index.length; k++) {
            if (k == 0 || index[k] != index[k - 1] + 1) {
                spans[++s] = new Span(k == 0 ? index[k] : index[k] - end, 1);
            } else {
                spans[s] = new Span(spans[s].offset(), spans[s].length() + 1);
            }
            end = index[k] + 1;
        }
        return spans;
    }
}
