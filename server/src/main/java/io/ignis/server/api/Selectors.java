package io.ignis.server.api;

import io.ignis.promql.ast.AggregateExpr;
import io.ignis.promql.ast.BinaryExpr;
import io.ignis.promql.ast.Call;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.MatrixSelector;
import io.ignis.promql.ast.ParenExpr;
import io.ignis.promql.ast.StepInvariantExpr;
import io.ignis.promql.ast.SubqueryExpr;
import io.ignis.promql.ast.UnaryExpr;
import io.ignis.promql.ast.VectorSelector;

/** Whether an expression reads any series, as Prometheus's {@code ExtractSelectors} finding at least one. */
final class Selectors {
    private Selectors() {
    }

    static boolean any(Expr e) {
        if (e == null) {
            return false;
        }
        if (e instanceof VectorSelector || e instanceof MatrixSelector) {
            return true;
        }
        if (e instanceof AggregateExpr a) {
            return any(a.expr()) || any(a.param());
        }
        if (e instanceof BinaryExpr b) {
            return any(b.lhs()) || any(b.rhs());
        }
        if (e instanceof Call c) {
            for (Expr arg : c.args()) {
                if (any(arg)) {
                    return true;
                }
            }
            return false;
        }
        if (e instanceof SubqueryExpr s) {
            return any(s.expr());
        }
        if (e instanceof ParenExpr p) {
            return any(p.expr());
        }
        if (e instanceof UnaryExpr u) {
            return any(u.expr());
        }
        return e instanceof StepInvariantExpr s && any(s.expr());
    }
}
