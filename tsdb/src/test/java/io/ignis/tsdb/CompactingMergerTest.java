package io.ignis.tsdb;

import static io.ignis.tsdb.MixedSamples.hist;
import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.model.CounterResetHint;
import io.ignis.tsdb.MixedSamples.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Vertical merging of one series' chunks from several blocks, for every sample kind. */
class CompactingMergerTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    /**
     * {@code sources}: each source's samples, already cut into chunks by the encoder. {@code wantChunks} as in
     * {@link SeriesToChunkEncoderTest#describe}; {@code want} the merged samples; {@code wantHints} the hints
     * read back from the merged chunks (null entries for floats).
     */
    record Case(String name, List<List<Sample>> sources, List<String> wantChunks, List<Sample> want,
            List<CounterResetHint> wantHints) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final CounterResetHint U = CounterResetHint.UNKNOWN;
    private static final CounterResetHint N = CounterResetHint.NOT_COUNTER_RESET;

    static Stream<Case> cases() {
        List<Sample> a = List.of(Sample.h(1, hist(1, 10)), Sample.h(2, hist(2, 11)), Sample.h(3, hist(3, 12)),
                Sample.h(4, hist(4, 13)));
        List<Sample> b = List.of(Sample.h(3, hist(30, 2)), Sample.h(5, hist(50, 3)));
        return Stream.of(
                new Case("disjoint histogram chunks pass unchanged",
                        List.of(List.of(Sample.h(1, hist(1, 1)), Sample.h(2, hist(2, 2))),
                                List.of(Sample.h(3, hist(3, 3)))),
                        List.of("HISTOGRAM:2:UNKNOWN", "HISTOGRAM:1:UNKNOWN"), null, List.of(U, N, U)),
                new Case("later source wins a tie and its lower count is a reset", List.of(a, b),
                        List.of("HISTOGRAM:2:UNKNOWN", "HISTOGRAM:2:COUNTER_RESET", "HISTOGRAM:1:COUNTER_RESET"),
                        List.of(a.get(0), a.get(1), b.get(0), a.get(3), b.get(1)), List.of(U, N, U, N, U)),
                new Case("earlier source loses the tie", List.of(b, a),
                        List.of("HISTOGRAM:4:UNKNOWN", "HISTOGRAM:1:COUNTER_RESET"),
                        List.of(a.get(0), a.get(1), a.get(2), a.get(3), b.get(1)), List.of(U, N, N, N, U)),
                new Case("floats and histograms interleave in time order",
                        List.of(List.of(Sample.f(1, 1), Sample.f(2, 2), Sample.f(5, 5), Sample.f(6, 6)),
                                List.of(Sample.h(3, hist(3, 3)), Sample.h(4, hist(4, 4)))),
                        List.of("XOR:2", "HISTOGRAM:2:UNKNOWN", "XOR:2"),
                        List.of(Sample.f(1, 1), Sample.f(2, 2), Sample.h(3, hist(3, 3)), Sample.h(4, hist(4, 4)),
                                Sample.f(5, 5), Sample.f(6, 6)),
                        null),
                new Case("gauge histograms keep their hint across sources",
                        List.of(List.of(Sample.h(1, hist(CounterResetHint.GAUGE, 0, 1, 5)),
                                        Sample.h(3, hist(CounterResetHint.GAUGE, 0, 3, 1))),
                                List.of(Sample.h(2, hist(CounterResetHint.GAUGE, 0, 2, 9)))),
                        List.of("HISTOGRAM:3:GAUGE"), null,
                        List.of(CounterResetHint.GAUGE, CounterResetHint.GAUGE, CounterResetHint.GAUGE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mergesOverlapsAndKeepsTheRest(Case c) {
        List<List<TimedChunk>> sources = new ArrayList<>();
        List<Sample> all = new ArrayList<>();
        for (List<Sample> s : c.sources()) {
            sources.add(SeriesToChunkEncoder.encode(MixedSamples.iterator(s), "s"));
            all.addAll(s);
        }
        List<TimedChunk> got = CompactingMerger.merge(sources);
        assertThat(SeriesToChunkEncoderTest.describe(got)).isEqualTo(c.wantChunks());
        List<Sample> want = c.want();
        if (want == null) {
            want = new ArrayList<>(all);
            want.sort((x, y) -> Long.compare(x.t(), y.t()));
        }
        List<Sample> read = MixedSamples.drain(got);
        assertThat(MixedSamples.describe(read)).isEqualTo(MixedSamples.describe(want));
        if (c.wantHints() != null) {
            assertThat(read.stream().map(Sample::hint).toList()).isEqualTo(c.wantHints());
        }
    }

    @Test
    void disjointChunksAreTheSameObjects() {
        List<TimedChunk> x = SeriesToChunkEncoder.encode(MixedSamples.iterator(List.of(Sample.h(1, hist(1, 1)))), "s");
        List<TimedChunk> y = SeriesToChunkEncoder.encode(MixedSamples.iterator(List.of(Sample.f(5, 1),
                Sample.f(6, 2))), "s");
        List<TimedChunk> z = SeriesToChunkEncoder.encode(MixedSamples.iterator(List.of(Sample.f(7, 1))), "s");
        List<TimedChunk> got = CompactingMerger.merge(List.of(y, x, z));
        assertThat(got).containsExactly(x.get(0), y.get(0), z.get(0));
    }

    /** Random overlapping sources of mixed kinds against a sorted map where later sources overwrite. */
    @Test
    void mergeMatchesANaiveModel() {
        Random r = new Random(SEED);
        for (int round = 0; round < 30; round++) {
            int k = 2 + r.nextInt(3);
            List<List<TimedChunk>> sources = new ArrayList<>();
            TreeMap<Long, Sample> model = new TreeMap<>();
            for (int s = 0; s < k; s++) {
                List<Sample> samples = new ArrayList<>();
                long t = r.nextInt(50);
                int n = 1 + r.nextInt(300);
                for (int i = 0; i < n; i++) {
                    t += 1 + r.nextInt(4);
                    Sample x = switch (r.nextInt(3)) {
                        case 0 -> Sample.f(t, r.nextInt(100));
                        case 1 -> Sample.h(t, hist(r.nextInt(100), r.nextInt(5), r.nextInt(5)));
                        default -> Sample.fh(t, MixedSamples.floatHist(U, r.nextInt(9), r.nextInt(7) / 2.0));
                    };
                    samples.add(x);
                    model.put(t, x);
                }
                sources.add(SeriesToChunkEncoder.encode(MixedSamples.iterator(samples), "s"));
            }
            List<TimedChunk> got = CompactingMerger.merge(sources);
            assertThat(MixedSamples.describe(MixedSamples.drain(got))).as("seed %d round %d", SEED, round)
                    .isEqualTo(MixedSamples.describe(new ArrayList<>(model.values())));
            for (int i = 1; i < got.size(); i++) {
                assertThat(got.get(i).minTime()).as("seed %d", SEED).isGreaterThan(got.get(i - 1).maxTime());
            }
        }
    }
}
