package io.ignis.server.api;

import io.ignis.model.FloatHistogram;

/** Bucket upper bounds of native histograms, as Prometheus's {@code histogram.getBound}. */
final class HistogramBounds {
    static final int CUSTOM_BUCKETS_SCHEMA = -53;

    private HistogramBounds() {
    }

    /** The upper bound of bucket {@code idx} (the lower bound of {@code idx + 1}). */
    static double bound(int idx, FloatHistogram h) {
        int schema = h.schema();
        if (schema == CUSTOM_BUCKETS_SCHEMA) {
            double[] cv = h.customValues();
            if (idx < 0) {
                return Double.NEGATIVE_INFINITY;
            }
            return idx < cv.length ? cv[idx] : Double.POSITIVE_INFINITY;
        }
        if (schema <= 0) {
            long exp = (long) idx << -schema;
            if (exp == 1024) {
                // The last finite bucket ends at MaxFloat64; the next one counts the infinities.
                return Double.MAX_VALUE;
            }
            return Math.scalb(1.0, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, exp)));
        }
        int fracIdx = idx & ((1 << schema) - 1);
        double frac = StrictMath.pow(2, (double) fracIdx / (1 << schema) - 1);
        int exp = (idx >> schema) + 1;
        if (frac == 0.5 && exp == 1025) {
            return Double.MAX_VALUE;
        }
        return Math.scalb(frac, exp);
    }
}
