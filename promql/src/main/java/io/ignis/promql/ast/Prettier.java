package io.ignis.promql.ast;

import java.util.List;

/**
 * The multi-line form of Prometheus's {@code Prettify}: a node whose single-line form exceeds 100 characters is
 * split, its children indented two spaces per level; shorter nodes stay on one line.
 */
public final class Prettier {
    /** Prometheus's {@code maxCharactersPerLine}. */
    private static final int MAX_CHARACTERS_PER_LINE = 100;

    private final int maxCharactersPerLine;

    private Prettier(int maxCharactersPerLine) {
        this.maxCharactersPerLine = maxCharactersPerLine;
    }

    public static String pretty(Expr expr) {
        return new Prettier(MAX_CHARACTERS_PER_LINE).prettyAt(expr, 0);
    }

    /** With another line limit; Prometheus's tests use 10 so that short queries split. */
    public static String pretty(Expr expr, int maxCharactersPerLine) {
        return new Prettier(maxCharactersPerLine).prettyAt(expr, 0);
    }

    private String prettyAt(Expr expr, int level) {
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
            return indent(level) + "(\n" + prettyAt(e.expr(), level + 1) + "\n" + indent(level) + ")";
        } else if (expr instanceof StepInvariantExpr e) {
            return prettyAt(e.expr(), level);
        } else if (expr instanceof SubqueryExpr e) {
            // As in Prometheus: an unsplit subquery is not indented.
            if (!needsSplit(e)) {
                return e.toString();
            }
            StringBuilder sb = new StringBuilder(prettyAt(e.expr(), level));
            Printer.writeSubquerySuffix(sb, e);
            return sb.toString();
        } else if (expr instanceof UnaryExpr e) {
            return indent(level) + e.op().symbol() + prettyAt(e.expr(), level).strip();
        }
        return indent(level) + expr;
    }

    private String aggregate(AggregateExpr e, int level) {
        if (!needsSplit(e)) {
            return indent(level) + e;
        }
        StringBuilder sb = new StringBuilder(indent(level));
        Printer.writeAggregateHead(sb, e);
        sb.append("(\n");
        if (e.op().hasParam() && e.param() != null) {
            sb.append(prettyAt(e.param(), level + 1)).append(",\n");
        }
        sb.append(prettyAt(e.expr(), level + 1)).append('\n').append(indent(level)).append(')');
        return sb.toString();
    }

    private String binary(BinaryExpr e, int level) {
        if (!needsSplit(e)) {
            return indent(level) + e;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(prettyAt(e.lhs(), level + 1)).append('\n').append(indent(level)).append(e.op().symbol());
        Printer.writeBinaryModifiers(sb, e);
        sb.append('\n').append(prettyAt(e.rhs(), level + 1));
        return sb.toString();
    }

    private String call(Call e, int level) {
        if (!needsSplit(e)) {
            return indent(level) + e;
        }
        StringBuilder sb = new StringBuilder(indent(level)).append(e.function().name()).append("(\n");
        List<Expr> args = e.args();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(",\n");
            }
            sb.append(prettyAt(args.get(i), level + 1));
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

    private boolean needsSplit(Expr e) {
        return e.toString().length() > maxCharactersPerLine;
    }

    private static String indent(int level) {
        return "  ".repeat(level);
    }
}
