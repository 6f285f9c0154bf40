package io.ignis.promql.ast;

/**
 * Where a node sits in the query string: byte offsets into the UTF-8 query, start inclusive, end exclusive,
 * as Prometheus's {@code posrange.PositionRange}. Negative offsets mean "unknown".
 */
public record PositionRange(int start, int end) {
    /** The range of nodes the parser did not build from the query text. */
    public static final PositionRange UNKNOWN = new PositionRange(-1, -1);

    /** From this range's start to {@code last}'s end. */
    public PositionRange to(PositionRange last) {
        return new PositionRange(start, last.end);
    }
}
