package io.ignis.tsdb.chunkenc;

import static io.ignis.tsdb.chunkenc.HistogramSamples.NO_SPANS;
import static io.ignis.tsdb.chunkenc.HistogramSamples.STALE_NAN;
import static io.ignis.tsdb.chunkenc.HistogramSamples.describe;
import static io.ignis.tsdb.chunkenc.HistogramSamples.h;
import static io.ignis.tsdb.chunkenc.HistogramSamples.spans;
import static io.ignis.tsdb.chunkenc.HistogramSamples.withHint;
import static io.ignis.tsdb.chunkenc.HistogramSamples.withLayout;
import static io.ignis.tsdb.chunkenc.HistogramSamples.withNegative;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.model.CounterResetHint;
import io.ignis.model.Histogram;
import io.ignis.model.StaleNaN;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HistogramChunkTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    /**
     * Histograms appended in order (timestamps 1000, 1015, ...) through a head-like chain of appenders; want
     * the chunks' headers ("U", "N", "R", "G" for unknown, not-reset, reset, gauge) with their sample counts,
     * e.g. "U3 R2", and how many appends recoded the open chunk.
     */
    record Case(String name, List<Histogram> in, String wantChunks, int wantRecodes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, String wantChunks, int wantRecodes, Histogram... in) {
        return new Case(name, List.of(in), wantChunks, wantRecodes);
    }

    static Histogram gauge(Histogram h) {
        return withHint(h, CounterResetHint.GAUGE);
    }

    static Histogram stale() {
        return HistogramChunkAppenderChain.stale();
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (int schema = -4; schema <= 8; schema++) {
            cases.add(c("schema " + schema, "U3", 0, h(schema, 1, 1.5, spans(-3, 2, 4, 1), 1, 2, 3),
                    h(schema, 2, 7.25, spans(-3, 2, 4, 1), 2, 2, 5), h(schema, 5, 1e9, spans(-3, 2, 4, 1), 9, 9, 9)));
        }
        double[] bounds = {0.5, 1, 2.5, 1e-4, 1e9, 33554.43};
        cases.addAll(List.of(
                c("custom buckets", "U3", 0,
                        withLayout(h(-53, 0, 1, spans(0, 3, 2, 1), 1, 0, 3, 4), 0, bounds),
                        withLayout(h(-53, 0, 2, spans(0, 3, 2, 1), 1, 1, 3, 4), 0, bounds),
                        withLayout(h(-53, 0, 3, spans(0, 3, 2, 1), 2, 1, 3, 9), 0, bounds)),
                c("custom bounds change is a reset", "U1 R1", 0,
                        withLayout(h(-53, 0, 1, spans(0, 2), 1, 2), 0, new double[] {1, 2}),
                        withLayout(h(-53, 0, 2, spans(0, 2), 1, 2), 0, new double[] {1, 3})),
                c("no buckets at all", "U3", 0, h(0, 0, 0, NO_SPANS), h(0, 3, -2.5, NO_SPANS),
                        h(0, 3, -2.5, NO_SPANS)),
                c("negative buckets", "U2", 0, withNegative(h(1, 0, -3, spans(0, 1), 1), spans(2, 2, 1, 1), 1, 2, 3),
                        withNegative(h(1, 0, -9, spans(0, 1), 4), spans(2, 2, 1, 1), 5, 6, 7)),
                c("large counts and huge deltas", "U3", 0, h(2, 0, 1, spans(0, 2), 1L << 40, 3),
                        h(2, 0, 2, spans(0, 2), (1L << 40) + 7, 1L << 50),
                        h(2, 1L << 55, 3, spans(0, 2), (1L << 41), 1L << 58)),
                c("odd zero thresholds", "U1 U1 U1", 0, withLayout(h(0, 1, 1, NO_SPANS), 0.001, new double[0]),
                        withLayout(h(0, 1, 1, NO_SPANS), Math.scalb(1.0, 11), new double[0]),
                        withLayout(h(0, 1, 1, NO_SPANS), Math.scalb(1.0, -300), new double[0])),
                c("stale marker then a new chunk", "U3 U1", 0, h(0, 1, 1, spans(0, 2), 1, 1),
                        h(0, 1, 2, spans(0, 2), 1, 2), stale(), h(0, 1, 3, spans(0, 2), 1, 3)),
                c("stale marker first", "U1 U2", 0, stale(), h(0, 1, 3, spans(0, 2), 1, 3),
                        h(0, 1, 4, spans(0, 2), 1, 3)),
                c("count drop is a reset", "U2 R1", 0, h(0, 0, 1, spans(0, 1), 5), h(0, 0, 1, spans(0, 1), 6),
                        h(0, 0, 1, spans(0, 1), 1)),
                c("zero count drop is a reset", "U1 R1", 0, h(0, 5, 1, spans(0, 1), 5),
                        h(0, 1, 1, spans(0, 1), 9)),
                c("bucket drop is a reset", "U1 R1", 0, h(0, 0, 1, spans(0, 2), 5, 5),
                        h(0, 0, 1, spans(0, 2), 9, 4)),
                c("explicit reset hint", "U1 R1", 0, h(0, 0, 1, spans(0, 1), 5),
                        withHint(h(0, 0, 1, spans(0, 1), 6), CounterResetHint.COUNTER_RESET)),
                c("schema change", "U1 U1", 0, h(0, 0, 1, spans(0, 1), 5), h(1, 0, 1, spans(0, 1), 6)),
                c("new buckets recode, even an empty one", "U4", 3, h(0, 0, 1, spans(0, 1), 5),
                        h(0, 0, 1, spans(0, 1, 3, 1), 5, 1), h(0, 0, 1, spans(-2, 1, 1, 1, 3, 1), 1, 5, 1),
                        h(0, 0, 1, spans(-2, 2, 0, 1, 3, 1), 1, 0, 6, 1)),
                c("vanished empty bucket is filled in", "U3", 0, h(0, 0, 1, spans(0, 3), 1, 0, 2),
                        h(0, 0, 1, spans(0, 1, 1, 1), 1, 3), h(0, 0, 1, spans(0, 1, 1, 1), 2, 5)),
                c("new and vanished buckets at once", "U2", 1, h(0, 0, 1, spans(0, 3), 1, 0, 2),
                        h(0, 0, 1, spans(0, 1, 1, 2), 1, 3, 1)),
                c("vanished non-empty bucket is a reset", "U1 R1", 0, h(0, 0, 1, spans(0, 2), 1, 2),
                        h(0, 0, 1, spans(1, 1), 9)),
                c("gauge", "G4", 1, gauge(h(0, 5, 1, spans(0, 2), 5, 5)), gauge(h(0, 1, -1, spans(0, 2), 1, 9)),
                        gauge(h(0, 1, -1, spans(1, 2), 1, 9)), gauge(h(0, 1, -1, spans(1, 1), 1))),
                c("gauge schema change", "G1 G1", 0, gauge(h(0, 5, 1, spans(0, 2), 5, 5)),
                        gauge(h(3, 5, 1, spans(0, 2), 5, 5))),
                c("gauge after counter", "U1 G1 N1", 0, h(0, 5, 1, spans(0, 2), 5, 5),
                        gauge(h(0, 5, 1, spans(0, 2), 5, 5)), h(0, 5, 1, spans(0, 2), 5, 5)),
                c("gauge stale", "G2 G1", 0, gauge(h(0, 5, 1, spans(0, 2), 5, 5)), gauge(stale()),
                        gauge(h(0, 5, 1, spans(0, 2), 5, 5))),
                // As in Prometheus: a stale marker without the gauge hint is a counter sample, so it cuts.
                c("gauge then stale without hint", "G1 N1 G1", 0, gauge(h(0, 5, 1, spans(0, 2), 5, 5)), stale(),
                        gauge(h(0, 5, 1, spans(0, 2), 5, 5)))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void roundTrips(Case c) {
        HistogramChunkAppenderChain chain = new HistogramChunkAppenderChain();
        long t = 1000;
        for (Histogram h : c.in()) {
            chain.append(t, h);
            t += 15;
        }
        assertThat(chain.describeChunks()).isEqualTo(c.wantChunks());
        assertThat(chain.recodes).as("recodes").isEqualTo(c.wantRecodes());
        List<Histogram> got = new ArrayList<>();
        List<Long> ts = new ArrayList<>();
        for (Chunk chunk : chain.chunks) {
            // Decode the stored bytes, not the writer, as a reader of a file would.
            byte[] b = new byte[chunk.size()];
            chunk.bytes().get(b);
            SampleIterator it = Chunks.view(ChunkEncoding.HISTOGRAM, b).iterator(null);
            CounterResetHint first = ((HistogramChunk) chunk).counterResetHeader() == CounterResetHeader.GAUGE
                    ? CounterResetHint.GAUGE : CounterResetHint.UNKNOWN;
            for (int i = 0; it.next() == SampleType.HISTOGRAM; i++) {
                Histogram h = it.atHistogram();
                if (!StaleNaN.is(h.sum())) {
                    assertThat(h.counterResetHint()).isEqualTo(i == 0 || first == CounterResetHint.GAUGE ? first
                            : CounterResetHint.NOT_COUNTER_RESET);
                    assertThat(describe(it.atFloatHistogram())).isEqualTo(describe(h));
                }
                got.add(h);
                ts.add(it.atT());
            }
        }
        assertThat(got).hasSize(c.in().size());
        for (int i = 0; i < got.size(); i++) {
            assertThat(ts.get(i)).isEqualTo(1000 + 15L * i);
            assertThat(describe(got.get(i))).as("sample %d", i).isEqualTo(describe(c.in().get(i)));
        }
    }

    /** Samples and the chunk bytes computed by hand (a small script of our own) from HistogramChunk's sketch. */
    record Golden(String name, List<Histogram> in, String hex) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Golden> goldens() {
        return Stream.of(
                // count 1, flags 0, zt byte 0, then schema 0, no spans, no spans: 000; t=1000 needs 12 bits:
                // 11110 001111101000; count 0, zero 0; float64 sum 0.
                new Golden("one empty sample", List.of(new Histogram(CounterResetHint.UNKNOWN, 0, 0, 0, 0, 0,
                        NO_SPANS, new long[0], NO_SPANS, new long[0], new double[0])),
                        "000100" + "00" + "1e3e800000000000000000"),
                // zt 2^-128 = byte 0x74; schema 3 = 10 011; 1 span: 10 001, length 2: 10 010, offset 0: 0;
                // no negative spans; t, count 4, zero 1, sum 2.5, deltas 1 1; then dod t 15, dod count 2, 0,
                // xor sum (11, leading 11, sigbits 3), bucket dods 1 and 0.
                new Golden("two samples", List.of(h(3, 1, 2.5, spans(0, 2), 1, 2), h(3, 1, 4.0, spans(0, 2), 2, 3)),
                        "000200" + "749c6478fa29140040000000000008c71f26b0ec40"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void matchesGoldenBytes(Golden g) {
        HistogramChunk c = new HistogramChunk();
        HistogramChunkAppender app = c.appender();
        long t = 1000;
        for (Histogram h : g.in()) {
            assertThat(app.appendHistogram(null, t, h, false).chunk()).isNull();
            t += 15;
        }
        byte[] b = new byte[c.size()];
        c.bytes().get(b);
        assertThat(HexFormat.of().formatHex(b)).isEqualTo(g.hex());
    }

    @Test
    void reopenedAppenderContinuesByteForByte() {
        Random r = new Random(SEED);
        List<Histogram> in = new ArrayList<>();
        long[] counts = {3, 0, 7, 1};
        for (int i = 0; i < 40; i++) {
            for (int k = 0; k < counts.length; k++) {
                counts[k] += r.nextInt(4);
            }
            in.add(h(2, i, r.nextDouble() * 100, spans(-1, 2, 3, 2), counts.clone()));
        }
        HistogramChunk whole = new HistogramChunk();
        HistogramChunkAppender app = whole.appender();
        for (int i = 0; i < in.size(); i++) {
            app.appendHistogram(null, 1000 + 10L * i + r.nextInt(3), in.get(i), false);
        }
        byte[] want = new byte[whole.size()];
        whole.bytes().get(want);
        for (int cut = 2; cut < in.size(); cut += 7) {
            HistogramChunk part = new HistogramChunk();
            HistogramChunkAppender a = part.appender();
            SampleIterator it = whole.iterator(null);
            for (int i = 0; i < cut; i++) {
                it.next();
                a.appendHistogram(null, it.atT(), in.get(i), false);
            }
            byte[] prefix = new byte[part.size()];
            part.bytes().get(prefix);
            HistogramChunk reopened = HistogramChunk.copyOf(prefix);
            HistogramChunkAppender b = reopened.appender();
            while (it.next() != SampleType.NONE) {
                assertThat(b.appendHistogram(null, it.atT(), it.atHistogram(), false).chunk()).isNull();
            }
            byte[] got = new byte[reopened.size()];
            reopened.bytes().get(got);
            assertThat(HexFormat.of().formatHex(got)).as("cut at %d, seed %d", cut, SEED)
                    .isEqualTo(HexFormat.of().formatHex(want));
        }
    }

    @Test
    void appendOnlyRefusesWhatNeedsANewChunk() {
        HistogramChunk c = new HistogramChunk();
        HistogramChunkAppender a = c.appender();
        a.appendHistogram(null, 1, h(0, 0, 1, spans(0, 1), 5), true);
        assertThatThrownBy(() -> a.appendHistogram(null, 2, h(0, 0, 1, spans(0, 1), 4), true))
                .isInstanceOf(UnappendableHistogramException.class).hasMessage("histogram counter reset");
        assertThatThrownBy(() -> a.appendHistogram(null, 2, h(1, 0, 1, spans(0, 1), 5), true))
                .hasMessage("histogram schema change");
        assertThatThrownBy(() -> a.appendHistogram(null, 2, h(0, 0, 1, spans(0, 2), 5, 1), true))
                .hasMessage("histogram layout change with 1 positive and 0 negative forwards inserts");
        assertThat(c.numSamples()).isEqualTo(1);
        assertThatThrownBy(() -> a.append(2, 1.0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void firstSampleOfANewChunkAsksThePreviousChunk() {
        HistogramChunk first = new HistogramChunk();
        HistogramChunkAppender prev = first.appender();
        prev.appendHistogram(null, 1, h(0, 0, 1, spans(0, 1), 5), false);
        HistogramChunk next = new HistogramChunk();
        next.appender().appendHistogram(prev, 2, h(0, 0, 1, spans(0, 1), 6), false);
        assertThat(next.counterResetHeader()).isEqualTo(CounterResetHeader.NOT_COUNTER_RESET);
        HistogramChunk reset = new HistogramChunk();
        reset.appender().appendHistogram(prev, 2, h(0, 0, 1, spans(0, 1), 4), false);
        assertThat(reset.counterResetHeader()).isEqualTo(CounterResetHeader.COUNTER_RESET);
    }

    @Test
    void reservedFinerSchemasAreReadAtSchema8() {
        // Schema 10 buckets 0..8 merge four to one at schema 8: bucket 0 stays 0, 1..4 -> 1, 5..8 -> 2.
        Histogram fine = withNegative(h(10, 0, 1, spans(0, 9), 9, 1, 2, 3, 4, 5, 6, 7, 8), spans(3, 1), 7);
        HistogramChunk c = new HistogramChunk();
        c.appender().appendHistogram(null, 1, fine, false);
        FloatHistogramChunk fc = new FloatHistogramChunk();
        fc.appender().appendFloatHistogram(null, 1, HistogramSamples.toFloat(fine), false);
        Histogram want = withNegative(h(8, 0, 1, spans(0, 3), 9, 10, 26), spans(1, 1), 7);
        SampleIterator it = c.iterator(null);
        it.next();
        Histogram got = it.atHistogram();
        assertThat(got.schema()).isEqualTo(8);
        assertThat(got.positiveSpans()).containsExactly(want.positiveSpans());
        assertThat(got.positiveDeltas()).containsExactly(want.positiveDeltas());
        assertThat(describe(got)).isEqualTo(describe(want));
        assertThat(describe(it.atFloatHistogram())).isEqualTo(describe(want));
        SampleIterator fit = fc.iterator(null);
        fit.next();
        assertThat(describe(fit.atFloatHistogram())).isEqualTo(describe(want));
    }

    @Test
    void corruptLayoutIsADecodeError() {
        // schema 60 (1110 000111100) is not a known schema.
        byte[] b = HexFormat.of().parseHex("000100" + "00" + "e1e0");
        SampleIterator it = Chunks.view(ChunkEncoding.HISTOGRAM, b).iterator(null);
        assertThatThrownBy(it::next).hasMessageContaining("unknown histogram schema 60");
        byte[] truncated = HexFormat.of().parseHex("000100" + "00" + "1e3e80");
        SampleIterator it2 = Chunks.view(ChunkEncoding.HISTOGRAM, truncated).iterator(null);
        assertThatThrownBy(it2::next).hasMessageContaining("chunk truncated");
    }
}
