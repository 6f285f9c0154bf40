package io.ignis.model;

/**
 * A run of consecutive buckets of a native histogram: {@code offset} is the gap from the end of the
 * previous span (or from index 0 for the first), {@code length} the number of buckets in the run.
 */
public record Span(int offset, int length) {
}
