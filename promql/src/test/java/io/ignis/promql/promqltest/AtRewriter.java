package io.ignis.promql.promqltest;

import io.ignis.promql.ast.AggregateExpr;
import io.ignis.promql.ast.AtModifier;
import io.ignis.promql.ast.BinaryExpr;
import io.ignis.promql.ast.Call;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.MatrixSelector;
import io.ignis.promql.ast.ParenExpr;
import io.ignis.promql.ast.SubqueryExpr;
import io.ignis.promql.ast.UnaryExpr;
import io.ignis.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The step-invariance rewrite of the upstream runner (README §5.5): every selector and subquery outside
 * subqueries without a numeric {@code @} gets {@code @ t}. Returns null when the expression calls a
 * function whose value depends on the evaluation time (outside subqueries), as upstream skips those.
 */
final class AtRewriter {
    private static final Set<String> UNSAFE = Set.of("days_in_month", "day_of_month", "day_of_week",
            "day_of_year", "end", "hour", "minute", "month", "year", "predict_linear", "range", "start", "step",
            "time", "timestamp");

    private final AtModifier at;
    private boolean unsafe;

    private AtRewriter(long t) {
        this.at = AtModifier.timestamp(t);
    }

    static Expr rewrite(Expr e, long t) {
        AtRewriter r = new AtRewriter(t);
        Expr out = r.visit(e);
        return r.unsafe ? null : out;
    }

    private boolean hasTimestamp(AtModifier a) {
        return a != null && a.kind() == AtModifier.Kind.TIMESTAMP;
    }

    private Expr visit(Expr e) {
        if (e instanceof VectorSelector vs) {
            return hasTimestamp(vs.at()) ? vs : vs.withAt(at, vs.positionRange());
        }
        if (e instanceof MatrixSelector ms) {
            VectorSelector vs = ms.vectorSelector();
            return hasTimestamp(vs.at()) ? ms : ms.withVectorSelector(vs.withAt(at, vs.positionRange()),
                    ms.positionRange());
        }
        if (e instanceof SubqueryExpr sq) {
            return hasTimestamp(sq.at()) ? sq : sq.withAt(at, sq.positionRange());
        }
        if (e instanceof Call c) {
            unsafe |= UNSAFE.contains(c.function().name());
            return new Call(c.function(), visitAll(c.args()), c.positionRange());
        }
        if (e instanceof BinaryExpr b) {
            return new BinaryExpr(b.op(), visit(b.lhs()), visit(b.rhs()), b.matching(), b.returnBool());
        }
        if (e instanceof AggregateExpr a) {
            return new AggregateExpr(a.op(), visit(a.expr()), a.param() == null ? null : visit(a.param()),
                    a.grouping(), a.without(), a.positionRange());
        }
        if (e instanceof ParenExpr p) {
            return new ParenExpr(visit(p.expr()), p.positionRange());
        }
        if (e instanceof UnaryExpr u) {
            return new UnaryExpr(u.op(), visit(u.expr()), u.positionRange());
        }
        return e;
    }

    private List<Expr> visitAll(List<Expr> es) {
        List<Expr> out = new ArrayList<>(es.size());
        for (Expr e : es) {
            out.add(visit(e));
        }
        return out;
    }
}
