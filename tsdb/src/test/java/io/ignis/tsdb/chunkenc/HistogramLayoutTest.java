package io.ignis.tsdb.chunkenc;

import static io.ignis.tsdb.chunkenc.HistogramSamples.NO_SPANS;
import static io.ignis.tsdb.chunkenc.HistogramSamples.spans;
import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.model.Span;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The layout block, with the edge values of Prometheus's {@code TestWriteReadHistogramChunkLayout}. */
class HistogramLayoutTest {
    record Case(String name, int schema, double zeroThreshold, Span[] pos, Span[] neg, double[] custom,
            int wantZeroThresholdBits) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final double[] NONE = new double[0];

    static Stream<Case> cases() {
        return Stream.of(
                new Case("zero threshold 0", 3, 0, spans(-4, 3, 2, 42), NO_SPANS, NONE, 8),
                new Case("client_golang default", -2, 2.938735877055719e-39, NO_SPANS, spans(2, 5, 1, 34), NONE, 8),
                new Case("largest one-byte threshold 1024", 6, 1024, NO_SPANS, NO_SPANS, NONE, 8),
                new Case("2048 takes a float", 6, 2048, NO_SPANS, NO_SPANS, NONE, 72),
                new Case("1025 and odd spans", 6, 1025, spans(2, 5, 1, 34, 0, 0),
                        spans(-345, 4545, 53645665, 345, 945995, 85848), NONE, 72),
                new Case("smallest one-byte threshold", 0, Math.scalb(0.5, -242), spans(-4, 3), NO_SPANS, NONE, 8),
                new Case("below the smallest", 0, Math.scalb(0.5, -243), spans(-4, 3), NO_SPANS, NONE, 72),
                new Case("not a power of two", 4, 42, NO_SPANS, NO_SPANS, NONE, 72),
                new Case("custom bounds mixed", -53, 0, spans(-4, 3, 2, 42), NO_SPANS,
                        new double[] {-5, -2.5, 0, 0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 255, 500, 1000, 50000,
                            1e7}, 8),
                new Case("custom bounds with thousandths", -53, 0, spans(0, 2), NO_SPANS,
                        new double[] {1.001, 1.023, 2.01, 4.007, 4.095, 8.001, 8.19, 16.24}, 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void roundTrips(Case c) {
        BitWriter w = new BitWriter(16);
        HistogramLayout.putZeroThreshold(w, c.zeroThreshold());
        assertThat(w.bitLen()).isEqualTo(c.wantZeroThresholdBits());
        w = new BitWriter(16);
        HistogramLayout.write(w, c.schema(), c.zeroThreshold(), c.pos(), c.neg(), c.custom());
        w.writeBits(0b101, 3); // a marker right after the layout
        BitReader r = new BitReader().reset(ByteBuffer.wrap(w.array()), 0, w.len());
        HistogramLayout got = HistogramLayout.read(r);
        assertThat(got).isEqualTo(new HistogramLayout(c.schema(), c.zeroThreshold(), c.pos(), c.neg(), c.custom()));
        assertThat(r.readBits(3)).isEqualTo(0b101);
    }
}
