package io.ignis.scrape.textparse;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import org.junit.jupiter.api.Test;

/** Classic-to-NHCB conversion rules, as Prometheus's convertnhcb. */
class TempHistogramTest {

    @Test
    void bucketsArriveInAnyOrderAndRepeatsAreIgnored() {
        TempHistogram t = new TempHistogram();
        t.setBucketCount(5, 4);
        t.setBucketCount(1, 1);
        t.setBucketCount(2, 3);
        t.setBucketCount(2, 99); // repeated bound: ignored
        t.setBucketCount(Double.POSITIVE_INFINITY, 6);
        t.setCount(6);
        t.setSum(10);
        assertThat(t.convertible()).isTrue();
        assertThat(t.isInteger()).isTrue();
        Histogram h = t.toInteger(CounterResetHint.UNKNOWN);
        assertThat(h.schema()).isEqualTo(Histogram.CUSTOM_BUCKETS_SCHEMA);
        assertThat(h.customValues()).containsExactly(1, 2, 5);
        assertThat(h.positiveSpans()).containsExactly(new Span(0, 4));
        assertThat(h.positiveDeltas()).containsExactly(1, 1, -1, 1); // absolute 1, 2, 1, 2
        assertThat(h.count()).isEqualTo(6);
        assertThat(h.sum()).isEqualTo(10);
    }

    @Test
    void integerHistogramsKeepShortRunsOfEmptyBuckets() {
        TempHistogram t = new TempHistogram();
        double[] cumulative = {0, 1, 1, 1, 2, 2, 2, 2, 3, 3};
        for (int k = 0; k < cumulative.length; k++) {
            t.setBucketCount(k + 1, cumulative[k]);
        }
        Histogram h = t.toInteger(CounterResetHint.UNKNOWN);
        // absolute: 0 1 0 0 1 0 0 0 1 0 (+Inf 0): leading/trailing empties go, runs of 3 split, runs of 2 stay
        assertThat(h.positiveSpans()).containsExactly(new Span(1, 4), new Span(3, 1));
        assertThat(h.positiveDeltas()).containsExactly(1, -1, 0, 1, 0);
        assertThat(h.customValues()).hasSize(10);
        assertThat(h.count()).isEqualTo(3);
    }

    @Test
    void floatCountsGiveACompactedFloatHistogram() {
        TempHistogram t = new TempHistogram();
        t.setBucketCount(1, 0.5);
        t.setBucketCount(2, 0.5);
        t.setCount(1.5);
        assertThat(t.convertible()).isTrue();
        assertThat(t.isInteger()).isFalse();
        FloatHistogram fh = t.toFloat(CounterResetHint.GAUGE);
        assertThat(fh.counterResetHint()).isEqualTo(CounterResetHint.GAUGE);
        assertThat(fh.positiveSpans()).containsExactly(new Span(0, 1), new Span(1, 1));
        assertThat(fh.positiveBuckets()).containsExactly(0.5, 1.0);
        assertThat(fh.customValues()).containsExactly(1, 2);
    }

    @Test
    void rejectsWhatPrometheusRejects() {
        TempHistogram notCumulative = new TempHistogram();
        notCumulative.setBucketCount(1, 5);
        notCumulative.setBucketCount(2, 3);
        assertThat(notCumulative.convertible()).isFalse();

        TempHistogram insertedTooBig = new TempHistogram();
        insertedTooBig.setBucketCount(1, 1);
        insertedTooBig.setBucketCount(3, 2);
        insertedTooBig.setBucketCount(2, 5);
        assertThat(insertedTooBig.convertible()).isFalse();

        TempHistogram nan = new TempHistogram();
        nan.setBucketCount(Double.NaN, 1);
        assertThat(nan.convertible()).isFalse();

        TempHistogram countMismatch = new TempHistogram();
        countMismatch.setBucketCount(Double.POSITIVE_INFINITY, 4);
        countMismatch.setCount(5);
        assertThat(countMismatch.convertible()).isFalse();

        TempHistogram negativeCount = new TempHistogram();
        negativeCount.setCount(-1);
        assertThat(negativeCount.convertible()).isFalse();

        negativeCount.reset();
        negativeCount.setCount(2);
        assertThat(negativeCount.convertible()).isTrue();
    }
}
