package io.ignis.tsdb.chunkenc;

import static io.ignis.tsdb.chunkenc.HistogramSamples.NO_SPANS;
import static io.ignis.tsdb.chunkenc.HistogramSamples.describe;
import static io.ignis.tsdb.chunkenc.HistogramSamples.spans;
import static io.ignis.tsdb.chunkenc.HistogramSamples.toFloat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
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

class FloatHistogramChunkTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    /** The integer cases as float histograms; where Prometheus's float appender heads new chunks differently. */
    static Stream<HistogramChunkTest.Case> cases() {
        return HistogramChunkTest.cases().map(c -> switch (c.name()) {
            // A counter sample after a gauge chunk: the integer appender says "not reset", the float one "unknown".
            case "gauge after counter" -> new HistogramChunkTest.Case(c.name(), c.in(), "U1 G1 U1", 0);
            case "gauge then stale without hint" -> new HistogramChunkTest.Case(c.name(), c.in(), "G1 U1 G1", 0);
            default -> c;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void roundTrips(HistogramChunkTest.Case c) {
        HistogramChunkAppenderChain chain = new HistogramChunkAppenderChain();
        long t = 1000;
        for (Histogram h : c.in()) {
            chain.appendFloat(t, toFloat(h));
            t += 15;
        }
        assertThat(chain.describeChunks()).isEqualTo(c.wantChunks());
        assertThat(chain.recodes).as("recodes").isEqualTo(c.wantRecodes());
        List<FloatHistogram> got = new ArrayList<>();
        for (Chunk chunk : chain.chunks) {
            byte[] b = new byte[chunk.size()];
            chunk.bytes().get(b);
            SampleIterator it = Chunks.view(ChunkEncoding.FLOAT_HISTOGRAM, b).iterator(null);
            boolean gauge = ((FloatHistogramChunk) chunk).counterResetHeader() == CounterResetHeader.GAUGE;
            for (int i = 0; it.next() == SampleType.FLOAT_HISTOGRAM; i++) {
                FloatHistogram h = it.atFloatHistogram();
                if (!StaleNaN.is(h.sum())) {
                    assertThat(h.counterResetHint()).isEqualTo(gauge ? CounterResetHint.GAUGE
                            : i == 0 ? CounterResetHint.UNKNOWN : CounterResetHint.NOT_COUNTER_RESET);
                }
                assertThat(it.atT()).isEqualTo(1000 + 15L * got.size());
                got.add(h);
            }
        }
        assertThat(got).hasSize(c.in().size());
        for (int i = 0; i < got.size(); i++) {
            assertThat(describe(got.get(i))).as("sample %d", i).isEqualTo(describe(c.in().get(i)));
        }
    }

    @Test
    void fractionalCountsRoundTripExactly() {
        Random r = new Random(SEED);
        FloatHistogramChunk c = new FloatHistogramChunk();
        HistogramChunkAppender app = c.appender();
        List<FloatHistogram> in = new ArrayList<>();
        double[] buckets = {0.25, 0, 1.0 / 3};
        double zero = 0.1;
        for (int i = 0; i < 50; i++) {
            double count = zero;
            for (int k = 0; k < buckets.length; k++) {
                buckets[k] += r.nextDouble();
                count += buckets[k];
            }
            zero += r.nextDouble() / 7;
            FloatHistogram h = new FloatHistogram(CounterResetHint.UNKNOWN, 5, 0.001, zero, count + zero,
                    r.nextGaussian() * 1e6, spans(-7, 1, 10, 2), buckets.clone(), NO_SPANS, new double[0],
                    new double[0]);
            in.add(h);
            assertThat(app.appendFloatHistogram(null, 1000L * i, h, false).chunk()).as("seed %d", SEED).isNull();
        }
        SampleIterator it = c.iterator(null);
        for (FloatHistogram want : in) {
            assertThat(it.next()).isEqualTo(SampleType.FLOAT_HISTOGRAM);
            FloatHistogram got = it.atFloatHistogram();
            assertThat(got.positiveBuckets()).as("seed %d", SEED).containsExactly(want.positiveBuckets());
            assertThat(got.sum()).isEqualTo(want.sum());
            assertThat(got.count()).isEqualTo(want.count());
            assertThat(got.zeroCount()).isEqualTo(want.zeroCount());
        }
        assertThat(it.next()).isEqualTo(SampleType.NONE);
    }

    @Test
    void matchesGoldenBytes() {
        // Computed by hand (a small script of our own) from FloatHistogramChunk's sketch: flags 11 (gauge); zt 0;
        // schema -53 = 1111110 + 25 bits; 1 span of length 2 at offset 0; no negative spans; 2 custom bounds:
        // 0.5 -> varbit_uint 501, 1e-4 -> 0 bit + float64; t=1000; count, zero, sum, buckets as float64.
        FloatHistogram h = new FloatHistogram(CounterResetHint.GAUGE, -53, 0, 0, 3.5, 7, spans(0, 2),
                new double[] {1.5, 2}, NO_SPANS, new double[0], new double[] {0.5, 1e-4});
        FloatHistogramChunk c = new FloatHistogramChunk();
        c.appender().appendFloatHistogram(null, 1000, h, false);
        byte[] b = new byte[c.size()];
        c.bytes().get(b);
        assertThat(HexFormat.of().formatHex(b)).isEqualTo("0001c000ee5c644bbea3f1a36e2eb1c432df1f420060000000"
                + "000000000000000000000200e0000000000001ffc00000000000020000000000000000");
    }

    @Test
    void reopenedAppenderContinuesByteForByte() {
        Random r = new Random(SEED);
        List<FloatHistogram> in = new ArrayList<>();
        double[] counts = {3, 0, 7};
        for (int i = 0; i < 30; i++) {
            for (int k = 0; k < counts.length; k++) {
                counts[k] += r.nextInt(4) * 0.5;
            }
            in.add(new FloatHistogram(CounterResetHint.UNKNOWN, 1, 0, 0, counts[0] + counts[1] + counts[2],
                    r.nextDouble(), spans(0, 3), counts.clone(), NO_SPANS, new double[0], new double[0]));
        }
        // Prometheus's reopened appender starts its XOR windows from the reader's (0, not "none"); the first
        // cut point after 2 samples makes that observable, so only compare decoded values there.
        for (int cut = 2; cut < in.size(); cut += 5) {
            FloatHistogramChunk part = new FloatHistogramChunk();
            HistogramChunkAppender a = part.appender();
            for (int i = 0; i < cut; i++) {
                a.appendFloatHistogram(null, 10L * i, in.get(i), false);
            }
            byte[] prefix = new byte[part.size()];
            part.bytes().get(prefix);
            FloatHistogramChunk reopened = FloatHistogramChunk.copyOf(prefix);
            HistogramChunkAppender b = reopened.appender();
            for (int i = cut; i < in.size(); i++) {
                assertThat(b.appendFloatHistogram(null, 10L * i, in.get(i), false).chunk()).isNull();
            }
            SampleIterator it = reopened.iterator(null);
            for (int i = 0; i < in.size(); i++) {
                assertThat(it.next()).isEqualTo(SampleType.FLOAT_HISTOGRAM);
                assertThat(it.atT()).isEqualTo(10L * i);
                assertThat(describe(it.atFloatHistogram())).as("cut %d sample %d seed %d", cut, i, SEED)
                        .isEqualTo(describe(in.get(i)));
            }
        }
    }

    @Test
    void appendOnlyRefusesWhatNeedsANewChunk() {
        FloatHistogramChunk c = new FloatHistogramChunk();
        HistogramChunkAppender a = c.appender();
        a.appendFloatHistogram(null, 1, toFloat(HistogramSamples.h(0, 0, 1, spans(0, 1), 5)), true);
        assertThatThrownBy(() -> a.appendFloatHistogram(null, 2,
                toFloat(HistogramSamples.h(0, 0, 1, spans(0, 1), 4)), true))
                .isInstanceOf(UnappendableHistogramException.class).hasMessage("float histogram counter reset");
        assertThatThrownBy(() -> a.appendHistogram(null, 2, HistogramSamples.h(0, 0, 1, spans(0, 1), 5), false))
                .isInstanceOf(IllegalStateException.class);
    }
}
