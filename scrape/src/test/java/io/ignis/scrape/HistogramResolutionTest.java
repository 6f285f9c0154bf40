package io.ignis.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reducing a native histogram's schema. Expected layouts are worked out by hand: at schema s bucket i covers
 * (2^((i-1)/2^s), 2^(i/2^s)], and going down d steps sends bucket i to ((i-1) >> d) + 1.
 */
class HistogramResolutionTest {

    /** One side's layout: spans as (offset, length) pairs and absolute bucket counts. */
    record Layout(int[] spans, long[] counts) {
        static Layout of(int[] spans, long... counts) {
            return new Layout(spans, counts);
        }

        Span[] spanArray() {
            Span[] out = new Span[spans.length / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] = new Span(spans[2 * i], spans[2 * i + 1]);
            }
            return out;
        }

        long[] deltas() {
            long[] d = new long[counts.length];
            long prev = 0;
            for (int i = 0; i < counts.length; i++) {
                d[i] = counts[i] - prev;
                prev = counts[i];
            }
            return d;
        }

        double[] floats() {
            double[] f = new double[counts.length];
            for (int i = 0; i < counts.length; i++) {
                f[i] = counts[i];
            }
            return f;
        }
    }

    static int[] spans(int... offsetLengthPairs) {
        return offsetLengthPairs;
    }

    static final Layout EMPTY = Layout.of(spans());

    record Case(String name, int schema, Layout pos, Layout neg, int target, Layout wantPos, Layout wantNeg) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Histogram histogram(int schema, Layout pos, Layout neg) {
        long total = 0;
        for (long c : pos.counts()) {
            total += c;
        }
        for (long c : neg.counts()) {
            total += c;
        }
        return new Histogram(CounterResetHint.NOT_COUNTER_RESET, schema, 0.001, 2, total + 2, 123.5,
                pos.spanArray(), pos.deltas(), neg.spanArray(), neg.deltas(), new double[0]);
    }

    static FloatHistogram floatHistogram(int schema, Layout pos, Layout neg) {
        Histogram h = histogram(schema, pos, neg);
        return new FloatHistogram(h.counterResetHint(), schema, h.zeroThreshold(), h.zeroCount(), h.count(), h.sum(),
                pos.spanArray(), pos.floats(), neg.spanArray(), neg.floats(), new double[0]);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // Schema 0 buckets 0..3 = (1/2,1], (1,2], (2,4], (4,8]; at -1: (1/4,1], (1,4], (4,16].
                new Case("adjacent buckets merge pairwise", 0, Layout.of(spans(0, 4), 1, 2, 3, 4), EMPTY, -1,
                        Layout.of(spans(0, 3), 1, 5, 4), EMPTY),
                // Buckets 1, 2 and 6: 1 and 2 land in 1, 6 in 3, leaving a gap at 2.
                new Case("gap kept as a second span", 0, Layout.of(spans(1, 2, 3, 1), 5, 3, 2), EMPTY, -1,
                        Layout.of(spans(1, 1, 1, 1), 8, 2), EMPTY),
                // Two steps at once: 6 lands in ((6-1)>>2)+1 = 2, next to 1: the gap closes.
                new Case("two steps close the gap", 0, Layout.of(spans(1, 2, 3, 1), 5, 3, 2), EMPTY, -2,
                        Layout.of(spans(1, 2), 8, 2), EMPTY),
                // Schema 1 buckets -3, -2, -1 = (2^-2, 2^-1.5], (2^-1.5, 2^-1], (2^-1, 2^-0.5];
                // at schema 0 the first two form bucket -1 = (2^-2, 2^-1] and the third goes to 0 = (2^-1, 1].
                new Case("negative indexes shift arithmetically", 1, Layout.of(spans(-3, 3), 1, 1, 1), EMPTY, 0,
                        Layout.of(spans(-1, 2), 2, 1), EMPTY),
                // Schema 3 to 0: buckets 0, 8, 9 go to 0, 1, 2: three spans become one.
                new Case("three steps join separate spans", 3, Layout.of(spans(0, 1, 7, 2), 3, 4, 5), EMPTY, 0,
                        Layout.of(spans(0, 3), 3, 4, 5), EMPTY),
                new Case("zero-length span only moves the index", 0, Layout.of(spans(2, 0, 1, 2), 7, 9), EMPTY, -1,
                        Layout.of(spans(2, 1), 16), EMPTY),
                new Case("negative side reduced the same way", 0, Layout.of(spans(0, 2), 1, 1),
                        Layout.of(spans(1, 4), 4, 3, 2, 1), -1,
                        Layout.of(spans(0, 2), 1, 1), Layout.of(spans(1, 2), 7, 3)),
                new Case("empty histogram stays empty", 2, EMPTY, EMPTY, -4, EMPTY, EMPTY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void integerHistogram(Case c) {
        Histogram in = histogram(c.schema(), c.pos(), c.neg());
        Histogram out = HistogramResolution.reduce(in, c.target());
        Histogram want = histogram(c.target(), c.wantPos(), c.wantNeg());
        assertThat(out.schema()).isEqualTo(c.target());
        assertThat(out.positiveSpans()).containsExactly(want.positiveSpans());
        assertThat(out.positiveDeltas()).containsExactly(want.positiveDeltas());
        assertThat(out.negativeSpans()).containsExactly(want.negativeSpans());
        assertThat(out.negativeDeltas()).containsExactly(want.negativeDeltas());
        assertThat(out.count()).isEqualTo(in.count());
        assertThat(out.sum()).isEqualTo(in.sum());
        assertThat(out.zeroCount()).isEqualTo(in.zeroCount());
        assertThat(out.zeroThreshold()).isEqualTo(in.zeroThreshold());
        assertThat(out.counterResetHint()).isEqualTo(in.counterResetHint());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void floatHistogram(Case c) {
        FloatHistogram out = HistogramResolution.reduce(floatHistogram(c.schema(), c.pos(), c.neg()), c.target());
        FloatHistogram want = floatHistogram(c.target(), c.wantPos(), c.wantNeg());
        assertThat(out.schema()).isEqualTo(c.target());
        assertThat(out.positiveSpans()).containsExactly(want.positiveSpans());
        assertThat(out.positiveBuckets()).containsExactly(want.positiveBuckets());
        assertThat(out.negativeSpans()).containsExactly(want.negativeSpans());
        assertThat(out.negativeBuckets()).containsExactly(want.negativeBuckets());
    }

    @Test
    void deltasAreReencodedAgainstTheMergedNeighbour() {
        // Absolute 1, 2, 3, 4 arrive as deltas 1, 1, 1, 1; merged absolute 1, 5, 4 leave as deltas 1, 4, -1.
        Histogram out = HistogramResolution.reduce(histogram(0, Layout.of(spans(0, 4), 1, 2, 3, 4), EMPTY), -1);
        assertThat(out.positiveDeltas()).containsExactly(1, 4, -1);
    }

    record Bad(String name, int[] spans, long[] counts, String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> badSpans() {
        return Stream.of(
                new Bad("spans need more buckets", spans(0, 3), new long[] {1, 1},
                        "have 2 buckets but spans need more: histogram spans specify different number of buckets"
                                + " than provided"),
                new Bad("more buckets than spans", spans(0, 1), new long[] {1, 1},
                        "spans need 1 buckets, have 2 buckets: histogram spans specify different number of buckets"
                                + " than provided"),
                new Bad("negative offset after the first span", spans(0, 1, -1, 1), new long[] {1, 1},
                        "span number 2 with offset -1: histogram has a span whose offset is negative"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpans")
    void invalidSpansAreRefused(Bad b) {
        Histogram h = histogram(1, new Layout(b.spans(), b.counts()), EMPTY);
        assertThatThrownBy(() -> HistogramResolution.reduce(h, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(b.error());
    }

    @Test
    void customBucketsAndNonReductionsAreRefused() {
        Histogram custom = new Histogram(CounterResetHint.UNKNOWN, Histogram.CUSTOM_BUCKETS_SCHEMA, 0, 0, 1, 1,
                new Span[] {new Span(0, 1)}, new long[] {1}, new Span[0], new long[0], new double[] {1});
        assertThatThrownBy(() -> HistogramResolution.reduce(custom, 0))
                .hasMessage("cannot reduce resolution when there are custom buckets");
        Histogram h = histogram(1, Layout.of(spans(0, 1), 1), EMPTY);
        assertThatThrownBy(() -> HistogramResolution.reduce(h, 1))
                .hasMessage("cannot reduce resolution from schema 1 to 1");
        assertThatThrownBy(() -> HistogramResolution.reduce(h, Histogram.CUSTOM_BUCKETS_SCHEMA))
                .hasMessage("cannot reduce resolution to custom buckets schema");
    }
}
