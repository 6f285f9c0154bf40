package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.ChunkIterator;
import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.ChunkSeriesSet;
import io.ignis.storage.CorruptionException;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.storage.SelectHints;
import io.ignis.storage.SeriesSet;
import io.ignis.storage.StorageException;
import io.ignis.tsdb.files.MappedFile;
import io.ignis.tsdb.files.MappedFileLeakCheck;
import java.io.IOException;
import java.nio.file.Files;
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

@ExtendWith(MappedFileLeakCheck.class)
class BlockTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @TempDir
    Path dir;

    /** Series → (t → v), sorted by labels: the naive model every block read is compared with. */
    static TreeMap<Labels, TreeMap<Long, Double>> randomModel(Random r, int nSeries) {
        TreeMap<Labels, TreeMap<Long, Double>> model = new TreeMap<>();
        for (int s = 0; s < nSeries; s++) {
            List<String> kv = new ArrayList<>(List.of("__name__", "m" + (s % 3), "i", "h" + s));
            if (s % 4 != 0) {
                kv.add("env");
                kv.add(s % 4 == 1 ? "prod" : "dev");
            }
            TreeMap<Long, Double> samples = new TreeMap<>();
            long t = r.nextInt(1000);
            for (int i = 0, n = 1 + r.nextInt(300); i < n; i++) {
                samples.put(t, (double) r.nextInt(1000));
                t += 1 + r.nextInt(30_000);
            }
            model.put(Labels.of(kv.toArray(new String[0])), samples);
        }
        return model;
    }

    static BlockMeta writeModel(Path dir, Map<Labels, TreeMap<Long, Double>> model) {
        BlockWriter w = new BlockWriter(dir, new UlidGenerator());
        for (var e : model.entrySet()) {
            long[] ts = e.getValue().keySet().stream().mapToLong(Long::longValue).toArray();
            double[] vs = e.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
            w.addSamples(e.getKey(), ts, vs, ts.length);
        }
        return w.write();
    }

    /** Reads every series and sample a querier selects, in order. */
    static TreeMap<Labels, TreeMap<Long, Double>> readAll(SeriesSet set) {
        TreeMap<Labels, TreeMap<Long, Double>> out = new TreeMap<>();
        Labels prev = null;
        SampleIterator it = null;
        while (set.next()) {
            Labels l = set.at().labels();
            assertThat(prev == null || prev.compareTo(l) < 0).as("sorted: %s after %s", l, prev).isTrue();
            prev = l;
            TreeMap<Long, Double> samples = new TreeMap<>();
            it = set.at().iterator(it);
            long last = Long.MIN_VALUE;
            for (SampleType st = it.next(); st != SampleType.NONE; st = it.next()) {
                assertThat(it.atT()).isGreaterThan(last);
                last = it.atT();
                samples.put(it.atT(), it.atV());
            }
            out.put(l, samples);
        }
        return out;
    }

    /** Compares series by series so a failure names the series instead of printing everything. */
    static void assertSameModel(Map<Labels, TreeMap<Long, Double>> got, Map<Labels, TreeMap<Long, Double>> want,
                                String what) {
        assertThat(got.keySet()).as(what + ": series").containsExactlyElementsOf(want.keySet());
        for (var e : want.entrySet()) {
            TreeMap<Long, Double> g = got.get(e.getKey());
            assertThat(g.size()).as(what + ": sample count of " + e.getKey()).isEqualTo(e.getValue().size());
            for (var s : e.getValue().entrySet()) {
                assertThat(g.get(s.getKey())).as(what + ": " + e.getKey() + " at " + s.getKey())
                        .isEqualTo(s.getValue());
            }
        }
    }

    static TreeMap<Labels, TreeMap<Long, Double>> expected(Map<Labels, TreeMap<Long, Double>> model, long mint,
                                                          long maxt, Matcher... ms) {
        TreeMap<Labels, TreeMap<Long, Double>> out = new TreeMap<>();
        for (var e : model.entrySet()) {
            boolean ok = true;
            for (Matcher m : ms) {
                ok &= m.matches(e.getKey().get(m.name()));
            }
            TreeMap<Long, Double> in = new TreeMap<>(e.getValue().subMap(mint, true, maxt, true));
            if (ok && !in.isEmpty()) {
                out.put(e.getKey(), in);
            }
        }
        return out;
    }

    record SelectCase(String name, long mint, long maxt, List<Matcher> matchers) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<SelectCase> selects() {
        return Stream.of(
                new SelectCase("all", Long.MIN_VALUE, Long.MAX_VALUE, List.of(Matcher.regex("__name__", ".+"))),
                new SelectCase("by name, trimmed range", 200_000, 900_000, List.of(Matcher.equal("__name__", "m1"))),
                new SelectCase("env absent", 0, Long.MAX_VALUE, List.of(Matcher.equal("env", ""),
                        Matcher.regex("__name__", "m.*"))),
                new SelectCase("env not prod (incl. absent)", 0, 3_000_000, List.of(Matcher.notEqual("env", "prod"))),
                new SelectCase("env set", 0, Long.MAX_VALUE, List.of(Matcher.notEqual("env", ""))),
                new SelectCase("regex matching empty", 0, Long.MAX_VALUE, List.of(Matcher.regex("env", "dev|"))),
                new SelectCase("range before data", -100, -1, List.of(Matcher.regex("__name__", ".+"))),
                new SelectCase("no match", 0, Long.MAX_VALUE, List.of(Matcher.equal("__name__", "nope"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selects")
    void selectMatchesNaiveModel(SelectCase c) {
        var model = randomModel(new Random(SEED), 20);
        writeModel(dir, model);
        Path blockDir = onlyBlock();
        try (Block b = Block.open(blockDir); Querier q = b.querier(c.mint(), c.maxt())) {
            Matcher[] ms = c.matchers().toArray(new Matcher[0]);
            assertSameModel(readAll(q.select(false, null, ms)), expected(model, c.mint(), c.maxt(), ms),
                    "seed " + SEED);
        }
    }

    private Path onlyBlock() {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> l = s.toList();
            assertThat(l).hasSize(1);
            assertThat(l.get(0).getFileName().toString()).doesNotContain("tmp");
            return l.get(0);
        } catch (IOException e) {
            throw new StorageException(e.getMessage(), e);
        }
    }

    @Test
    void blockLayoutAndStats() throws IOException {
        var model = randomModel(new Random(SEED), 10);
        BlockMeta meta = writeModel(dir, model);
        Path b = onlyBlock();
        assertThat(b.getFileName().toString()).isEqualTo(meta.ulid().toString());
        assertThat(b.resolve("meta.json")).exists();
        assertThat(b.resolve("index")).exists();
        assertThat(b.resolve("tombstones")).exists();
        assertThat(b.resolve("chunks/000001")).exists();
        long samples = model.values().stream().mapToLong(TreeMap::size).sum();
        long chunks = model.values().stream().mapToLong(m -> (m.size() + 119) / 120).sum();
        assertThat(meta.stats()).isEqualTo(new BlockMeta.Stats(samples, samples, 0, 10, chunks, 0));
        long first = model.values().stream().mapToLong(TreeMap::firstKey).min().orElseThrow();
        long last = model.values().stream().mapToLong(TreeMap::lastKey).max().orElseThrow();
        assertThat(meta.minTime()).isEqualTo(first);
        assertThat(meta.maxTime()).isEqualTo(last + 1);
        assertThat(BlockMetaFile.read(b)).isEqualTo(meta);
    }

    @Test
    void labelNamesAndValuesWithMatchers() {
        var model = randomModel(new Random(SEED), 20);
        writeModel(dir, model);
        try (Block b = Block.open(onlyBlock()); Querier q = b.querier(0, Long.MAX_VALUE)) {
            assertThat(q.labelNames()).containsExactly("__name__", "env", "i");
            assertThat(q.labelValues("env")).containsExactly("dev", "prod");
            assertThat(q.labelValues("__name__", Matcher.equal("env", "prod"))).containsExactly("m0", "m1", "m2");
            // Series 1, 5, 9, 13, 17 are prod: i=h1 … ; with __name__=m1 only s%3==1: h1, h13.
            assertThat(q.labelValues("i", Matcher.equal("env", "prod"), Matcher.equal("__name__", "m1")))
                    .containsExactly("h1", "h13");
            assertThat(q.labelValues("env", Matcher.regex("env", "p.*"))).containsExactly("prod");
            assertThat(q.labelNames(Matcher.equal("env", ""))).containsExactly("__name__", "i");
            assertThat(q.labelValues("nope")).isEmpty();
        }
    }

    @Test
    void seekAndHintsRange() {
        TreeMap<Labels, TreeMap<Long, Double>> model = new TreeMap<>();
        TreeMap<Long, Double> s = new TreeMap<>();
        for (long t = 0; t < 1000; t += 2) {
            s.put(t, (double) t);
        }
        model.put(Labels.of("__name__", "x"), s);
        writeModel(dir, model);
        try (Block b = Block.open(onlyBlock()); Querier q = b.querier(0, 10_000)) {
            SeriesSet set = q.select(true, null, Matcher.equal("__name__", "x"));
            assertThat(set.next()).isTrue();
            SampleIterator it = set.at().iterator(null);
            assertThat(it.seek(501)).isEqualTo(SampleType.FLOAT);
            assertThat(it.atT()).isEqualTo(502);
            assertThat(it.seek(300)).as("never backwards").isEqualTo(SampleType.FLOAT);
            assertThat(it.atT()).isEqualTo(502);
            assertThat(it.next()).isEqualTo(SampleType.FLOAT);
            assertThat(it.atV()).isEqualTo(504.0);
            assertThat(it.seek(998)).isEqualTo(SampleType.FLOAT);
            assertThat(it.seek(999)).isEqualTo(SampleType.NONE);
            assertThat(set.next()).isFalse();

            var got = readAll(q.select(true, SelectHints.range(100, 110), Matcher.equal("__name__", "x")));
            assertThat(got.firstEntry().getValue().keySet()).containsExactly(100L, 102L, 104L, 106L, 108L, 110L);
        }
    }

    @Test
    void deleteWritesTombstonesThatQueriesApply() throws IOException {
        var model = randomModel(new Random(SEED), 12);
        writeModel(dir, model);
        Path bd = onlyBlock();
        try (Block b = Block.open(bd)) {
            b.delete(100_000, 2_000_000, Matcher.equal("__name__", "m2"));
            b.delete(Long.MIN_VALUE, Long.MAX_VALUE, Matcher.equal("i", "h0"));
            assertThat(b.meta().stats().numTombstones()).isPositive();
        }
        for (var e : model.entrySet()) {
            if (e.getKey().metricName().equals("m2")) {
                e.getValue().subMap(100_000L, true, 2_000_000L, true).clear();
            }
        }
        model.remove(Labels.of("__name__", "m0", "i", "h0"));
        model.values().removeIf(TreeMap::isEmpty);
        try (Block b = Block.open(bd); Querier q = b.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            assertThat(BlockMetaFile.read(bd).stats().numTombstones()).isEqualTo(b.tombstones().total());
            assertSameModel(readAll(q.select(true, null, Matcher.regex("__name__", ".+"))), model, "seed " + SEED);
            // Chunks cut by tombstones are re-encoded for compaction; the rest are handed out unchanged.
            try (ChunkQuerier cq = b.chunkQuerier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                ChunkSeriesSet set = cq.select(true, null, Matcher.regex("__name__", ".+"));
                TreeMap<Labels, TreeMap<Long, Double>> fromChunks = new TreeMap<>();
                while (set.next()) {
                    TreeMap<Long, Double> samples = new TreeMap<>();
                    ChunkIterator ci = set.at().iterator(null);
                    while (ci.next()) {
                        SampleIterator it = ci.chunk().iterator(null);
                        long first = Long.MAX_VALUE;
                        long last = Long.MIN_VALUE;
                        for (SampleType st = it.next(); st != SampleType.NONE; st = it.next()) {
                            samples.put(it.atT(), it.atV());
                            first = Math.min(first, it.atT());
                            last = it.atT();
                        }
                        assertThat(ci.minTime()).isEqualTo(first);
                        assertThat(ci.maxTime()).isEqualTo(last);
                    }
                    fromChunks.put(set.at().labels(), samples);
                }
                assertSameModel(fromChunks, model, "chunks, seed " + SEED);
            }
        }
    }

    @Test
    void closeWaitsForQueriersAndUnmaps() {
        writeModel(dir, randomModel(new Random(SEED), 3));
        long before = MappedFile.openMappings();
        Block b = Block.open(onlyBlock());
        assertThat(MappedFile.openMappings()).isEqualTo(before + 2);
        Querier q = b.querier(0, Long.MAX_VALUE);
        Thread closer = new Thread(b::close);
        closer.start();
        q.close();
        try {
            closer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(closer.isAlive()).isFalse();
        assertThat(MappedFile.openMappings()).isEqualTo(before);
        assertThatThrownBy(() -> b.querier(0, 1)).isInstanceOf(StorageException.class).hasMessageContaining("closing");
    }

    @Test
    void corruptBlocksAreReportedWithFileAndOffset() throws IOException {
        writeModel(dir, randomModel(new Random(SEED), 5));
        Path bd = onlyBlock();
        byte[] index = Files.readAllBytes(bd.resolve("index"));
        byte[] flipped = index.clone();
        flipped[15] ^= 0x40; // inside the symbol table, past its length and count
        Files.write(bd.resolve("index"), flipped);
        assertThatThrownBy(() -> Block.open(bd)).isInstanceOf(CorruptionException.class)
                .hasMessageStartingWith("corrupt " + bd.resolve("index")
                        + " at offset 5: symbol table checksum mismatch")
                .satisfies(e -> assertThat(((CorruptionException) e).file()).isEqualTo(bd.resolve("index").toString()));
        Files.write(bd.resolve("index"), index);

        Path seg = bd.resolve("chunks/000001");
        byte[] chunks = Files.readAllBytes(seg);
        chunks[20] ^= 1;
        Files.write(seg, chunks);
        try (Block b = Block.open(bd); Querier q = b.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            assertThatThrownBy(() -> readAll(q.select(true, null, Matcher.regex("__name__", ".+"))))
                    .isInstanceOf(CorruptionException.class).hasMessageContaining("chunk checksum mismatch");
        }

        Files.writeString(bd.resolve("meta.json"), "{\"version\": 7}");
        assertThatThrownBy(() -> Block.open(bd)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("unexpected meta file version: expected 1, actual 7");
        Files.delete(bd.resolve("meta.json"));
        assertThatThrownBy(() -> Block.open(bd)).isInstanceOf(StorageException.class)
                .hasMessageContaining("missing " + bd.resolve("meta.json"));
    }

    @Test
    void writerRejectsBadInput() {
        BlockWriter w = new BlockWriter(dir, new UlidGenerator());
        assertThatThrownBy(() -> w.addSamples(Labels.of("a", "b"), new long[] {5, 5}, new double[] {1, 2}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("series {a=\"b\"}: timestamp 5 not after previous 5");
        w.addSamples(Labels.of("a", "b"), new long[] {5}, new double[] {1}, 1);
        w.addSamples(Labels.of("a", "b"), new long[] {6}, new double[] {1}, 1);
        assertThatThrownBy(w::write).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate series {a=\"b\"}");
        assertThat(dir).isEmptyDirectory();
    }
}
