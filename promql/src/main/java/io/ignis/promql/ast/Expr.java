package io.ignis.promql.ast;

import java.util.List;

/**
 * A PromQL expression. Nodes are immutable records; {@code toString()} prints the canonical single-line form
 * (Prometheus's {@code String()}), which parses back to an equal tree apart from positions.
 */
public sealed interface Expr permits AggregateExpr, BinaryExpr, Call, DurationExpr, MatrixSelector, NumberLiteral,
        ParenExpr, StepInvariantExpr, StringLiteral, SubqueryExpr, UnaryExpr, VectorSelector {

    /** The type this expression evaluates to; computed without in-depth checks (the parser did those). */
    ValueType type();

    /** The part of the query this node was parsed from. */
    PositionRange positionRange();

    /** The direct children in evaluation order (duration expressions of modifiers are not children). */
    List<Expr> children();
}
