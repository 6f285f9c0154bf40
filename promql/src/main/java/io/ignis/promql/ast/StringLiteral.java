package io.ignis.promql.ast;

import java.util.List;

/** A string, already unquoted. */
public record StringLiteral(String value, PositionRange positionRange) implements Expr {
    @Override
    public ValueType type() {
        return ValueType.STRING;
    }

    @Override
    public List<Expr> children() {
        return List.of();
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
