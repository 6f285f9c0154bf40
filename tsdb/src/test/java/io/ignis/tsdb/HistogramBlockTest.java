package io.ignis.tsdb;

import static io.ignis.tsdb.MixedSamples.floatHist;
import static io.ignis.tsdb.MixedSamples.hist;
import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.model.CounterResetHint;
import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.MergeQuerier;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.storage.SeriesSet;
import io.ignis.tsdb.MixedSamples.ChunkView;
import io.ignis.tsdb.MixedSamples.Sample;
import io.ignis.tsdb.files.MappedFileLeakCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Blocks holding histogram and float-histogram chunks: written, queried, trimmed and compacted. */
@ExtendWith(MappedFileLeakCheck.class)
class HistogramBlockTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final long H2 = LeveledCompactor.DEFAULT_BLOCK_DURATION;
    private static final Labels MIXED = Labels.of("__name__", "mixed");
    private static final Labels HIST = Labels.of("__name__", "hist");
    private static final Labels GAUGE = Labels.of("__name__", "gauge");
    private static final Labels FLOAT_HIST = Labels.of("__name__", "float_hist");

    @TempDir
    Path dir;

    private final UlidGenerator ulids = new UlidGenerator();

    /** floats 0..9, histograms 10..29 with a reset at 20, float histograms 30..34, floats 35..39 (t in s). */
    static List<Sample> mixed() {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long t = i * 1000L;
            if (i < 10 || i >= 35) {
                out.add(Sample.f(t, i));
            } else if (i < 30) {
                long c = i < 20 ? i : i - 19;
                out.add(Sample.h(t, hist(c * 0.5, c, 2 * c)));
            } else {
                out.add(Sample.fh(t, floatHist(CounterResetHint.UNKNOWN, i, i * 0.25)));
            }
        }
        return out;
    }

    static List<Sample> counter(int n) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Sample.h(i * 1000L, hist(i, 1 + i, i / 2)));
        }
        return out;
    }

    static List<Sample> gauge(int n) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Sample.h(i * 1000L, hist(CounterResetHint.GAUGE, 0, i, i % 3, 5 - i % 4)));
        }
        return out;
    }

    static List<Sample> floatCounter(int n) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Sample.fh(i * 1000L, floatHist(CounterResetHint.UNKNOWN, i, i * 0.5, i * 0.25)));
        }
        return out;
    }

    private Map<Labels, List<Sample>> all() {
        return new TreeMap<>(Map.of(MIXED, mixed(), HIST, counter(150), GAUGE, gauge(30), FLOAT_HIST,
                floatCounter(130)));
    }

    private BlockMeta write(Map<Labels, List<Sample>> series) {
        BlockWriter w = new BlockWriter(dir, ulids);
        for (var e : series.entrySet()) {
            w.addSeries(e.getKey(), MixedSamples.iterator(e.getValue()));
        }
        return w.write(0, H2, null);
    }

    @Test
    void blockKeepsEveryKindInOrderAndCountsThem() {
        Map<Labels, List<Sample>> want = all();
        BlockMeta meta = write(want);
        assertThat(meta.stats().numSamples()).isEqualTo(40 + 150 + 30 + 130);
        assertThat(meta.stats().numFloatSamples()).isEqualTo(15);
        assertThat(meta.stats().numHistogramSamples()).isEqualTo(25 + 150 + 30 + 130);
        try (Block b = Block.open(dir.resolve(meta.ulid().toString()))) {
            try (Querier q = b.querier(0, H2)) {
                Map<Labels, List<Sample>> got = MixedSamples.read(q, Matcher.regex("__name__", ".+"));
                assertThat(got.keySet()).containsExactlyElementsOf(want.keySet());
                for (Labels l : want.keySet()) {
                    assertThat(MixedSamples.describe(got.get(l))).as("%s", l)
                            .isEqualTo(MixedSamples.describe(want.get(l)));
                }
            }
            try (ChunkQuerier q = b.chunkQuerier(0, H2)) {
                Map<Labels, ChunkView> got = MixedSamples.readChunks(q, Matcher.equal("__name__", "mixed"));
                assertThat(got.get(MIXED).chunks()).containsExactly("1:10 [0,9000]", "2:10 [10000,19000]",
                        "2:10 [20000,29000]", "3:5 [30000,34000]", "1:5 [35000,39000]");
            }
        }
    }

    /** A seek lands on the right sample whatever kind it is and whichever chunk holds it. */
    @Test
    void seekCrossesKinds() {
        BlockMeta meta = write(Map.of(MIXED, mixed()));
        try (Block b = Block.open(dir.resolve(meta.ulid().toString())); Querier q = b.querier(0, H2)) {
            SeriesSet set = q.select(false, null, Matcher.equal("__name__", "mixed"));
            assertThat(set.next()).isTrue();
            SampleIterator it = set.at().iterator(null);
            assertThat(it.seek(12_500)).isEqualTo(SampleType.HISTOGRAM);
            assertThat(it.atT()).isEqualTo(13_000);
            assertThat(it.atHistogram().count()).isEqualTo(13 + 26);
            assertThat(it.seek(31_000)).isEqualTo(SampleType.FLOAT_HISTOGRAM);
            assertThat(it.atFloatHistogram().sum()).isEqualTo(31);
            assertThat(it.next()).isEqualTo(SampleType.FLOAT_HISTOGRAM);
            assertThat(it.seek(36_000)).isEqualTo(SampleType.FLOAT);
            assertThat(it.atV()).isEqualTo(36);
            assertThat(it.seek(40_000)).isEqualTo(SampleType.NONE);
        }
    }

    /**
     * A chunk that a tombstone or the query range cuts is re-encoded with the same encoding; chunks left whole
     * are handed out as stored.
     */
    record TrimCase(String name, Labels series, long deleteFrom, long deleteTo, long mint, long maxt,
            List<String> wantChunks) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<TrimCase> trimCases() {
        return Stream.of(
                new TrimCase("tombstone in a histogram chunk", MIXED, 12_000, 14_000, 0, H2,
                        List.of("1:10 [0,9000]", "2:7 [10000,19000]", "2:10 [20000,29000]", "3:5 [30000,34000]",
                                "1:5 [35000,39000]")),
                new TrimCase("tombstone across kinds", MIXED, 8_000, 31_000, 0, H2,
                        List.of("1:8 [0,7000]", "3:3 [32000,34000]", "1:5 [35000,39000]")),
                new TrimCase("query range cuts float-histogram chunks", FLOAT_HIST, -1, -1, 5_000, 124_000,
                        List.of("3:115 [5000,119000]", "3:5 [120000,124000]")),
                new TrimCase("gauge chunk keeps its header", GAUGE, 0, 4_000, 0, H2,
                        List.of("2:25 [5000,29000]")),
                new TrimCase("whole chunk deleted", HIST, 0, 119_000, 0, H2, List.of("2:30 [120000,149000]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trimCases")
    void chunkQuerierReencodesTrimmedHistogramChunks(TrimCase c) {
        Map<Labels, List<Sample>> series = all();
        BlockMeta meta = write(series);
        List<Sample> want = new ArrayList<>();
        for (Sample s : series.get(c.series())) {
            boolean deleted = s.t() >= c.deleteFrom() && s.t() <= c.deleteTo();
            if (!deleted && s.t() >= c.mint() && s.t() <= c.maxt()) {
                want.add(s);
            }
        }
        try (Block b = Block.open(dir.resolve(meta.ulid().toString()))) {
            if (c.deleteFrom() >= 0) {
                b.delete(c.deleteFrom(), c.deleteTo(), Matcher.equal("__name__", c.series().get("__name__")));
            }
            try (ChunkQuerier q = b.chunkQuerier(c.mint(), c.maxt())) {
                ChunkView got = MixedSamples.readChunks(q, Matcher.equal("__name__", c.series().get("__name__")))
                        .get(c.series());
                assertThat(got.chunks()).isEqualTo(c.wantChunks());
                assertThat(MixedSamples.describe(got.samples())).isEqualTo(MixedSamples.describe(want));
                if (c.series().equals(GAUGE)) {
                    assertThat(got.samples()).allMatch(s -> s.hint() == CounterResetHint.GAUGE);
                }
            }
            try (Querier q = b.querier(c.mint(), c.maxt())) {
                List<Sample> got = MixedSamples.read(q, Matcher.equal("__name__", c.series().get("__name__")))
                        .get(c.series());
                assertThat(MixedSamples.describe(got)).isEqualTo(MixedSamples.describe(want));
            }
        }
    }

    /** A series split over two overlapping blocks reads back merged in time order through a merge querier. */
    @Test
    void mergeQuerierInterleavesKindsFromTwoBlocks() {
        List<Sample> all = mixed();
        List<Sample> even = new ArrayList<>();
        List<Sample> odd = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            (i % 2 == 0 ? even : odd).add(all.get(i));
        }
        Path a = dir.resolve(write(Map.of(MIXED, even)).ulid().toString());
        Path b = dir.resolve(write(Map.of(MIXED, odd)).ulid().toString());
        try (Block ba = Block.open(a); Block bb = Block.open(b);
                Querier q = new MergeQuerier(List.of(ba.querier(0, H2), bb.querier(0, H2)))) {
            List<Sample> got = MixedSamples.read(q, Matcher.equal("__name__", "mixed")).get(MIXED);
            assertThat(MixedSamples.describe(got)).isEqualTo(MixedSamples.describe(all));
            // Every histogram follows a sample of the other block: no hint survives but unknown.
            assertThat(got).filteredOn(s -> s.type() != SampleType.FLOAT)
                    .allMatch(s -> s.hint() == CounterResetHint.UNKNOWN);
        }
    }

    /** The Db's chunk querier re-encodes chunks that overlap across blocks into one time-ordered run. */
    @Test
    void dbChunkQuerierMergesOverlappingHistogramChunks() throws Exception {
        List<Sample> all = mixed();
        List<Sample> even = new ArrayList<>();
        List<Sample> odd = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            (i % 2 == 0 ? even : odd).add(all.get(i));
        }
        write(Map.of(MIXED, even, HIST, counter(10)));
        write(Map.of(MIXED, odd));
        try (Db db = Db.open(dir, DbOptions.defaults()); ChunkQuerier q = db.chunkQuerier(0, H2)) {
            Map<Labels, ChunkView> got = MixedSamples.readChunks(q, Matcher.regex("__name__", ".+"));
            assertThat(got.get(MIXED).chunks()).containsExactly("1:10 [0,9000]", "2:10 [10000,19000]",
                    "2:10 [20000,29000]", "3:5 [30000,34000]", "1:5 [35000,39000]");
            assertThat(MixedSamples.describe(got.get(MIXED).samples())).isEqualTo(MixedSamples.describe(all));
            assertThat(got.get(HIST).chunks()).containsExactly("2:10 [0,9000]");
        }
    }

    /** Overlapping blocks of histograms compact into one; the later block wins ties; deletions are dropped. */
    @Test
    void verticalCompactionMergesHistogramBlocks() {
        Random r = new Random(SEED);
        TreeMap<Long, Sample> model = new TreeMap<>();
        List<Path> dirs = new ArrayList<>();
        for (int blk = 0; blk < 3; blk++) {
            List<Sample> samples = new ArrayList<>();
            long t = r.nextInt(10_000);
            for (int i = 0; i < 200; i++) {
                t += 1000 + r.nextInt(30_000);
                Sample s = switch (r.nextInt(4)) {
                    case 0 -> Sample.f(t, r.nextInt(100));
                    case 1 -> Sample.fh(t, floatHist(CounterResetHint.UNKNOWN, r.nextInt(50), r.nextInt(9)));
                    default -> Sample.h(t, hist(r.nextInt(100), r.nextInt(9), r.nextInt(9)));
                };
                samples.add(s);
                model.put(t, s);
            }
            BlockWriter w = new BlockWriter(dir, ulids);
            w.addSeries(MIXED, MixedSamples.iterator(samples));
            w.addSeries(HIST, MixedSamples.iterator(counter(50)));
            dirs.add(dir.resolve(w.write(0, 3 * H2, null).ulid().toString()));
        }
        LeveledCompactor c = new LeveledCompactor(LeveledCompactor.exponentialBlockRanges(H2, 3, 3), ulids);
        BlockMeta out = c.compact(dir, dirs);
        try (Block b = Block.open(dir.resolve(out.ulid().toString())); Querier q = b.querier(0, 3 * H2)) {
            Map<Labels, List<Sample>> got = MixedSamples.read(q, Matcher.regex("__name__", ".+"));
            assertThat(MixedSamples.describe(got.get(MIXED))).as("seed %d", SEED)
                    .isEqualTo(MixedSamples.describe(new ArrayList<>(model.values())));
            assertThat(MixedSamples.describe(got.get(HIST))).isEqualTo(MixedSamples.describe(counter(50)));
        }
        assertThat(out.stats().numSamples()).isEqualTo(model.size() + 50);
        assertThat(out.stats().numFloatSamples())
                .isEqualTo(model.values().stream().filter(s -> s.type() == SampleType.FLOAT).count());
    }

    /** Random mixed series and random deletions: compaction keeps exactly the samples no tombstone covers. */
    @Test
    void compactionKeepsEverySampleNoTombstoneCovers() {
        Random r = new Random(SEED);
        for (int round = 0; round < 5; round++) {
            Map<Labels, List<Sample>> series = new TreeMap<>();
            for (int s = 0; s < 4; s++) {
                List<Sample> samples = new ArrayList<>();
                long t = r.nextInt(5_000);
                int kind = r.nextInt(3);
                for (int i = 0; i < 50 + r.nextInt(300); i++) {
                    t += 1000 + r.nextInt(15_000); // at most 350 samples stay inside the 2 h block
                    if (r.nextInt(20) == 0) {
                        kind = r.nextInt(3);
                    }
                    samples.add(switch (kind) {
                        case 0 -> Sample.f(t, r.nextInt(1000));
                        case 1 -> Sample.h(t, hist(CounterResetHint.UNKNOWN, r.nextInt(2), i, i + r.nextInt(3), i));
                        default -> Sample.fh(t, floatHist(CounterResetHint.UNKNOWN, i, i * 0.5 + r.nextInt(2)));
                    });
                }
                series.put(Labels.of("__name__", "m", "s", Integer.toString(s)), samples);
            }
            BlockMeta meta = write(series);
            Path bd = dir.resolve(meta.ulid().toString());
            try (Block b = Block.open(bd)) {
                for (int d = 0; d < 3; d++) {
                    long from = r.nextInt((int) (H2 / 2));
                    long to = from + r.nextInt(1_000_000);
                    String which = Integer.toString(r.nextInt(4));
                    b.delete(from, to, Matcher.equal("s", which));
                    series.get(Labels.of("__name__", "m", "s", which))
                            .removeIf(x -> x.t() >= from && x.t() <= to);
                }
            }
            series.values().removeIf(List::isEmpty);
            LeveledCompactor c = new LeveledCompactor(new long[] {H2, 3 * H2}, ulids);
            BlockMeta out = c.compact(dir, List.of(bd));
            try (Block b = Block.open(dir.resolve(out.ulid().toString())); Querier q = b.querier(0, H2)) {
                Map<Labels, List<Sample>> got = MixedSamples.read(q, Matcher.equal("__name__", "m"));
                assertThat(got.keySet()).as("seed %d", SEED).containsExactlyElementsOf(series.keySet());
                for (Labels l : series.keySet()) {
                    assertThat(MixedSamples.describe(got.get(l))).as("seed %d round %d %s", SEED, round, l)
                            .isEqualTo(MixedSamples.describe(series.get(l)));
                }
            }
        }
    }

    @Test
    void compactionDropsDeletedHistograms() {
        BlockMeta meta = write(all());
        Path bd = dir.resolve(meta.ulid().toString());
        try (Block b = Block.open(bd)) {
            b.delete(50_000, 60_000, Matcher.equal("__name__", "hist"));
        }
        LeveledCompactor c = new LeveledCompactor(new long[] {H2, 3 * H2}, ulids);
        BlockMeta out = c.compact(dir, List.of(bd));
        List<Sample> want = new ArrayList<>(counter(150));
        want.removeIf(s -> s.t() >= 50_000 && s.t() <= 60_000);
        try (Block b = Block.open(dir.resolve(out.ulid().toString())); Querier q = b.querier(0, H2)) {
            assertThat(MixedSamples.describe(MixedSamples.read(q, Matcher.equal("__name__", "hist")).get(HIST)))
                    .isEqualTo(MixedSamples.describe(want));
        }
        assertThat(out.stats().numHistogramSamples()).isEqualTo(meta.stats().numHistogramSamples() - 11);
    }
}
