package io.ignis.promql.ast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code op by|without (grouping) ([param,] expr)}.
 *
 * @param param    the parameter of {@code topk}, {@code bottomk}, {@code quantile}, {@code count_values},
 *                 {@code limitk} and {@code limit_ratio}; null for the others
 * @param grouping the labels of {@code by}/{@code without}; empty when absent
 * @param without  whether {@code grouping} lists the labels to drop
 */
public record AggregateExpr(AggregateOp op, Expr expr, Expr param, List<String> grouping, boolean without,
                            PositionRange positionRange) implements Expr {
    public AggregateExpr {
        grouping = List.copyOf(grouping);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }

    @Override
    public List<Expr> children() {
        List<Expr> children = new ArrayList<>(2);
        if (expr != null) {
            children.add(expr);
        }
        if (param != null) {
            children.add(param);
        }
        return Collections.unmodifiableList(children);
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
