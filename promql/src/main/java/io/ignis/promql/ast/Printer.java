package io.ignis.promql.ast;

import io.ignis.labels.MatchType;
import io.ignis.labels.Matcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The canonical single-line form of an expression, character for character as Prometheus's {@code String()}:
 * selectors' matchers sorted, {@code __name__} folded into the metric name, durations normalised ({@code 90m}
 * prints as {@code 1h30m}). The conformance runner and {@code /api/v1/format_query} depend on the exact text.
 */
public final class Printer {
    private Printer() {
    }

    public static String print(Expr expr) {
        StringBuilder sb = new StringBuilder();
        write(sb, expr);
        return sb.toString();
    }

    static void write(StringBuilder sb, Expr expr) {
        if (expr instanceof AggregateExpr e) {
            writeAggregate(sb, e);
        } else if (expr instanceof BinaryExpr e) {
            write(sb, e.lhs());
            sb.append(' ').append(e.op().symbol());
            writeBinaryModifiers(sb, e);
            sb.append(' ');
            write(sb, e.rhs());
        } else if (expr instanceof Call e) {
            sb.append(e.function().name()).append('(');
            writeList(sb, e.args());
            sb.append(')');
        } else if (expr instanceof DurationExpr e) {
            writeDuration(sb, e);
        } else if (expr instanceof MatrixSelector e) {
            writeMatrix(sb, e);
        } else if (expr instanceof NumberLiteral e) {
            writeNumber(sb, e);
        } else if (expr instanceof ParenExpr e) {
            sb.append('(');
            write(sb, e.expr());
            sb.append(')');
        } else if (expr instanceof StepInvariantExpr e) {
            write(sb, e.expr());
        } else if (expr instanceof StringLiteral e) {
            GoFormat.appendQuoted(sb, e.value());
        } else if (expr instanceof SubqueryExpr e) {
            write(sb, e.expr());
            writeSubquerySuffix(sb, e);
        } else if (expr instanceof UnaryExpr e) {
            sb.append(e.op().symbol());
            write(sb, e.expr());
        } else if (expr instanceof VectorSelector e) {
            writeSelector(sb, e, true);
        } else {
            throw new IllegalStateException("bug: unknown node " + expr.getClass());
        }
    }

    private static void writeList(StringBuilder sb, List<Expr> exprs) {
        for (int i = 0; i < exprs.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            write(sb, exprs.get(i));
        }
    }

    private static void writeAggregate(StringBuilder sb, AggregateExpr e) {
        writeAggregateHead(sb, e);
        sb.append('(');
        if (e.op().hasParam() && e.param() != null) {
            write(sb, e.param());
            sb.append(", ");
        }
        if (e.expr() != null) {
            write(sb, e.expr());
        }
        sb.append(')');
    }

    /** {@code sum by (job) }: the operator and its grouping, Prometheus's {@code ShortString()}. */
    static void writeAggregateHead(StringBuilder sb, AggregateExpr e) {
        sb.append(e.op().keyword());
        if (e.without()) {
            sb.append(" without (");
            writeLabels(sb, e.grouping());
            sb.append(") ");
        } else if (!e.grouping().isEmpty()) {
            sb.append(" by (");
            writeLabels(sb, e.grouping());
            sb.append(") ");
        }
    }

