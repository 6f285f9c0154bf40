package io.ignis.promql.ast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Arithmetic on durations inside {@code [...]} and after {@code offset}: {@code [5m * 2]}, {@code offset -step()},
 * {@code [max_of(step(), 1m)]}. Operands are {@link NumberLiteral}s (seconds) or other {@code DurationExpr}s.
 * The engine evaluates it once per query, in seconds, because {@code step()} and {@code range()} depend on the
 * query.
 *
 * @param op       the operator; STEP and RANGE have no operands
 * @param lhs      the left operand; null for unary {@code -x}/{@code +x}, {@code step()} and {@code range()}
 * @param rhs      the right (or only) operand; null for {@code step()} and {@code range()}
 * @param wrapped  whether it was written in parentheses (kept for printing)
 * @param positionRange where it was written
 */
public record DurationExpr(DurationOp op, Expr lhs, Expr rhs, boolean wrapped, PositionRange positionRange)
        implements Expr {

    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }

    @Override
    public List<Expr> children() {
        List<Expr> children = new ArrayList<>(2);
        if (lhs != null) {
            children.add(lhs);
        }
        if (rhs != null) {
            children.add(rhs);
        }
        return Collections.unmodifiableList(children);
    }

    /** The same expression with {@code wrapped} set. */
    public DurationExpr withWrapped(boolean wrapped, PositionRange positionRange) {
        return new DurationExpr(op, lhs, rhs, wrapped, positionRange);
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
