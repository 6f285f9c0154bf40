package io.ignis.promql.ast;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A range vector selector {@code selector[range]}. The selector's {@code @}, offset and anchored/smoothed
 * modifiers are written after the range but stored on {@link #vectorSelector()}.
 *
 * @param range     the range as written; zero when {@code rangeExpr} is set
 * @param rangeExpr the range when written as a duration expression ({@code [2 * step()]}), or null
 */
public record MatrixSelector(VectorSelector vectorSelector, Duration range, DurationExpr rangeExpr,
                             PositionRange positionRange) implements Expr {
    public MatrixSelector {
        Objects.requireNonNull(vectorSelector, "vectorSelector");
        Objects.requireNonNull(range, "range");
    }

    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }

    @Override
    public List<Expr> children() {
        return List.of(vectorSelector);
    }

    public MatrixSelector withVectorSelector(VectorSelector vs, PositionRange range) {
        return new MatrixSelector(vs, this.range, rangeExpr, range);
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
