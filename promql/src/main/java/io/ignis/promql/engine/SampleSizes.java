package io.ignis.promql.engine;

import io.ignis.model.FloatHistogram;
import io.ignis.promql.value.HistogramPoints;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Series;
import io.ignis.promql.value.Vector;

/**
 * How many samples a value weighs against {@code --query.max-samples}, as Prometheus counts them: a float is 1, a
 * native histogram is its Go memory size in 16-byte units. Prometheus rounds a histogram point of a matrix
 * ({@code HPoint.size}) and a histogram sample of a vector ({@code Vector.TotalSamples}) differently, so both are
 * here.
 */
final class SampleSizes {
    /** Bytes of Go's FloatHistogram struct without its slices' elements (Prometheus's FloatHistogram.Size). */
    private static final int STRUCT_BYTES = 168;

    private SampleSizes() {
    }

    static int goSize(FloatHistogram h) {
        return STRUCT_BYTES + 8 * (h.positiveSpans().length + h.negativeSpans().length + h.positiveBuckets().length
                + h.negativeBuckets().length + h.customValues().length);
    }

    /** A histogram point of a matrix (Prometheus's HPoint.size). */
    static int point(FloatHistogram h) {
        return (goSize(h) + 8) / 16;
    }

    static long histograms(HistogramPoints h) {
        long n = 0;
        for (int i = 0; i < h.size(); i++) {
            n += point(h.h(i));
        }
        return n;
    }

    /** Matrix.TotalSamples for one series. */
    static long series(Series s) {
        return s.floats().size() + histograms(s.histograms());
    }

    /** Matrix.TotalSamples. */
    static long matrix(Matrix m) {
        long n = 0;
        for (Series s : m.series()) {
            n += series(s);
        }
        return n;
    }

    /** Vector.TotalSamples: 1 per sample, plus a histogram's size in 16-byte units. */
    static long vector(Vector v) {
        long n = v.size();
        for (int i = 0; i < v.size(); i++) {
            FloatHistogram h = v.histogram(i);
            if (h != null) {
                n += goSize(h) / 16;
            }
        }
        return n;
    }
}
