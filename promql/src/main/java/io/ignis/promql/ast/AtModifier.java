package io.ignis.promql.ast;

/**
 * The {@code @} modifier of a selector or subquery: a fixed timestamp, or the query's {@code start()} or
 * {@code end()}.
 *
 * @param kind            which form was written
 * @param timestampMillis the timestamp in milliseconds since the epoch; 0 unless {@code kind} is TIMESTAMP
 */
public record AtModifier(Kind kind, long timestampMillis) {
    public static final AtModifier START = new AtModifier(Kind.START, 0);
    public static final AtModifier END = new AtModifier(Kind.END, 0);

    public enum Kind { TIMESTAMP, START, END }

    public static AtModifier timestamp(long timestampMillis) {
        return new AtModifier(Kind.TIMESTAMP, timestampMillis);
    }
}
