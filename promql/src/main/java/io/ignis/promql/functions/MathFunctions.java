package io.ignis.promql.functions;

import io.ignis.labels.Labels;
import io.ignis.promql.value.Vector;
import java.util.function.DoubleUnaryOperator;

/**
 * Element-wise functions on instant vectors: math and trigonometry, {@code clamp*}, {@code round}. They drop
 * the metric name (delayed when the engine says so) and skip histogram samples.
 */
final class MathFunctions {
    private MathFunctions() {
    }

    /** A function applying {@code op} to every float sample of the first argument. */
    static FunctionCall simple(DoubleUnaryOperator op) {
        return ctx -> apply(ctx, ctx.vectorArgs[0], op);
    }

    static void apply(FunctionContext ctx, Vector in, DoubleUnaryOperator op) {
        for (int i = 0; i < in.size(); i++) {
            if (in.isHistogram(i)) {
                continue;
            }
            Labels l = in.labels(i);
            if (!ctx.delayedNameRemoval) {
                l = dropName(l);
            }
            ctx.out.add(l, ctx.ts, op.applyAsDouble(in.v(i)), true);
        }
    }

    static Labels dropName(Labels l) {
        if (!l.has(Labels.METRIC_NAME) && !l.has("__type__") && !l.has("__unit__")) {
            return l;
        }
        return l.toBuilder().del(Labels.METRIC_NAME).del("__type__").del("__unit__").build();
    }

    static void clamp(FunctionContext ctx) {
        double min = ctx.scalarArg(1);
        double max = ctx.scalarArg(2);
        if (max < min) {
            return;
        }
        apply(ctx, ctx.vectorArgs[0], v -> Math.max(min, Math.min(max, v)));
    }

    static void clampMin(FunctionContext ctx) {
        double min = ctx.scalarArg(1);
        apply(ctx, ctx.vectorArgs[0], v -> Math.max(min, v));
    }

    static void clampMax(FunctionContext ctx) {
        double max = ctx.scalarArg(1);
        apply(ctx, ctx.vectorArgs[0], v -> Math.min(max, v));
    }

    static void round(FunctionContext ctx) {
        double toNearest = ctx.vectorArgs.length > 1 && ctx.vectorArgs[1] != null && !ctx.vectorArgs[1].isEmpty()
                ? ctx.scalarArg(1) : 1;
        double inverse = 1 / toNearest;
        apply(ctx, ctx.vectorArgs[0], v -> Math.floor(v * inverse + 0.5) / inverse);
    }

    static double sgn(double v) {
        if (v < 0) {
            return -1;
        }
        if (v > 0) {
            return 1;
        }
        return v;
    }

    static double asinh(double x) {
        if (Double.isInfinite(x)) {
            return x;
        }
        double ax = Math.abs(x);
        double r = Math.log(ax + Math.sqrt(ax * ax + 1));
        return x < 0 ? -r : r;
    }

    static double acosh(double x) {
        return Math.log(x + Math.sqrt(x * x - 1));
    }

    static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }
}
