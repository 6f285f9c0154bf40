package io.ignis.promql.functions;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.labels.MatchType;
import io.ignis.labels.Matcher;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.MatrixSelector;
import io.ignis.promql.ast.ParenExpr;
import io.ignis.promql.ast.StringLiteral;
import io.ignis.promql.ast.VectorSelector;
import io.ignis.promql.value.LabelOrder;
import io.ignis.promql.value.Vector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code absent}, {@code scalar}, {@code vector}, {@code pi} and the ordering functions {@code sort*}. */
public final class VectorFunctions {
    private VectorFunctions() {
    }

    static void absent(FunctionContext ctx) {
        if (!ctx.vectorArgs[0].isEmpty()) {
            return;
        }
        ctx.out.add(absentLabels(ctx.args.get(0)), ctx.ts, 1, false);
    }

    /** The labels of absent()'s output: the equality matchers of a lone selector argument, once each. */
    public static Labels absentLabels(Expr arg) {
        while (arg instanceof ParenExpr p) {
            arg = p.expr();
        }
        VectorSelector vs = null;
        if (arg instanceof VectorSelector v) {
            vs = v;
        } else if (arg instanceof MatrixSelector ms) {
            vs = ms.vectorSelector();
        }
        if (vs == null) {
            return Labels.EMPTY;
        }
        LabelsBuilder b = new LabelsBuilder();
        Set<String> repeated = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (Matcher m : vs.matchers()) {
            if (!seen.add(m.name())) {
                repeated.add(m.name());
            }
        }
        for (Matcher m : vs.matchers()) {
            if (m.type() == MatchType.EQUAL && !m.name().equals(Labels.METRIC_NAME) && !repeated.contains(m.name())) {
                b.set(m.name(), m.value());
            }
        }
        return b.build();
    }

    static void scalar(FunctionContext ctx) {
        Vector in = ctx.vectorArgs[0];
        double v = Double.NaN;
        int floats = 0;
        for (int i = 0; i < in.size(); i++) {
            if (!in.isHistogram(i)) {
                floats++;
                v = in.v(i);
            }
        }
        ctx.out.add(Labels.EMPTY, ctx.ts, floats == 1 ? v : Double.NaN, false);
    }

    static void vector(FunctionContext ctx) {
        ctx.out.add(Labels.EMPTY, ctx.ts, ctx.scalarArg(0), false);
    }

    static void pi(FunctionContext ctx) {
        ctx.out.add(Labels.EMPTY, ctx.ts, Math.PI, false);
    }

    static void sort(FunctionContext ctx, boolean desc) {
        Vector in = ctx.vectorArgs[0];
        int n = in.size();
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> {
            double x = in.v(a);
            double y = in.v(b);
            if (Double.isNaN(x)) {
                return Double.isNaN(y) ? 0 : 1;
            }
            if (Double.isNaN(y)) {
                return -1;
            }
            return desc ? Double.compare(y, x) : Double.compare(x, y);
        });
        for (int i : idx) {
            if (!in.isHistogram(i)) {
                ctx.out.addFrom(in, i);
            }
        }
    }

    static void sortByLabel(FunctionContext ctx, boolean desc) {
        Vector in = ctx.vectorArgs[0];
        int n = in.size();
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        List<String> names = new ArrayList<>();
        for (int k = 1; k < ctx.args.size(); k++) {
            Expr e = ctx.args.get(k);
            while (e instanceof ParenExpr p) {
                e = p.expr();
            }
            names.add(((StringLiteral) e).value());
        }
        Arrays.sort(idx, (a, b) -> {
            for (String name : names) {
                int c = NaturalOrder.compare(in.labels(a).get(name), in.labels(b).get(name));
                if (c != 0) {
                    return desc ? -c : c;
                }
            }
            int c = LabelOrder.compare(in.labels(a), in.labels(b));
            return desc ? -c : c;
        });
        for (int i : idx) {
            ctx.out.addFrom(in, i);
        }
    }
}
