package io.ignis.tsdb.chunkenc;

import io.ignis.model.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges exponential buckets down to a coarser schema, as Prometheus's {@code reduceResolution}: bucket
 * {@code i} of schema {@code s} falls into bucket {@code ((i - 1) >> (s - t)) + 1} of schema {@code t}.
 * Readers use it for schemas 9..52, which Prometheus reserves and reads at schema 8.
 */
final class ResolutionReducer {
    /** The finest schema readers hand out. */
    static final int MAX_SCHEMA = 8;

    /** The target spans, and for each source bucket the position of the target bucket it merges into. */
    record Mapping(Span[] spans, int[] position, int size) {
    }

    private ResolutionReducer() {
    }

    static boolean needsReduction(int schema) {
        return schema > MAX_SCHEMA && schema <= 52;
    }

    static Mapping map(Span[] spans, int origin, int target) {
        List<Span> out = new ArrayList<>();
        int[] position = new int[HistogramLayout.countBuckets(spans)];
        int n = 0;
        int idx = 0;
        int k = 0;
        int last = 0;
        for (Span span : spans) {
            idx += span.offset();
            for (int j = 0; j < span.length(); j++, idx++, k++) {
                int t = ((idx - 1) >> (origin - target)) + 1;
                if (n > 0 && t == last) {
                    position[k] = n - 1;
                    continue;
                }
                if (n > 0 && t == last + 1) {
                    Span cur = out.remove(out.size() - 1);
                    out.add(new Span(cur.offset(), cur.length() + 1));
                } else {
                    out.add(new Span(n == 0 ? t : t - last - 1, 1));
                }
                position[k] = n++;
                last = t;
            }
        }
        return new Mapping(out.toArray(HistogramLayout.NO_SPANS), position, n);
    }

    /** Model deltas at the target schema from model deltas at the origin. */
    static long[] reduceDeltas(Mapping m, long[] deltas) {
        long[] sums = new long[m.size()];
        long count = 0;
        for (int k = 0; k < deltas.length; k++) {
            count += deltas[k];
            sums[m.position()[k]] += count;
        }
        long prev = 0;
        for (int i = 0; i < sums.length; i++) {
            long c = sums[i];
            sums[i] = c - prev;
            prev = c;
        }
        return sums;
    }

    static double[] reduceCounts(Mapping m, double[] counts) {
        double[] sums = new double[m.size()];
        for (int k = 0; k < counts.length; k++) {
            sums[m.position()[k]] += counts[k];
        }
        return sums;
    }
}
