package io.ignis.promql.parser;

import io.ignis.promql.ast.AtModifier;
import io.ignis.promql.ast.DurationExpr;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.MatrixSelector;
import io.ignis.promql.ast.NumberLiteral;
import io.ignis.promql.ast.PositionRange;
import io.ignis.promql.ast.SubqueryExpr;
import io.ignis.promql.ast.VectorSelector;
import io.ignis.promql.parser.generated.PromQLParser;
import io.ignis.promql.parser.generated.PromQLParser.AtModifierContext;
import java.time.Duration;

/**
 * The postfix modifiers {@code offset}, {@code @}, {@code anchored} and {@code smoothed}: which nodes accept
 * them and Prometheus's errors when one is misplaced or repeated. Modifiers after a range selector are stored
 * on its vector selector.
 */
final class Modifiers {
    private Modifiers() {
    }

    static Expr offset(AstBuilder ast, Expr base, Expr offset, int end) {
        Duration literal = offset instanceof NumberLiteral n ? GoMath.secondsToDuration(n.value()) : Duration.ZERO;
        DurationExpr expr = offset instanceof DurationExpr d ? d : null;
        if (base instanceof VectorSelector vs) {
            if (vs.hasOffset()) {
                ast.error(base.positionRange(), "offset may not be set multiple times");
                return base;
            }
            return vs.withOffset(literal, expr, new PositionRange(vs.positionRange().start(), end));
        } else if (base instanceof MatrixSelector ms) {
            if (ms.vectorSelector().hasOffset()) {
                ast.error(base.positionRange(), "offset may not be set multiple times");
                return base;
            }
            VectorSelector vs = ms.vectorSelector().withOffset(literal, expr, ms.vectorSelector().positionRange());
            return ms.withVectorSelector(vs, new PositionRange(ms.positionRange().start(), end));
        } else if (base instanceof SubqueryExpr sq) {
            if (sq.hasOffset()) {
                ast.error(base.positionRange(), "offset may not be set multiple times");
                return base;
            }
            return sq.withOffset(literal, expr, new PositionRange(sq.positionRange().start(), end));
        }
        ast.error(base.positionRange(), "offset modifier must be preceded by an instant vector selector or range "
                + "vector selector or a subquery");
        return base;
    }

    static Expr at(AstBuilder ast, Expr base, AtModifierContext c, int end) {
        AtModifier at;
        if (c.START() != null || c.END() != null) {
            at = AstBuilder.startOrEnd(c.start);
        } else {
            double ts = ast.numberLiteral(c.numberDurationLiteral()).value();
            if (c.sign != null && c.sign.getType() == PromQLParser.SUB) {
                ts = -ts;
            }
            if (Double.isNaN(ts) || Double.isInfinite(ts) || ts >= 0x1p63 || ts <= -0x1p63) {
                ast.error(base.positionRange(), "timestamp out of bounds for @ modifier: " + GoMath.formatF(ts));
            }
            at = AtModifier.timestamp((long) GoMath.round(ts * 1000));
        }
        AtModifier existing;
        if (base instanceof VectorSelector vs) {
            existing = vs.at();
        } else if (base instanceof MatrixSelector ms) {
            existing = ms.vectorSelector().at();
        } else if (base instanceof SubqueryExpr sq) {
            existing = sq.at();
        } else {
            ast.error(base.positionRange(), "@ modifier must be preceded by an instant vector selector or range "
                    + "vector selector or a subquery");
            return base;
        }
        if (existing != null) {
            ast.error(base.positionRange(), "@ <timestamp> may not be set multiple times");
            return base;
        }
        if (base instanceof VectorSelector vs) {
            return vs.withAt(at, new PositionRange(vs.positionRange().start(), end));
        } else if (base instanceof MatrixSelector ms) {
            VectorSelector vs = ms.vectorSelector().withAt(at, ms.vectorSelector().positionRange());
            return ms.withVectorSelector(vs, new PositionRange(ms.positionRange().start(), end));
        }
        SubqueryExpr sq = (SubqueryExpr) base;
        return sq.withAt(at, new PositionRange(sq.positionRange().start(), end));
    }

    static Expr anchoredOrSmoothed(AstBuilder ast, Expr base, boolean anchored, boolean enabled) {
        String name = anchored ? "anchored" : "smoothed";
        if (!enabled) {
            ast.error(base.positionRange(), name + " modifier is experimental and not enabled");
            return base;
        }
        VectorSelector vs;
        if (base instanceof VectorSelector v) {
            vs = v;
        } else if (base instanceof MatrixSelector ms) {
            vs = ms.vectorSelector();
        } else if (base instanceof SubqueryExpr) {
            ast.error(base.positionRange(), name + " modifier is not supported for subqueries");
            return base;
        } else {
            ast.error(base.positionRange(), name + " modifier not implemented");
            return base;
        }
        if (anchored ? vs.smoothed() : vs.anchored()) {
            ast.error(base.positionRange(), "anchored and smoothed modifiers cannot be used together");
        }
        VectorSelector marked = vs.withAnchored(anchored || vs.anchored(), !anchored || vs.smoothed(),
                vs.positionRange());
        if (base instanceof MatrixSelector ms) {
            return ms.withVectorSelector(marked, ms.positionRange());
        }
        return marked;
    }
}
