package io.ignis.promql.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Span;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MutableHistogramTest {
    private static FloatHistogram exp(int schema, double zt, double zc, int offset, double... buckets) {
        double count = zc;
        for (double b : buckets) {
            count += b;
        }
        return new FloatHistogram(CounterResetHint.UNKNOWN, schema, zt, zc, count, count,
                new Span[] {new Span(offset, buckets.length)}, buckets, new Span[0], new double[0], new double[0]);
    }

    private static FloatHistogram custom(double[] bounds, double... buckets) {
        double count = 0;
        for (double b : buckets) {
            count += b;
        }
        return new FloatHistogram(CounterResetHint.UNKNOWN, -53, 0, 0, count, count,
                new Span[] {new Span(0, buckets.length)}, buckets, new Span[0], new double[0], bounds);
    }

    private static Map<Integer, Double> positive(FloatHistogram h) {
        return new TreeMap<>(HistogramMath.buckets(h.positiveSpans(), h.positiveBuckets(), true));
    }

    @Test
    void addingAFinerSchemaReducesItToTheCoarserOne() {
        MutableHistogram m = MutableHistogram.of(exp(0, 0, 0, 1, 1, 1));   // schema 0: buckets 1, 2
        m.add(exp(1, 0, 0, 1, 1, 1, 1, 1));                                 // schema 1: buckets 1..4
        FloatHistogram h = m.toHistogram();
        assertThat(h.schema()).isZero();
        // Schema 1 buckets 1,2 fold into schema 0 bucket 1; 3,4 into bucket 2.
        assertThat(positive(h)).containsExactly(Map.entry(1, 3.0), Map.entry(2, 3.0));
        assertThat(h.count()).isEqualTo(6);
    }

    @Test
    void widerZeroBucketAbsorbsBucketsBelowItsThreshold() {
        MutableHistogram m = MutableHistogram.of(exp(0, 0.001, 1, -2, 1, 1, 1)); // buckets (1/8,1/4], (1/4,1/2], (1/2,1]
        m.add(exp(0, 0.5, 2, 1, 1));                                        // zero bucket [-0.5, 0.5]
        FloatHistogram h = m.toHistogram();
        assertThat(h.zeroThreshold()).isEqualTo(0.5);
        assertThat(h.zeroCount()).isEqualTo(1 + 2 + 2);
        assertThat(positive(h)).containsExactly(Map.entry(0, 1.0), Map.entry(1, 1.0));
    }

    @Test
    void mismatchedCustomBoundsAreReconciledToTheirIntersection() {
        MutableHistogram m = MutableHistogram.of(custom(new double[] {1, 2, 5}, 1, 1, 1, 1));
        m.add(custom(new double[] {2, 10}, 3, 3, 3));
        FloatHistogram h = m.toHistogram();
        assertThat(m.boundsReconciled).isTrue();
        assertThat(h.customValues()).containsExactly(2.0);
        assertThat(positive(h)).containsExactly(Map.entry(0, 5.0), Map.entry(1, 8.0));
    }

    @Test
    void subtractionAndResetHintsFollowPrometheus() {
        FloatHistogram a = exp(0, 0, 0, 0, 4, 4);
        FloatHistogram reset = new FloatHistogram(CounterResetHint.COUNTER_RESET, 0, 0, 0, 2, 2,
                new Span[] {new Span(0, 1)}, new double[] {2}, new Span[0], new double[0], new double[0]);
        FloatHistogram notReset = new FloatHistogram(CounterResetHint.NOT_COUNTER_RESET, 0, 0, 0, 2, 2,
                new Span[] {new Span(0, 1)}, new double[] {2}, new Span[0], new double[0], new double[0]);
        MutableHistogram m = MutableHistogram.of(reset);
        m.add(notReset);
        assertThat(m.counterResetCollision).isTrue();
        assertThat(m.hint()).isEqualTo(CounterResetHint.UNKNOWN);

        MutableHistogram d = MutableHistogram.of(a);
        d.sub(exp(0, 0, 0, 0, 1, 4));
        assertThat(positive(d.toHistogram())).containsExactly(Map.entry(0, 3.0));
        assertThat(HistogramMath.detectReset(exp(0, 0, 0, 0, 1, 4), a)).isTrue();
        assertThat(HistogramMath.detectReset(a, exp(0, 0, 0, 0, 1, 4))).isFalse();
    }

    @Test
    void compensatedAdditionKeepsSmallValuesNextToCancellingLargeOnes() {
        MutableHistogram m = MutableHistogram.of(withSum(3.1));
        m.kahanAdd(withSum(1e100));
        m.kahanAdd(withSum(-1e100));
        m.kahanAdd(withSum(1.3));
        assertThat(m.toHistogram().sum()).isEqualTo(4.4);
    }

    @Test
    void exponentialAndCustomBucketsDoNotMix() {
        MutableHistogram m = MutableHistogram.of(exp(0, 0, 0, 0, 1));
        assertThatThrownBy(() -> m.add(custom(new double[] {1}, 1, 1)))
                .isInstanceOf(MutableHistogram.IncompatibleSchemaException.class);
    }

    @Test
    void trimKeepsTheInterpolatedPartOfTheSplitBucket() {
        FloatHistogram h = custom(new double[] {10, 20}, 0, 10, 0);        // all 10 observations in (10, 20]
        FloatHistogram below = HistogramTrim.trim(h, 15, true);
        assertThat(below.count()).isEqualTo(5);
        assertThat(below.sum()).isEqualTo(5 * 12.5);
        FloatHistogram above = HistogramTrim.trim(h, 15, false);
        assertThat(above.count()).isEqualTo(5);
    }

    private static FloatHistogram withSum(double sum) {
        return new FloatHistogram(CounterResetHint.UNKNOWN, 0, 0, 0, 1, sum, new Span[0], new double[0],
                new Span[0], new double[0], new double[0]);
    }
}
