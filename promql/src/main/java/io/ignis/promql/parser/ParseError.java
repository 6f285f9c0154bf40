package io.ignis.promql.parser;

import io.ignis.promql.ast.PositionRange;

/**
 * One problem found while building or checking the tree; the first one becomes the {@link ParseException}.
 *
 * @param afterLookahead Prometheus finds this error only after reading the token that follows the node (the node
 *                       may continue, as an aggregation may be followed by {@code by (...)}), so a lexing error
 *                       in that token is reported first
 */
record ParseError(PositionRange positionRange, String message, boolean afterLookahead) {
    ParseError(PositionRange positionRange, String message) {
        this(positionRange, message, false);
    }
}
