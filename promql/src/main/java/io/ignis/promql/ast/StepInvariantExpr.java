package io.ignis.promql.ast;

import java.util.List;

/**
 * Marks an expression whose value is the same at every step of a range query (e.g. everything under an
 * {@code @} modifier). Never produced by the parser; the engine wraps nodes with it while preparing a query.
 */
public record StepInvariantExpr(Expr expr) implements Expr {
    @Override
    public ValueType type() {
        return expr.type();
    }

    @Override
    public PositionRange positionRange() {
        return expr.positionRange();
    }

    @Override
    public List<Expr> children() {
        return List.of(expr);
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
