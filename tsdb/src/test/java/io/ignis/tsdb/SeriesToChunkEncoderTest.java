package io.ignis.tsdb;

import static io.ignis.tsdb.MixedSamples.floatHist;
import static io.ignis.tsdb.MixedSamples.hist;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.model.CounterResetHint;
import io.ignis.tsdb.MixedSamples.Sample;
import io.ignis.tsdb.chunkenc.FloatHistogramChunk;
import io.ignis.tsdb.chunkenc.HistogramChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Where samples of every kind are cut into chunks, and with which counter-reset headers. */
class SeriesToChunkEncoderTest {
    private static final CounterResetHint UNKNOWN = CounterResetHint.UNKNOWN;

    /** {@code want}: one entry per chunk, {@code XOR:n}, or {@code HISTOGRAM:n:header} for histogram chunks. */
    record Case(String name, List<Sample> in, List<String> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("250 floats cut at 120", floats(0, 250), List.of("XOR:120", "XOR:120", "XOR:10")),
                new Case("kind changes cut", concat(floats(0, 3), rising(3, 4), floats(7, 2)),
                        List.of("XOR:3", "HISTOGRAM:4:UNKNOWN", "XOR:2")),
                new Case("histograms cut at 120, the next chunk's header unknown", rising(0, 130),
                        List.of("HISTOGRAM:120:UNKNOWN", "HISTOGRAM:10:UNKNOWN")),
                new Case("count going down starts a counter-reset chunk",
                        List.of(Sample.h(1, hist(5, 3, 4)), Sample.h(2, hist(6, 4, 5)), Sample.h(3, hist(1, 1, 0)),
                                Sample.h(4, hist(2, 2, 1))),
                        List.of("HISTOGRAM:2:UNKNOWN", "HISTOGRAM:2:COUNTER_RESET")),
                new Case("explicit reset hint on the first sample",
                        List.of(Sample.h(1, hist(CounterResetHint.COUNTER_RESET, 0, 5, 3)), Sample.h(2, hist(6, 4))),
                        List.of("HISTOGRAM:2:COUNTER_RESET")),
                new Case("explicit reset hint mid-series cuts",
                        List.of(Sample.h(1, hist(5, 3)), Sample.h(2, hist(CounterResetHint.COUNTER_RESET, 0, 6, 4))),
                        List.of("HISTOGRAM:1:UNKNOWN", "HISTOGRAM:1:COUNTER_RESET")),
                new Case("gauge histograms may go down",
                        List.of(Sample.h(1, hist(CounterResetHint.GAUGE, 0, 5, 3, 4)),
                                Sample.h(2, hist(CounterResetHint.GAUGE, 0, 1, 1, 0))),
                        List.of("HISTOGRAM:2:GAUGE")),
                new Case("counter after gauge cuts",
                        List.of(Sample.h(1, hist(CounterResetHint.GAUGE, 0, 5, 3)), Sample.h(2, hist(6, 4))),
                        List.of("HISTOGRAM:1:GAUGE", "HISTOGRAM:1:NOT_COUNTER_RESET")),
                new Case("schema change cuts with an unknown header",
                        List.of(Sample.h(1, hist(UNKNOWN, 0, 5, 3)), Sample.h(2, hist(UNKNOWN, 1, 6, 4))),
                        List.of("HISTOGRAM:1:UNKNOWN", "HISTOGRAM:1:UNKNOWN")),
                new Case("a new bucket recodes the chunk in place",
                        List.of(Sample.h(1, hist(5, 3)), Sample.h(2, hist(6, 4, 1)), Sample.h(3, hist(7, 5, 2, 1))),
                        List.of("HISTOGRAM:3:UNKNOWN")),
                new Case("stale marker stays, the sample after it cuts",
                        List.of(Sample.h(1, hist(5, 3)), Sample.h(2, hist(MixedSamples.STALE_NAN)),
                                Sample.h(3, hist(6, 4))),
                        List.of("HISTOGRAM:2:UNKNOWN", "HISTOGRAM:1:UNKNOWN")),
                new Case("float histograms reset",
                        List.of(Sample.fh(1, floatHist(UNKNOWN, 5, 3.5)), Sample.fh(2, floatHist(UNKNOWN, 6, 4.5)),
                                Sample.fh(3, floatHist(UNKNOWN, 1, 0.5))),
                        List.of("FLOAT_HISTOGRAM:2:UNKNOWN", "FLOAT_HISTOGRAM:1:COUNTER_RESET")),
                new Case("integer to float histogram cuts",
                        List.of(Sample.h(1, hist(5, 3)), Sample.fh(2, floatHist(UNKNOWN, 6, 4))),
                        List.of("HISTOGRAM:1:UNKNOWN", "FLOAT_HISTOGRAM:1:UNKNOWN")),
                new Case("nothing", List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cutsChunksAndKeepsEverySample(Case c) {
        List<TimedChunk> chunks = SeriesToChunkEncoder.encode(MixedSamples.iterator(c.in()), "s");
        assertThat(describe(chunks)).isEqualTo(c.want());
        assertThat(MixedSamples.describe(MixedSamples.drain(chunks))).isEqualTo(MixedSamples.describe(c.in()));
        for (TimedChunk tc : chunks) {
            List<Sample> in = MixedSamples.drain(tc.chunk().iterator(null));
            assertThat(tc.minTime()).isEqualTo(in.get(0).t());
            assertThat(tc.maxTime()).isEqualTo(in.get(in.size() - 1).t());
        }
    }

    @Test
    void rejectsTimestampsThatDoNotIncrease() {
        List<Sample> in = List.of(Sample.h(5, hist(1, 1)), Sample.h(5, hist(2, 2)));
        assertThatThrownBy(() -> SeriesToChunkEncoder.encode(MixedSamples.iterator(in), "{a=\"b\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("series {a=\"b\"}: timestamp 5 not after previous 5");
    }

    static List<String> describe(List<TimedChunk> chunks) {
        List<String> out = new ArrayList<>();
        for (TimedChunk tc : chunks) {
            String s = tc.chunk().encoding() + ":" + tc.chunk().numSamples();
            if (tc.chunk() instanceof HistogramChunk h) {
                s += ":" + h.counterResetHeader();
            } else if (tc.chunk() instanceof FloatHistogramChunk h) {
                s += ":" + h.counterResetHeader();
            }
            out.add(s);
        }
        return out;
    }

    static List<Sample> floats(long from, int n) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Sample.f(from + i, i * 1.5));
        }
        return out;
    }

    /** Counter histograms whose counts only grow. */
    static List<Sample> rising(long from, int n) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Sample.h(from + i, hist(i * 2.5, 1 + i, 2L * i)));
        }
        return out;
    }

    @SafeVarargs
    static List<Sample> concat(List<Sample>... parts) {
        List<Sample> out = new ArrayList<>();
        for (List<Sample> p : parts) {
            out.addAll(p);
        }
        return out;
    }
}
