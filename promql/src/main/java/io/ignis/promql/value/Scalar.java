package io.ignis.promql.value;

/** A single float not associated with any series, at evaluation time {@code t} (ms). */
public record Scalar(long t, double v) implements Value {
}
