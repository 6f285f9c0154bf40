package io.ignis.promql.ast;

import java.util.List;

/**
 * {@code -expr} or {@code +expr} on a scalar or instant vector. A sign before a number literal is folded into
 * the {@link NumberLiteral} instead, as Prometheus does.
 */
public record UnaryExpr(UnaryOp op, Expr expr, PositionRange positionRange) implements Expr {
    @Override
    public ValueType type() {
        return expr.type();
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
