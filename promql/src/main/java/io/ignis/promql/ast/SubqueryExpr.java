package io.ignis.promql.ast;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A subquery {@code expr[range:step] @ t offset d}.
 *
 * @param range              the range as written; zero when {@code rangeExpr} is set
 * @param rangeExpr          the range as a duration expression, or null
 * @param step               the step as written; zero when omitted (use the global evaluation interval) or when
 *                           {@code stepExpr} is set
 * @param stepExpr           the step as a duration expression, or null
 * @param originalOffset     the offset as written, zero when absent; may be negative
 * @param originalOffsetExpr the offset as a duration expression, or null
 * @param at                 the {@code @} modifier, or null
 */
public record SubqueryExpr(Expr expr, Duration range, DurationExpr rangeExpr, Duration step, DurationExpr stepExpr,
                           Duration originalOffset, DurationExpr originalOffsetExpr, AtModifier at,
                           PositionRange positionRange) implements Expr {
    public SubqueryExpr {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(originalOffset, "originalOffset");
    }

    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }

    @Override
    public List<Expr> children() {
        return List.of(expr);
    }

    public boolean hasOffset() {
        return !originalOffset.isZero() || originalOffsetExpr != null;
    }

    public SubqueryExpr withOffset(Duration offset, DurationExpr offsetExpr, PositionRange newRange) {
        return new SubqueryExpr(expr, range, rangeExpr, step, stepExpr, offset, offsetExpr, at, newRange);
    }

    public SubqueryExpr withAt(AtModifier newAt, PositionRange newRange) {
        return new SubqueryExpr(expr, range, rangeExpr, step, stepExpr, originalOffset, originalOffsetExpr, newAt,
                newRange);
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
