package io.ignis.promql.engine;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Span;

/** The few native-histogram operations the float engine needs to pass histograms through correctly. */
final class HistogramOps {
    private HistogramOps() {
    }

    /** {@code h} with every count and the sum multiplied by {@code factor}. */
    static FloatHistogram scale(FloatHistogram h, double factor) {
        double[] pos = h.positiveBuckets().clone();
        for (int i = 0; i < pos.length; i++) {
            pos[i] *= factor;
        }
        double[] neg = h.negativeBuckets().clone();
        for (int i = 0; i < neg.length; i++) {
            neg[i] *= factor;
        }
        CounterResetHint hint = factor < 0 ? CounterResetHint.GAUGE : h.counterResetHint();
        return new FloatHistogram(hint, h.schema(), h.zeroThreshold(), h.zeroCount() * factor,
                h.count() * factor, h.sum() * factor, h.positiveSpans(), pos, h.negativeSpans(), neg,
                h.customValues());
    }

    /** {@code h / scalar} as FloatHistogram.Div: dividing by zero drops the buckets. */
    static FloatHistogram divide(FloatHistogram h, double scalar) {
        if (scalar != 0) {
            double[] pos = h.positiveBuckets().clone();
            for (int i = 0; i < pos.length; i++) {
                pos[i] /= scalar;
            }
            double[] neg = h.negativeBuckets().clone();
            for (int i = 0; i < neg.length; i++) {
                neg[i] /= scalar;
            }
            return new FloatHistogram(scalar < 0 ? CounterResetHint.GAUGE : h.counterResetHint(), h.schema(),
                    h.zeroThreshold(), h.zeroCount() / scalar, h.count() / scalar, h.sum() / scalar,
                    h.positiveSpans(), pos, h.negativeSpans(), neg, h.customValues());
        }
        return new FloatHistogram(h.counterResetHint(), h.schema(), h.zeroThreshold(), h.zeroCount() / scalar,
                h.count() / scalar, h.sum() / scalar, new Span[0], new double[0],
                new Span[0], new double[0], h.customValues());
    }

    /** Subquery results forget explicit reset hints, as Prometheus's evalSubquery does. */
    static FloatHistogram withUnknownResetHint(FloatHistogram h) {
        if (h.counterResetHint() != CounterResetHint.NOT_COUNTER_RESET
                && h.counterResetHint() != CounterResetHint.COUNTER_RESET) {
            return h;
        }
        return new FloatHistogram(CounterResetHint.UNKNOWN, h.schema(), h.zeroThreshold(), h.zeroCount(), h.count(),
                h.sum(), h.positiveSpans(), h.positiveBuckets(), h.negativeSpans(), h.negativeBuckets(),
                h.customValues());
    }
}
