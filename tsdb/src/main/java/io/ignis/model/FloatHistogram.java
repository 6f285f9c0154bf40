package io.ignis.model;

import java.util.Objects;

/**
 * A native histogram with float counts, buckets as absolute counts (not deltas), as produced by
 * PromQL functions and by float-histogram chunks. Arrays are owned by this value.
 */
public record FloatHistogram(
        CounterResetHint counterResetHint,
        int schema,
        double zeroThreshold,
        double zeroCount,
        double count,
        double sum,
        Span[] positiveSpans,
        double[] positiveBuckets,
        Span[] negativeSpans,
        double[] negativeBuckets,
        double[] customValues) {

    public FloatHistogram {
        Objects.requireNonNull(counterResetHint, "counterResetHint");
        Objects.requireNonNull(positiveSpans, "positiveSpans");
        Objects.requireNonNull(positiveBuckets, "positiveBuckets");
        Objects.requireNonNull(negativeSpans, "negativeSpans");
        Objects.requireNonNull(negativeBuckets, "negativeBuckets");
        Objects.requireNonNull(customValues, "customValues");
    }
}
