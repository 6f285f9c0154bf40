package io.ignis.promql.engine;

import io.ignis.promql.ast.AggregateExpr;
import io.ignis.promql.ast.AtModifier;
import io.ignis.promql.ast.BinaryExpr;
import io.ignis.promql.ast.Call;
import io.ignis.promql.ast.DurationExpr;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.MatrixSelector;
import io.ignis.promql.ast.NumberLiteral;
import io.ignis.promql.ast.ParenExpr;
import io.ignis.promql.ast.StepInvariantExpr;
import io.ignis.promql.ast.StringLiteral;
import io.ignis.promql.ast.SubqueryExpr;
import io.ignis.promql.ast.UnaryExpr;
import io.ignis.promql.ast.UnaryOp;
import io.ignis.promql.ast.VectorSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Prepares a parsed expression for one query, as Prometheus's PreprocessExpr: folds {@code start() end()
 * range() step()}, evaluates duration expressions, resolves {@code @ start()/end()}, and wraps the largest
 * step-invariant subtrees in {@link StepInvariantExpr}. The AST is immutable, so changed nodes are rebuilt
 * and per-node facts go into an identity map of {@link SelectorTimes}.
 */
final class Preparer {
    /** Functions whose result depends on the evaluation time itself (Prometheus's AtModifierUnsafeFunctions). */
    static final Set<String> AT_MODIFIER_UNSAFE = Set.of("days_in_month", "day_of_month", "day_of_week",
            "day_of_year", "end", "hour", "minute", "month", "year", "predict_linear", "range", "start", "step",
            "time", "timestamp");

    private final long start;
    private final long end;
    private final long step;
    final IdentityHashMap<Expr, SelectorTimes> times = new IdentityHashMap<>();

    private record Prepared(Expr expr, boolean invariant, boolean wrap) {
    }

    Preparer(long start, long end, long step) {
        this.start = start;
        this.end = end;
        this.step = step;
    }

    Expr prepare(Expr e) {
        Prepared p = visit(e);
        return p.wrap ? new StepInvariantExpr(p.expr) : p.expr;
    }

    private Prepared visit(Expr e) {
        if (e instanceof VectorSelector vs) {
            SelectorTimes t = selector(vs);
            return new Prepared(vs, t.atMs != null, t.atMs != null);
        } else if (e instanceof MatrixSelector ms) {
            SelectorTimes t = selector(ms.vectorSelector());
            SelectorTimes mt = new SelectorTimes();
            mt.rangeMs = ms.rangeExpr() != null ? duration(ms.rangeExpr(), false) : millis(ms.range());
            times.put(ms, mt);
            return new Prepared(ms, t.atMs != null, false);
        } else if (e instanceof SubqueryExpr sq) {
            return subquery(sq);
        } else if (e instanceof AggregateExpr ae) {
            Prepared inner = visit(unwrapParens(ae.expr()));
            Expr param = ae.param() == null ? null : prepareParam(unwrapParens(ae.param()));
            AggregateExpr out = new AggregateExpr(ae.op(), inner.expr, param, ae.grouping(), ae.without(),
                    ae.positionRange());
            return new Prepared(out, inner.invariant, inner.wrap);
        } else if (e instanceof BinaryExpr be) {
            Prepared l = visit(be.lhs());
            Prepared r = visit(be.rhs());
            if (l.invariant && r.invariant) {
                return new Prepared(new BinaryExpr(be.op(), l.expr, r.expr, be.matching(), be.returnBool()),
                        true, true);
            }
            Expr le = l.wrap ? new StepInvariantExpr(l.expr) : l.expr;
            Expr re = r.wrap ? new StepInvariantExpr(r.expr) : r.expr;
            return new Prepared(new BinaryExpr(be.op(), le, re, be.matching(), be.returnBool()), false, false);
        } else if (e instanceof Call c) {
            return call(c);
        } else if (e instanceof ParenExpr pe) {
            Prepared inner = visit(pe.expr());
            return new Prepared(new ParenExpr(inner.expr, pe.positionRange()), inner.invariant, inner.wrap);
        } else if (e instanceof UnaryExpr ue) {
            Prepared inner = visit(ue.expr());
            return new Prepared(new UnaryExpr(ue.op(), inner.expr, ue.positionRange()), inner.invariant, inner.wrap);
        } else if (e instanceof StringLiteral || e instanceof NumberLiteral) {
            return new Prepared(e, true, false);
        } else if (e instanceof StepInvariantExpr si) {
            return visit(si.expr());
        } else if (e instanceof DurationExpr d) {
            return new Prepared(new NumberLiteral(durationSeconds(d), d.positionRange()), true, false);
        }
        throw new IllegalStateException("bug: unknown expression " + e);
    }

    /** An aggregation parameter is evaluated on its own; it is prepared but never makes the parent invariant. */
    private Expr prepareParam(Expr param) {
        Prepared p = visit(param);
        return p.wrap ? new StepInvariantExpr(p.expr) : p.expr;
    }

