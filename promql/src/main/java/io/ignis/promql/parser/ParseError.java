package io.ignis.promql.parser;

import io.ignis.promql.ast.PositionRange;

/** One problem found while building or checking the tree; the first one becomes the {@link ParseException}. */
record ParseError(PositionRange positionRange, String message) {
}
