package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.CorruptionException;
import io.ignis.storage.Querier;
import io.ignis.tsdb.files.MappedFileLeakCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(MappedFileLeakCheck.class)
class LeveledCompactorTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final long H2 = LeveledCompactor.DEFAULT_BLOCK_DURATION;

    @TempDir
    Path dir;

    private final UlidGenerator ulids = new UlidGenerator();

    /** Random series with samples in [from, to), some series absent. */
    private static TreeMap<Labels, TreeMap<Long, Double>> model(Random r, long from, long to, int step) {
        TreeMap<Labels, TreeMap<Long, Double>> m = new TreeMap<>();
        for (int s = 0; s < 8; s++) {
            if (r.nextInt(4) == 0) {
                continue;
            }
            TreeMap<Long, Double> samples = new TreeMap<>();
            for (long t = from + r.nextInt(step); t < to; t += step + r.nextInt(step)) {
                samples.put(t, (double) r.nextInt(1000));
            }
            if (!samples.isEmpty()) {
                m.put(Labels.of("__name__", "c", "s", "s" + s), samples);
            }
        }
        return m;
    }

    private BlockMeta writeBlock(TreeMap<Labels, TreeMap<Long, Double>> m, long mint, long maxt) {
        BlockWriter w = new BlockWriter(dir, ulids);
        for (var e : m.entrySet()) {
            long[] ts = e.getValue().keySet().stream().mapToLong(Long::longValue).toArray();
            double[] vs = e.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
            w.addSamples(e.getKey(), ts, vs, ts.length);
        }
        return w.write(mint, maxt, null);
    }

    private static void mergeInto(TreeMap<Labels, TreeMap<Long, Double>> into,
                                  TreeMap<Labels, TreeMap<Long, Double>> m) {
        m.forEach((l, s) -> into.computeIfAbsent(l, k -> new TreeMap<>()).putAll(s));
    }

    private TreeMap<Labels, TreeMap<Long, Double>> read(BlockMeta meta) {
        try (Block b = Block.open(dir.resolve(meta.ulid().toString()));
             Querier q = b.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            return BlockTest.readAll(q.select(true, null, Matcher.regex("__name__", ".+")));
        }
    }

    @Test
    void plansAndCompactsAdjacentBlocksIntoTheNextLevel() {
        Random r = new Random(SEED);
        TreeMap<Labels, TreeMap<Long, Double>> all = new TreeMap<>();
        List<BlockMeta> parents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            var m = model(r, i * H2, (i + 1) * H2, 60_000);
            if (i < 3) {
                mergeInto(all, m);
            }
            parents.add(writeBlock(m, i * H2, (i + 1) * H2));
        }
        LeveledCompactor c = new LeveledCompactor(LeveledCompactor.exponentialBlockRanges(H2, 3, 3), ulids);
        assertThat(c.ranges()).containsExactly(H2, 3 * H2, 9 * H2);
        List<Path> plan = c.plan(dir);
        assertThat(plan).containsExactly(dir.resolve(parents.get(0).ulid().toString()),
                dir.resolve(parents.get(1).ulid().toString()), dir.resolve(parents.get(2).ulid().toString()));

        BlockMeta out = c.compact(dir, plan);
        assertThat(out.minTime()).isZero();
        assertThat(out.maxTime()).isEqualTo(3 * H2);
        assertThat(out.compaction().level()).isEqualTo(2);
        assertThat(out.compaction().sources()).containsExactly(parents.get(0).ulid(), parents.get(1).ulid(),
                parents.get(2).ulid());
        assertThat(out.compaction().parents()).extracting(BlockMeta.BlockDesc::ulid)
                .containsExactly(parents.get(0).ulid(), parents.get(1).ulid(), parents.get(2).ulid());
        assertThat(out.stats().numSamples()).isEqualTo(all.values().stream().mapToLong(TreeMap::size).sum());
        BlockTest.assertSameModel(read(out), all, "seed " + SEED);
    }

    @Test
    void verticalCompactionMergesOverlapsAndLaterBlockWinsTies() {
        Random r = new Random(SEED);
        var a = model(r, 0, H2, 30_000);
        var b = model(r, H2 / 2, H2 + H2 / 2, 45_000);
        // Same timestamps in both: the later block's value wins.
        Labels shared = Labels.of("__name__", "c", "s", "shared");
        a.put(shared, new TreeMap<>(Map.of(1000L, 1.0, 2000L, 2.0, 3000L, 3.0)));
        b.put(shared, new TreeMap<>(Map.of(2000L, 20.0, 2500L, 25.0)));
        BlockMeta ma = writeBlock(a, 0, H2);
        BlockMeta mb = writeBlock(b, 0, H2 + H2 / 2);
        var want = new TreeMap<Labels, TreeMap<Long, Double>>();
        mergeInto(want, a);
        mergeInto(want, b);

        LeveledCompactor c = new LeveledCompactor(LeveledCompactor.exponentialBlockRanges(H2, 3, 3), ulids);
        List<Path> plan = c.plan(dir);
        assertThat(plan).hasSize(2);
        BlockMeta out = c.compact(dir, plan);
        assertThat(out.minTime()).isZero();
        assertThat(out.maxTime()).isEqualTo(H2 + H2 / 2);
        BlockTest.assertSameModel(read(out), want, "seed " + SEED);
        assertThat(read(out).get(shared)).containsExactlyEntriesOf(new TreeMap<>(Map.of(1000L, 1.0,
                2000L, 20.0, 2500L, 25.0, 3000L, 3.0)));
        assertThat(out.compaction().sources()).containsExactlyInAnyOrder(ma.ulid(), mb.ulid());
    }

    @Test
    void compactionDropsDeletedSamplesAndEmptyResultMarksParentsDeletable() throws IOException {
        Random r = new Random(SEED);
        var m = model(r, 0, H2, 60_000);
        BlockMeta meta = writeBlock(m, 0, H2);
        Path bd = dir.resolve(meta.ulid().toString());
        try (Block b = Block.open(bd)) {
            b.delete(0, H2 / 2, Matcher.equal("__name__", "c"));
        }
        m.values().forEach(s -> s.headMap(H2 / 2, true).clear());
        m.values().removeIf(TreeMap::isEmpty);
        LeveledCompactor c = new LeveledCompactor(new long[] {H2, 3 * H2}, ulids);
        BlockMeta out = c.compact(dir, List.of(bd));
        assertThat(out.stats().numTombstones()).isZero();
        BlockTest.assertSameModel(read(out), m, "seed " + SEED);

        Path outDir = dir.resolve(out.ulid().toString());
        try (Block b = Block.open(outDir)) {
            b.delete(Long.MIN_VALUE, Long.MAX_VALUE, Matcher.regex("__name__", ".+"));
        }
        long before;
        try (var s = Files.list(dir)) {
            before = s.count();
        }
        assertThat(c.compact(dir, List.of(outDir))).isNull();
        try (var s = Files.list(dir)) {
            assertThat(s.count()).as("no new block").isEqualTo(before);
        }
        assertThat(BlockMetaFile.read(outDir).compaction().deletable()).isTrue();
    }

    @Test
    void failedCompactionMarksParentsFailedAndLeavesNoTmp() throws IOException {
        Random r = new Random(SEED);
        BlockMeta a = writeBlock(model(r, 0, H2, 60_000), 0, H2);
        BlockMeta b = writeBlock(model(r, H2, 2 * H2, 60_000), H2, 2 * H2);
        Path seg = dir.resolve(b.ulid() + "/chunks/000001");
        byte[] bytes = Files.readAllBytes(seg);
        bytes[bytes.length - 1] ^= 1; // the last chunk's checksum
        Files.write(seg, bytes);
        LeveledCompactor c = new LeveledCompactor(new long[] {H2, 3 * H2}, ulids);
        List<Path> dirs = List.of(dir.resolve(a.ulid().toString()), dir.resolve(b.ulid().toString()));
        assertThatThrownBy(() -> c.compact(dir, dirs)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("chunk checksum mismatch");
        assertThat(BlockMetaFile.read(dirs.get(0)).compaction().failed()).isTrue();
        assertThat(BlockMetaFile.read(dirs.get(1)).compaction().failed()).isTrue();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(a.ulid().toString(),
                    b.ulid().toString());
        }
    }

    /** Prometheus's CleanTombstones: rewrite one block through {@code write}, level 1, recording its parent. */
    @Test
    void writeFromAChunkQuerierRewritesABlockWithoutTombstones() {
        Random r = new Random(SEED);
        var m = model(r, 0, H2, 30_000);
        BlockMeta meta = writeBlock(m, 0, H2);
        LeveledCompactor c = new LeveledCompactor(new long[] {H2}, ulids);
        BlockMeta out;
        try (Block b = Block.open(dir.resolve(meta.ulid().toString()))) {
            b.delete(H2 / 3, H2 / 2, Matcher.regex("s", "s[0-3]"));
            assertThat(b.size()).isGreaterThan(b.index().size() + b.chunks().size());
            try (var q = b.chunkQuerier(b.minTime(), b.maxTime() - 1)) {
                out = c.write(dir, q, b.minTime(), b.maxTime(), b.meta());
            }
        }
        for (var e : m.entrySet()) {
            if (e.getKey().get("s").matches("s[0-3]")) {
                e.getValue().subMap(H2 / 3, true, H2 / 2, true).clear();
            }
        }
        m.values().removeIf(TreeMap::isEmpty);
        assertThat(out.compaction().level()).isEqualTo(1);
        assertThat(out.compaction().sources()).containsExactly(out.ulid());
        assertThat(out.compaction().parents()).containsExactly(new BlockMeta.BlockDesc(meta.ulid(), 0, H2));
        assertThat(out.minTime()).isZero();
        assertThat(out.maxTime()).isEqualTo(H2);
        assertThat(out.stats().numTombstones()).isZero();
        BlockTest.assertSameModel(read(out), m, "seed " + SEED);
    }
}
