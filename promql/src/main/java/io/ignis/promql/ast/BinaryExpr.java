package io.ignis.promql.ast;

import java.util.List;

/**
 * {@code lhs op rhs}.
 *
 * @param matching   how the two sides' series match; null unless both sides are instant vectors
 * @param returnBool {@code bool} on a comparison: return 0/1 instead of filtering
 */
public record BinaryExpr(BinaryOp op, Expr lhs, Expr rhs, VectorMatching matching, boolean returnBool)
        implements Expr {

    /** Scalar when both sides are scalars, else instant vector. */
    @Override
    public ValueType type() {
        if (lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR) {
            return ValueType.SCALAR;
        }
        return ValueType.VECTOR;
    }

    @Override
    public PositionRange positionRange() {
        return lhs.positionRange().to(rhs.positionRange());
    }

    @Override
    public List<Expr> children() {
        return List.of(lhs, rhs);
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
