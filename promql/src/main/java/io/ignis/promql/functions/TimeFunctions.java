package io.ignis.promql.functions;

import io.ignis.labels.Labels;
import io.ignis.promql.value.Vector;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.function.ToDoubleFunction;

/** {@code time}, {@code timestamp} and the calendar functions (UTC), as Prometheus's dateWrapper. */
final class TimeFunctions {
    private TimeFunctions() {
    }

    static void time(FunctionContext ctx) {
        ctx.out.add(Labels.EMPTY, ctx.ts, ctx.ts / 1000.0, false);
    }

    static void timestamp(FunctionContext ctx) {
        Vector in = ctx.vectorArgs[0];
        for (int i = 0; i < in.size(); i++) {
            Labels l = ctx.delayedNameRemoval ? in.labels(i) : MathFunctions.dropName(in.labels(i));
            ctx.out.add(l, ctx.ts, in.t(i) / 1000.0, true);
        }
    }

    /** start_timestamp(): the start timestamps the evaluator propagated for a plain selector argument. */
    static void startTimestamp(FunctionContext ctx) {
        Vector in = ctx.vectorArgs[0];
        if (ctx.startTimestamps == null) {
            return;
        }
        for (int i = 0; i < in.size(); i++) {
            Labels l = ctx.delayedNameRemoval ? in.labels(i) : MathFunctions.dropName(in.labels(i));
            ctx.out.add(l, ctx.ts, ctx.startTimestamps[i] / 1000.0, true);
        }
    }

    static FunctionCall date(ToDoubleFunction<ZonedDateTime> f) {
        return ctx -> {
            if (ctx.vectorArgs.length == 0) {
                ctx.out.add(Labels.EMPTY, ctx.ts, f.applyAsDouble(at(Math.floorDiv(ctx.ts, 1000))), false);
                return;
            }
            Vector in = ctx.vectorArgs[0];
            for (int i = 0; i < in.size(); i++) {
                if (in.isHistogram(i)) {
                    continue;
                }
                double v = in.v(i);
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    // Go converts such values to the minimum int64; mirror by using that instant.
                    v = -9.223372036854775808e18;
                }
                Labels l = ctx.delayedNameRemoval ? in.labels(i) : MathFunctions.dropName(in.labels(i));
                ctx.out.add(l, ctx.ts, f.applyAsDouble(at((long) v)), true);
            }
        };
    }

    private static ZonedDateTime at(long epochSeconds) {
        long clamped = Math.max(Instant.MIN.getEpochSecond(), Math.min(Instant.MAX.getEpochSecond(), epochSeconds));
        return Instant.ofEpochSecond(clamped).atZone(ZoneOffset.UTC);
    }

    static double daysInMonth(ZonedDateTime t) {
        return t.toLocalDate().lengthOfMonth();
    }
}
