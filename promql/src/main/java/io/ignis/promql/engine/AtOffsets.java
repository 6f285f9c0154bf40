package io.ignis.promql.engine;

import io.ignis.promql.ast.AggregateExpr;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.MatrixSelector;
import io.ignis.promql.ast.SubqueryExpr;
import io.ignis.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets the effective offset of every selector and subquery under a node so that an {@code @} time is
 * reached from the given evaluation start (Prometheus's setOffsetForAtModifier).
 */
final class AtOffsets {
    private AtOffsets() {
    }

    static void set(QueryContext q, long evalTime, Expr root) {
        walk(q, evalTime, root, new ArrayList<>());
    }

    private static void walk(QueryContext q, long evalTime, Expr e, List<SubqueryExpr> path) {
        if (e instanceof VectorSelector vs) {
            adjust(q, evalTime, q.times(vs), path);
            return;
        }
        if (e instanceof MatrixSelector ms) {
            adjust(q, evalTime, q.times(ms.vectorSelector()), path);
            return;
        }
        if (e instanceof SubqueryExpr sq) {
            adjust(q, evalTime, q.times(sq), path);
            path.add(sq);
            walk(q, evalTime, sq.expr(), path);
            path.remove(path.size() - 1);
            return;
        }
        for (Expr c : e.children()) {
            walk(q, evalTime, c, path);
        }
        if (e instanceof AggregateExpr ae && ae.param() != null
                && !e.children().contains(ae.param())) {
            walk(q, evalTime, ae.param(), path);
        }
    }

    private static void adjust(QueryContext q, long evalTime, SelectorTimes t, List<SubqueryExpr> path) {
        if (t.atMs == null) {
            t.offsetMs = t.originalOffsetMs;
            return;
        }
        long subqOffset = 0;
        Long subqAt = null;
        for (SubqueryExpr sq : path) {
            SelectorTimes st = q.times(sq);
            subqOffset += st.originalOffsetMs;
            if (st.atMs != null) {
                subqOffset = st.originalOffsetMs;
                subqAt = st.atMs;
            }
        }
        if (subqAt != null) {
            subqOffset += evalTime - subqAt;
        }
        long offsetForTs = evalTime - t.atMs;
        t.offsetMs = t.originalOffsetMs + offsetForTs - subqOffset;
    }
}