    static void writeLabels(StringBuilder sb, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            String name = names.get(i);
            if (isLegacyLabelName(name)) {
                sb.append(name);
            } else {
                GoFormat.appendQuoted(sb, name);
            }
        }
    }

    /** {@code [a-zA-Z_][a-zA-Z0-9_]*}: the names that need no quotes. */
    public static boolean isLegacyLabelName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code bool}, {@code on/ignoring}, {@code group_left/right} and fill modifiers, each with a leading space. */
    static void writeBinaryModifiers(StringBuilder sb, BinaryExpr e) {
        if (e.returnBool()) {
            sb.append(" bool");
        }
        VectorMatching vm = e.matching();
        if (vm == null) {
            return;
        }
        boolean grouped = vm.card() == VectorMatchCardinality.MANY_TO_ONE
                || vm.card() == VectorMatchCardinality.ONE_TO_MANY;
        if (!vm.matchingLabels().isEmpty() || vm.on() || grouped) {
            sb.append(vm.on() ? " on (" : " ignoring (");
            writeLabels(sb, vm.matchingLabels());
            sb.append(')');
        }
        if (grouped) {
            sb.append(vm.card() == VectorMatchCardinality.MANY_TO_ONE ? " group_left (" : " group_right (");
            writeLabels(sb, vm.include());
            sb.append(')');
        }
        FillValues fill = vm.fill();
        if (fill.lhs() != null && fill.rhs() != null && fill.lhs().doubleValue() == fill.rhs().doubleValue()) {
            sb.append(" fill (").append(GoFormat.formatFloatV(fill.lhs())).append(')');
        } else {
            if (fill.lhs() != null) {
                sb.append(" fill_left (").append(GoFormat.formatFloatV(fill.lhs())).append(')');
            }
            if (fill.rhs() != null) {
                sb.append(" fill_right (").append(GoFormat.formatFloatV(fill.rhs())).append(')');
            }
        }
    }

    static void writeDuration(StringBuilder sb, DurationExpr e) {
        if (e.wrapped()) {
            sb.append('(');
        }
        switch (e.op()) {
            case STEP -> sb.append("step()");
            case RANGE -> sb.append("range()");
            case MIN_OF, MAX_OF -> {
                sb.append(e.op().symbol()).append('(');
                write(sb, e.lhs());
                sb.append(", ");
                write(sb, e.rhs());
                sb.append(')');
            }
            default -> {
                if (e.lhs() == null) {
                    if (e.op() == DurationOp.SUB) {
                        sb.append('-');
                    }
                    write(sb, e.rhs());
                } else {
                    write(sb, e.lhs());
                    sb.append(' ').append(e.op().symbol()).append(' ');
                    write(sb, e.rhs());
                }
            }
        }
        if (e.wrapped()) {
            sb.append(')');
        }
    }

    private static void writeNumber(StringBuilder sb, NumberLiteral e) {
        if (!e.duration()) {
            sb.append(GoFormat.formatFloat(e.value()));
            return;
        }
        double v = e.value();
        if (v < 0) {
            sb.append('-');
            v = -v;
        }
        long nanos = (long) (v * 1e9);
        sb.append(GoFormat.formatDurationMillis(nanos / 1_000_000));
    }

    private static void writeSelector(StringBuilder sb, VectorSelector vs, boolean withModifiers) {
        List<String> parts = new ArrayList<>(vs.matchers().size());
        for (Matcher m : vs.matchers()) {
            if (m.name().equals("__name__") && m.type() == MatchType.EQUAL && m.value().equals(vs.name())
                    && !m.value().isEmpty()) {
                continue;
            }
            parts.add(matcherString(m));
        }
        sb.append(vs.name());
        if (!parts.isEmpty()) {
            Collections.sort(parts);
            sb.append('{').append(String.join(",", parts)).append('}');
        }
        if (withModifiers) {
            writeAt(sb, vs.at());
            if (vs.anchored()) {
                sb.append(" anchored");
            } else if (vs.smoothed()) {
                sb.append(" smoothed");
            }
            writeOffset(sb, vs.originalOffset(), vs.originalOffsetExpr());
        }
    }

    /** A matcher as Prometheus's {@code labels.Matcher.String()}: the name quoted unless a legacy name. */
    public static String matcherString(Matcher m) {
        StringBuilder sb = new StringBuilder();
        if (isLegacyLabelName(m.name())) {
            sb.append(m.name());
        } else {
            GoFormat.appendQuoted(sb, m.name());
        }
        sb.append(m.type().symbol());
        GoFormat.appendQuoted(sb, m.value());
        return sb.toString();
    }

    private static void writeAt(StringBuilder sb, AtModifier at) {
        if (at == null) {
            return;
        }
        switch (at.kind()) {
            case TIMESTAMP -> sb.append(" @ ").append(GoFormat.formatAtSeconds(at.timestampMillis()));
            case START -> sb.append(" @ start()");
            case END -> sb.append(" @ end()");
            default -> throw new IllegalStateException("bug: " + at);
        }
    }

    private static void writeOffset(StringBuilder sb, Duration offset, DurationExpr offsetExpr) {
        if (offsetExpr != null) {
            sb.append(" offset ");
            writeDuration(sb, offsetExpr);
        } else if (offset.isNegative()) {
            sb.append(" offset -").append(GoFormat.formatDuration(offset.negated()));
        } else if (!offset.isZero()) {
            sb.append(" offset ").append(GoFormat.formatDuration(offset));
        }
    }

    private static void writeMatrix(StringBuilder sb, MatrixSelector e) {
        VectorSelector vs = e.vectorSelector();
        writeSelector(sb, vs, false);
        sb.append('[');
        writeRange(sb, e.range(), e.rangeExpr());
        sb.append(']');
        if (vs.anchored()) {
            sb.append(" anchored");
        } else if (vs.smoothed()) {
            sb.append(" smoothed");
        }
        writeAt(sb, vs.at());
        writeOffset(sb, vs.originalOffset(), vs.originalOffsetExpr());
    }

    private static void writeRange(StringBuilder sb, Duration range, DurationExpr rangeExpr) {
        if (rangeExpr != null) {
            writeDuration(sb, rangeExpr);
        } else {
            sb.append(GoFormat.formatDuration(range));
        }
    }

    /** {@code [range:step] @ t offset d}, Prometheus's {@code getSubqueryTimeSuffix()}. */
    static void writeSubquerySuffix(StringBuilder sb, SubqueryExpr e) {
        sb.append('[');
        writeRange(sb, e.range(), e.rangeExpr());
        sb.append(':');
        if (!e.step().isZero()) {
            sb.append(GoFormat.formatDuration(e.step()));
        } else if (e.stepExpr() != null) {
            writeDuration(sb, e.stepExpr());
        }
        sb.append(']');
        writeAt(sb, e.at());
        writeOffset(sb, e.originalOffset(), e.originalOffsetExpr());
    }
}
