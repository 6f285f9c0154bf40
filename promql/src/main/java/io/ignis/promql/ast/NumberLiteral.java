package io.ignis.promql.ast;

import java.util.List;

/**
 * A number. {@code duration} is set when it was written as a duration ({@code 5m} is 300 seconds) so the
 * printer writes it back as one.
 */
public record NumberLiteral(double value, boolean duration, PositionRange positionRange) implements Expr {
    public NumberLiteral(double value, PositionRange positionRange) {
        this(value, false, positionRange);
    }

    @Override
    public ValueType type() {
        return ValueType.SCALAR;
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