    private Prepared call(Call c) {
        switch (c.function().name()) {
            case "start" -> {
                return new Prepared(new NumberLiteral(start / 1000.0, c.positionRange()), true, false);
            }
            case "end" -> {
                return new Prepared(new NumberLiteral(end / 1000.0, c.positionRange()), true, false);
            }
            case "range" -> {
                return new Prepared(new NumberLiteral((end - start) / 1000.0, c.positionRange()), true, false);
            }
            case "step" -> {
                return new Prepared(new NumberLiteral(start == end ? 0 : step / 1000.0, c.positionRange()), true,
                        false);
            }
            default -> {
            }
        }
        boolean invariant = !AT_MODIFIER_UNSAFE.contains(c.function().name());
        boolean timestampSafe = c.function().name().equals("timestamp");
        List<Prepared> args = new ArrayList<>(c.args().size());
        for (Expr a : c.args()) {
            Prepared p = visit(unwrapParens(a));
            args.add(p);
            invariant &= p.invariant;
            if (!p.invariant || !(p.expr instanceof VectorSelector)) {
                timestampSafe = false;
            }
        }
        List<Expr> raw = new ArrayList<>(args.size());
        for (Prepared p : args) {
            raw.add(p.expr);
        }
        if (invariant || timestampSafe) {
            return new Prepared(new Call(c.function(), raw, c.positionRange()), true, true);
        }
        List<Expr> wrapped = new ArrayList<>(args.size());
        for (Prepared p : args) {
            wrapped.add(p.wrap ? new StepInvariantExpr(p.expr) : p.expr);
        }
        return new Prepared(new Call(c.function(), wrapped, c.positionRange()), false, false);
    }

    private Prepared subquery(SubqueryExpr sq) {
        Prepared inner = visit(sq.expr());
        Expr innerExpr = inner.invariant ? new StepInvariantExpr(inner.expr) : inner.expr;
        SubqueryExpr out = new SubqueryExpr(innerExpr, sq.range(), sq.rangeExpr(), sq.step(), sq.stepExpr(),
                sq.originalOffset(), sq.originalOffsetExpr(), sq.at(), sq.positionRange());
        SelectorTimes t = new SelectorTimes();
        t.originalOffsetMs = sq.originalOffsetExpr() != null ? duration(sq.originalOffsetExpr(), true)
                : millis(sq.originalOffset());
        t.offsetMs = t.originalOffsetMs;
        t.rangeMs = sq.rangeExpr() != null ? duration(sq.rangeExpr(), false) : millis(sq.range());
        t.stepMs = sq.stepExpr() != null ? duration(sq.stepExpr(), false) : millis(sq.step());
        t.atMs = at(sq.at());
        times.put(out, t);
        return new Prepared(out, t.atMs != null, false);
    }

    private SelectorTimes selector(VectorSelector vs) {
        SelectorTimes t = times.get(vs);
        if (t == null) {
            t = new SelectorTimes();
            t.originalOffsetMs = vs.originalOffsetExpr() != null ? duration(vs.originalOffsetExpr(), true)
                    : millis(vs.originalOffset());
            t.offsetMs = t.originalOffsetMs;
            t.atMs = at(vs.at());
            times.put(vs, t);
        }
        return t;
    }

    private Long at(AtModifier at) {
        if (at == null) {
            return null;
        }
        return switch (at.kind()) {
            case TIMESTAMP -> at.timestampMillis();
            case START -> start;
            case END -> end;
        };
    }

    static Expr unwrapParens(Expr e) {
        while (e instanceof ParenExpr p) {
            e = p.expr();
        }
        return e;
    }

    private static long millis(Duration d) {
        return d.toMillis();
    }

    private long duration(Expr e, boolean allowNegative) {
        double secs = durationSeconds(e);
        if (Double.isNaN(secs) || Double.isInfinite(secs)) {
            throw new PromqlException(pos(e) + ": duration is NaN or infinite");
        }
        if (secs <= 0 && !allowNegative) {
            throw new PromqlException(pos(e) + ": duration must be greater than 0");
        }
        if (secs > 9.223372036854776e9 || secs < -9.223372036854776e9) {
            throw new PromqlException(pos(e) + ": duration is out of range");
        }
        return (long) (secs * 1000);
    }

    private static String pos(Expr e) {
        return e.positionRange().start() + ":" + e.positionRange().end();
    }

    private double durationSeconds(Expr e) {
        if (e instanceof NumberLiteral n) {
            return n.value();
        }
        if (e instanceof ParenExpr p) {
            return durationSeconds(p.expr());
        }
        if (e instanceof UnaryExpr u) {
            double v = durationSeconds(u.expr());
            return u.op() == UnaryOp.SUB ? -v : v;
        }
        if (!(e instanceof DurationExpr d)) {
            throw new PromqlException("unexpected duration expression type " + e.getClass().getSimpleName());
        }
        double lhs = d.lhs() == null ? 0 : durationSeconds(d.lhs());
        double rhs = d.rhs() == null ? 0 : durationSeconds(d.rhs());
        return switch (d.op()) {
            case STEP -> start == end ? 0 : step / 1000.0;
            case RANGE -> (end - start) / 1000.0;
            case MIN_OF -> Math.min(lhs, rhs);
            case MAX_OF -> Math.max(lhs, rhs);
            case ADD -> d.lhs() == null ? rhs : lhs + rhs;
            case SUB -> d.lhs() == null ? -rhs : lhs - rhs;
            case MUL -> lhs * rhs;
            case DIV -> {
                if (rhs == 0) {
                    throw new PromqlException(pos(e) + ": division by zero");
                }
                yield lhs / rhs;
            }
            case MOD -> {
                if (rhs == 0) {
                    throw new PromqlException(pos(e) + ": modulo by zero");
                }
                yield lhs % rhs;
            }
            case POW -> Math.pow(lhs, rhs);
        };
    }
}
