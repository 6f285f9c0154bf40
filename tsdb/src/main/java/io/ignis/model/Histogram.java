package io.ignis.model;

import java.util.Objects;

/**
 * A native histogram with integer counts, bucket counts delta-encoded as in Prometheus's model
 * ({@code positiveDeltas[i]} is the difference to the previous bucket's count). Schema -4…8, or -53
 * for custom buckets, whose bounds are {@code customValues}. The arrays are owned by this value;
 * callers must not change them after construction.
 */
public record Histogram(
        CounterResetHint counterResetHint,
        int schema,
        double zeroThreshold,
        long zeroCount,
        long count,
        double sum,
        Span[] positiveSpans,
        long[] positiveDeltas,
        Span[] negativeSpans,
        long[] negativeDeltas,
        double[] customValues) {

    /** The custom-buckets schema (NHCB). */
    public static final int CUSTOM_BUCKETS_SCHEMA = -53;

    public Histogram {
        Objects.requireNonNull(counterResetHint, "counterResetHint");
        Objects.requireNonNull(positiveSpans, "positiveSpans");
        Objects.requireNonNull(positiveDeltas, "positiveDeltas");
        Objects.requireNonNull(negativeSpans, "negativeSpans");
        Objects.requireNonNull(negativeDeltas, "negativeDeltas");
        Objects.requireNonNull(customValues, "customValues");
    }
}
