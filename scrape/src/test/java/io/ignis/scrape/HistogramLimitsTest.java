package io.ignis.scrape;

import static io.ignis.scrape.HistogramResolutionTest.EMPTY;
import static io.ignis.scrape.HistogramResolutionTest.histogram;
import static io.ignis.scrape.HistogramResolutionTest.floatHistogram;
import static io.ignis.scrape.HistogramResolutionTest.spans;
import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.scrape.HistogramResolutionTest.Layout;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** native_histogram_bucket_limit and native_histogram_min_bucket_factor on single histograms. */
class HistogramLimitsTest {

    record Factor(double factor, int schema) {
        @Override
        public String toString() {
            return factor + " -> " + schema;
        }
    }

    /** The factor table of Prometheus's configuration docs, plus the edges. */
    static Stream<Factor> factors() {
        return Stream.of(new Factor(0, 8), new Factor(1, 8), new Factor(1.002, 8), new Factor(1.005, 7),
                new Factor(1.01, 6), new Factor(1.02, 5), new Factor(1.04, 4), new Factor(1.09, 3),
                new Factor(1.1, 2), new Factor(1.4, 1), new Factor(2, 0),
                new Factor(4, -1), new Factor(16, -2), new Factor(256, -3), new Factor(65536, -4),
                new Factor(1e12, -4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factors")
    void pickSchema(Factor f) {
        assertThat(HistogramLimits.pickSchema(f.factor())).isEqualTo(f.schema());
    }

    @Test
    void log2IsExactForPowersOfTwo() {
        for (int e = -10; e <= 20; e++) {
            assertThat(HistogramLimits.log2(Math.scalb(1.0, e))).isEqualTo(e);
        }
        assertThat(HistogramLimits.log2(3)).isCloseTo(1.584962500721156, org.assertj.core.data.Offset.offset(1e-15));
    }

    /** want null: the scrape fails with "histogram bucket limit exceeded". */
    record Case(String name, long limit, double factor, Histogram in, Histogram want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Layout FOUR = Layout.of(spans(0, 4), 1, 2, 3, 4);

    static Histogram custom(int buckets) {
        long[] deltas = new long[buckets];
        double[] bounds = new double[buckets];
        for (int i = 0; i < buckets; i++) {
            deltas[i] = i == 0 ? 1 : 0;
            bounds[i] = i + 1;
        }
        return new Histogram(CounterResetHint.UNKNOWN, Histogram.CUSTOM_BUCKETS_SCHEMA, 0, 0, buckets, 1,
                new Span[] {new Span(0, buckets)}, deltas, new Span[0], new long[0], bounds);
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("within the limit: unchanged", 4, 0, histogram(0, FOUR, EMPTY), histogram(0, FOUR, EMPTY)),
                // 0..3 at -1: 0 -> 0, 1 and 2 -> 1, 3 -> 2.
                new Case("one step down fits 3", 3, 0, histogram(0, FOUR, EMPTY),
                        histogram(-1, Layout.of(spans(0, 3), 1, 5, 4), EMPTY)),
                // At -2: 0 -> 0, 1..3 -> 1.
                new Case("two steps down fit 2", 2, 0, histogram(0, FOUR, EMPTY),
                        histogram(-2, Layout.of(spans(0, 2), 1, 9), EMPTY)),
                // Buckets 0 = (2^-16, 1] and 1 = (1, 2^16] at schema -4 never merge.
                new Case("cannot fit 1 even at schema -4", 1, 0, histogram(0, FOUR, EMPTY), null),
                new Case("positive and negative buckets count together", 2, 0,
                        histogram(0, Layout.of(spans(1, 2), 1, 1), Layout.of(spans(1, 2), 2, 2)),
                        histogram(-1, Layout.of(spans(1, 1), 2), Layout.of(spans(1, 1), 4))),
                new Case("schema -4 over the limit", 1, 0,
                        histogram(-4, Layout.of(spans(0, 2), 1, 1), EMPTY), null),
                new Case("custom buckets over the limit", 2, 0, custom(3), null),
                new Case("custom buckets within the limit", 3, 0, custom(3), custom(3)),
                new Case("reserved schema 9 over the limit is not reduced", 2, 0,
                        histogram(9, FOUR, EMPTY), null),
                // Factor 2 caps the schema at 0; schema 2 buckets 0..3 go to ((i-1)>>2)+1: 0 -> 0, 1..3 -> 1.
                new Case("min bucket factor caps the schema", 0, 2, histogram(2, FOUR, EMPTY),
                        histogram(0, Layout.of(spans(0, 2), 1, 9), EMPTY)),
                new Case("min bucket factor leaves coarser schemas alone", 0, 2, histogram(-1, FOUR, EMPTY),
                        histogram(-1, FOUR, EMPTY)),
                // Reserved schema 12 is brought down to the cap: 12 -> 0 shifts by 12, so 0 -> 0 and 1..3 -> 1.
                new Case("min bucket factor reduces a reserved schema", 0, 2, histogram(12, FOUR, EMPTY),
                        histogram(0, Layout.of(spans(0, 2), 1, 9), EMPTY)),
                // The cap first (2 -> 1: 0 -> 0, 1 and 2 -> 1, 3 -> 2), then the limit (1 -> 0: 0, 1, 2 -> 0, 1, 1).
                new Case("factor first, then the limit", 2, 1.4, histogram(2, FOUR, EMPTY),
                        histogram(0, Layout.of(spans(0, 2), 1, 9), EMPTY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void integerHistogram(Case c) {
        Histogram got = HistogramLimits.of(c.limit(), c.factor()).apply(c.in());
        if (c.want() == null) {
            assertThat(got).isNull();
            return;
        }
        assertThat(got.schema()).isEqualTo(c.want().schema());
        assertThat(got.positiveSpans()).containsExactly(c.want().positiveSpans());
        assertThat(got.positiveDeltas()).containsExactly(c.want().positiveDeltas());
        assertThat(got.negativeSpans()).containsExactly(c.want().negativeSpans());
        assertThat(got.negativeDeltas()).containsExactly(c.want().negativeDeltas());
        assertThat(got.customValues()).containsExactly(c.want().customValues());
    }

    @Test
    void unchangedHistogramIsTheSameInstance() {
        Histogram h = histogram(0, FOUR, EMPTY);
        assertThat(HistogramLimits.of(4, 1.0001).apply(h)).isSameAs(h);
        assertThat(HistogramLimits.of(0, 0).none()).isTrue();
        assertThat(HistogramLimits.of(4, 0).none()).isFalse();
        assertThat(HistogramLimits.of(0, 2).none()).isFalse();
    }

    @Test
    void floatHistogramFollowsTheSameSteps() {
        FloatHistogram got = HistogramLimits.of(2, 0).apply(floatHistogram(0, FOUR, EMPTY));
        assertThat(got.schema()).isEqualTo(-2);
        assertThat(got.positiveSpans()).containsExactly(new Span(0, 2));
        assertThat(got.positiveBuckets()).containsExactly(1, 9);
        assertThat(HistogramLimits.of(1, 0).apply(floatHistogram(0, FOUR, EMPTY))).isNull();
        FloatHistogram capped = HistogramLimits.of(0, 2).apply(floatHistogram(2, FOUR, EMPTY));
        assertThat(capped.schema()).isZero();
        assertThat(capped.positiveBuckets()).containsExactly(1, 9);
    }
}
