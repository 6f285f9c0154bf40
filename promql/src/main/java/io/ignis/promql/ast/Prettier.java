package io.ignis.promql.ast;

import java.util.List;

/**
 * The multi-line form of Prometheus's {@code Prettify}: a node whose single-line form exceeds 100 characters is
 * split, its children indented two spaces per level; shorter nodes stay on one line.
 */
public final class Prettier {
    /** Prometheus's {@code maxCharactersPerLine}. */
    private static final int MAX_CHARACTERS_PER_LINE = 100;

    private Prettier() {
    }

    public static String pretty(Expr expr) {
        return pretty(expr, 0);
    }

    private static String pretty(Expr expr, int level) {
        if (expr instanceof AggregateExpr e) {
            return aggregate(e, level);
        } else if (expr instanceof BinaryExpr e) {
            return binary(e, level);
        } else if (expr instanceof Call e) {
            return call(e, level);
        } else if (expr instanceof DurationExpr e) {
            return duration(e);
        } else if (expr instanceof ParenExpr e) {
            if (!needsSplit(e)) {
                return indent(level) + e;
            }
            return indent(level) + "(\n" + pretty(e.expr(), level + 1) + "\n" + indent(level) + ")";
        } else if (expr instanceof StepInvariantExpr e) {
            return pretty(e.expr(), level);
        } else if (expr instanceof SubqueryExpr e) {
            // As in Prometheus: an unsplit subquery is not indented.
            if (!needsSplit(e)) {
                return e.toString();
            }
            StringBuilder sb = new StringBuilder(pretty(e.expr(), level));
            Printer.writeSubquerySuffix(sb, e);
            return sb.toString();
        } else if (expr instanceof UnaryExpr e) {
            return indent(level) + e.op().symbol() + pretty(e.expr(), level).strip();
        }
        return indent(level) + expr;
    }

    private static String aggregate(AggregateExpr e, int level) {
        if (!needsSplit(e)) {
            return indent(level) + e;
        }
        StringBuilder sb = new StringBuilder(indent(level));
        Printer.writeAggregateHead(sb, e);
        sb.append("(\n");
        if (e.op().hasParam() && e.param() != null) {
            sb.append(pretty(e.param(), level + 1)).append(",\n");
        }
        sb.append(pretty(e.expr(), level + 1)).append('\n').append(indent(level)).append(')');
        return sb.toString();
    }

    private static String binary(BinaryExpr e, int level) {
        if (!needsSplit(e)) {
            return indent(level) + e;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(pretty(e.lhs(), level + 1)).append('\n').append(indent(level)).append(e.op().symbol());
        Printer.writeBinaryModifiers(sb, e);
        sb.append('\n').append(pretty(e.rhs(), level + 1));
        return sb.toString();
    }

    private static String call(Call e, int level) {
        if (!needsSplit(e)) {
            return indent(level) + e;
        }
        StringBuilder sb = new StringBuilder(indent(level)).append(e.function().name()).append("(\n");
        List<Expr> args = e.args();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(",\n");
            }
            sb.append(pretty(args.get(i), level + 1));
        }
        return sb.append('\n').append(indent(level)).append(')').toString();
    }

    /** Duration expressions never split and are never indented, as in Prometheus. */
    private static String duration(DurationExpr e) {
        if (e.op() == DurationOp.STEP || e.op() == DurationOp.RANGE || e.op() == DurationOp.MIN_OF
                || e.op() == DurationOp.MAX_OF) {
            return e.toString();
        }
        String s;
        if (e.lhs() == null) {
            String operand = prettyOperand(e.rhs());
            s = e.op() == DurationOp.ADD ? operand : e.op().symbol() + operand;
        } else {
            s = prettyOperand(e.lhs()) + " " + e.op().symbol() + " " + prettyOperand(e.rhs());
        }
        return e.wrapped() ? "(" + s + ")" : s;
    }

    private static String prettyOperand(Expr operand) {
        return operand instanceof DurationExpr d ? duration(d) : operand.toString();
    }

    private static boolean needsSplit(Expr e) {
        return e.toString().length() > MAX_CHARACTERS_PER_LINE;
    }

    private static String indent(int level) {
        return "  ".repeat(level);
    }
}
