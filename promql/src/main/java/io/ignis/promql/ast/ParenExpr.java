package io.ignis.promql.ast;

import java.util.List;

/** An expression in parentheses, kept so printing preserves the grouping. */
public record ParenExpr(Expr expr, PositionRange positionRange) implements Expr {
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
