package io.ignis.promql.functions;

import io.ignis.labels.Labels;
import io.ignis.model.FloatHistogram;
import io.ignis.promql.value.Vector;
import java.util.function.ToDoubleFunction;

/** {@code histogram_count/sum/avg/stddev/stdvar}: one float per native histogram sample; floats are skipped. */
final class NativeHistogramStats {
    private NativeHistogramStats() {
    }

    static FunctionCall of(ToDoubleFunction<FloatHistogram> f) {
        return ctx -> {
            Vector in = ctx.vectorArgs[0];
            for (int i = 0; i < in.size(); i++) {
                if (!in.isHistogram(i)) {
                    continue;
                }
                Labels l = in.labels(i);
                if (!ctx.delayedNameRemoval) {
                    l = l.withoutMetricName();
                }
                ctx.out.add(l, ctx.ts, f.applyAsDouble(in.histogram(i)), true);
            }
        };
    }

    static double variance(FloatHistogram h) {
        double mean = h.sum() / h.count();
        double variance = 0;
        double c = 0;
        for (HistogramMath.Bucket b : HistogramMath.allBuckets(h)) {
            if (b.count() == 0) {
                continue;
            }
            double val;
            if (h.schema() == -53) {
                val = (b.upper() + b.lower()) / 2.0;
            } else if (b.lower() <= 0 && b.upper() >= 0) {
                val = 0;
            } else {
                val = Math.sqrt(b.upper() * b.lower());
                if (b.upper() < 0) {
                    val = -val;
                }
            }
            double delta = val - mean;
            double[] r = OverTimeFunctions.kahan(b.count() * delta * delta, variance, c);
            variance = r[0];
            c = r[1];
        }
        return (variance + c) / h.count();
    }
}
