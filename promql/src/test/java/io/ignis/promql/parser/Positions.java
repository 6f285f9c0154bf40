package io.ignis.promql.parser;

import io.ignis.labels.Matcher;
import io.ignis.promql.ast.AggregateExpr;
import io.ignis.promql.ast.BinaryExpr;
import io.ignis.promql.ast.Call;
import io.ignis.promql.ast.DurationExpr;
import io.ignis.promql.ast.DurationOp;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.MatrixSelector;
import io.ignis.promql.ast.NumberLiteral;
import io.ignis.promql.ast.ParenExpr;
import io.ignis.promql.ast.PositionRange;
import io.ignis.promql.ast.Printer;
import io.ignis.promql.ast.StepInvariantExpr;
import io.ignis.promql.ast.StringLiteral;
import io.ignis.promql.ast.SubqueryExpr;
import io.ignis.promql.ast.UnaryExpr;
import io.ignis.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Test helper: the same tree with every position unknown, matchers in printing order and unary plus on duration
 * expressions dropped, so trees parsed from a query and from its printed form compare equal.
 */
public final class Positions {
    private static final PositionRange NONE = PositionRange.UNKNOWN;

    private Positions() {
    }

    public static Expr strip(Expr e) {
        if (e == null) {
            return null;
        } else if (e instanceof AggregateExpr a) {
            return new AggregateExpr(a.op(), strip(a.expr()), strip(a.param()), a.grouping(), a.without(), NONE);
        } else if (e instanceof BinaryExpr b) {
            return new BinaryExpr(b.op(), strip(b.lhs()), strip(b.rhs()), b.matching(), b.returnBool());
        } else if (e instanceof Call c) {
            List<Expr> args = new ArrayList<>();
            for (Expr arg : c.args()) {
                args.add(strip(arg));
            }
            return new Call(c.function(), args, NONE);
        } else if (e instanceof DurationExpr d) {
            return duration(d);
        } else if (e instanceof MatrixSelector m) {
            return new MatrixSelector(selector(m.vectorSelector()), m.range(), duration(m.rangeExpr()), NONE);
        } else if (e instanceof NumberLiteral n) {
            return new NumberLiteral(n.value(), n.duration(), NONE);
        } else if (e instanceof ParenExpr p) {
            return new ParenExpr(strip(p.expr()), NONE);
        } else if (e instanceof StepInvariantExpr s) {
            return new StepInvariantExpr(strip(s.expr()));
        } else if (e instanceof StringLiteral s) {
            return new StringLiteral(s.value(), NONE);
        } else if (e instanceof SubqueryExpr s) {
            return new SubqueryExpr(strip(s.expr()), s.range(), duration(s.rangeExpr()), s.step(),
                    duration(s.stepExpr()), s.originalOffset(), duration(s.originalOffsetExpr()), s.at(), NONE);
        } else if (e instanceof UnaryExpr u) {
            return new UnaryExpr(u.op(), strip(u.expr()), NONE);
        } else if (e instanceof VectorSelector v) {
            return selector(v);
        }
        throw new IllegalArgumentException("unknown node " + e.getClass());
    }

    private static VectorSelector selector(VectorSelector v) {
        List<Matcher> matchers = new ArrayList<>(v.matchers());
        matchers.sort(Comparator.comparing(Printer::matcherString));
        return new VectorSelector(v.name(), matchers, v.originalOffset(), duration(v.originalOffsetExpr()), v.at(),
                v.anchored(), v.smoothed(), v.bypassEmptyMatcherCheck(), NONE);
    }

    private static DurationExpr duration(DurationExpr d) {
        if (d == null) {
            return null;
        }
        if (d.op() == DurationOp.ADD && d.lhs() == null && !d.wrapped() && d.rhs() instanceof DurationExpr inner) {
            return duration(inner); // an unwrapped unary plus prints as nothing, as in Prometheus
        }
        return new DurationExpr(d.op(), strip(d.lhs()), strip(d.rhs()), d.wrapped(), NONE);
    }
}
