package io.ignis.promql.functions;

import io.ignis.model.FloatHistogram;

/**
 * The mean of native histograms as Prometheus computes it for avg and avg_over_time: a compensated sum
 * divided at the end, switching to an incremental mean once the sum would overflow.
 */
public final class HistogramMean {
    private MutableHistogram sum;
    private MutableHistogram mean;
    private double count;
    /** Custom bounds were reconciled or a reset-hint collision happened while adding. */
    public boolean boundsReconciled;
    public boolean counterResetCollision;

    /** @throws MutableHistogram.IncompatibleSchemaException when exponential and custom buckets meet */
    public void add(FloatHistogram h) {
        count++;
        if (count == 1) {
            sum = MutableHistogram.of(h);
            return;
        }
        if (mean == null) {
            MutableHistogram next = sum.copy();
            next.kahanAdd(h);
            note(next);
            if (!next.hasOverflow()) {
                sum = next;
                return;
            }
            mean = sum;
            mean.divide(count - 1);
        }
        double q = (count - 1) / count;
        mean.scale(q);
        MutableHistogram part = MutableHistogram.of(h);
        part.divide(count);
        mean.kahanAdd(part.toHistogram());
        note(mean);
    }

    private void note(MutableHistogram m) {
        boundsReconciled |= m.boundsReconciled;
        counterResetCollision |= m.counterResetCollision;
    }

    public FloatHistogram result() {
        if (mean != null) {
            return mean.toHistogram();
        }
        sum.divide(count);
        return sum.toHistogram();
    }
}
