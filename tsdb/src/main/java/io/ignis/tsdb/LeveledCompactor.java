package io.ignis.tsdb;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.ChunkIterator;
import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.ChunkSeriesSet;
import io.ignis.storage.StorageException;
import io.ignis.tsdb.chunkenc.Chunk;
import io.ignis.tsdb.chunkenc.Chunks;
import io.ignis.tsdb.index.IndexReader;
import io.ignis.tsdb.index.Utf8Order;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Prometheus's leveled compactor: plans which blocks of a data directory to merge ({@link CompactionPlanner}),
 * merges blocks into one ({@link #compact}), and writes a level-1 block from the head ({@link #write}).
 * Block ranges grow as {@code 2h × 3^i}. A merge that leaves no samples writes no block and marks its parents
 * deletable; a failed merge marks its parents {@code failed} so the planner skips them.
 */
public final class LeveledCompactor {
    /** Prometheus's default minimum block duration: 2 h in ms. */
    public static final long DEFAULT_BLOCK_DURATION = 2 * 60 * 60 * 1000L;

    private final CompactionPlanner planner;
    private final long[] ranges;
    private final UlidGenerator ulids;

    public LeveledCompactor(long[] ranges, UlidGenerator ulids) {
        this.planner = new CompactionPlanner(ranges);
        this.ranges = ranges.clone();
        this.ulids = Objects.requireNonNull(ulids, "ulids");
    }

    /** {@code minSize × stepSize^i} for {@code i < steps}, as Prometheus's {@code ExponentialBlockRanges}. */
    public static long[] exponentialBlockRanges(long minSize, int steps, int stepSize) {
        long[] out = new long[steps];
        long cur = minSize;
        for (int i = 0; i < steps; i++) {
            out[i] = cur;
            cur *= stepSize;
        }
        return out;
    }

    public long[] ranges() {
        return ranges.clone();
    }

    /** The block directories of {@code dbDir} to compact together next; empty when there is nothing to do. */
    public List<Path> plan(Path dbDir) {
        List<BlockMeta> metas = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dbDir)) {
            for (Path p : ds) {
                if (Files.isDirectory(p) && Ulid.isValid(p.getFileName().toString())) {
                    metas.add(BlockMetaFile.read(p));
                }
            }
        } catch (IOException e) {
            throw new StorageException("plan compaction in " + dbDir + ": " + e.getMessage(), e);
        }
        List<Path> out = new ArrayList<>();
        for (BlockMeta m : planner.plan(metas)) {
            out.add(dbDir.resolve(m.ulid().toString()));
        }
        return out;
    }

    /** Plans over metas directly. */
    public List<BlockMeta> plan(List<BlockMeta> metas) {
        return planner.plan(metas);
    }

    /**
     * Merges the blocks in {@code dirs} into one block in {@code dest}.
     *
     * @return the new block's meta, or null when no samples remained (the parents are then marked deletable)
     */
    public BlockMeta compact(Path dest, List<Path> dirs) {
        List<Block> blocks = new ArrayList<>();
        try {
            for (Path d : dirs) {
                blocks.add(Block.open(d));
            }
            return compactBlocks(dest, blocks);
        } finally {
            for (Block b : blocks) {
                b.close();
            }
        }
    }

    /** As {@link #compact(Path, List)} over blocks the caller keeps open. */
    public BlockMeta compactBlocks(Path dest, List<Block> blocks) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("nothing to compact");
        }
        List<Block> sorted = new ArrayList<>(blocks);
        // Time order; among blocks starting together the newer ULID (written later) comes last and wins ties.
        sorted.sort((a, b) -> a.minTime() != b.minTime() ? Long.compare(a.minTime(), b.minTime())
                : a.ulid().compareTo(b.ulid()));
        long mint = Long.MAX_VALUE;
        long maxt = Long.MIN_VALUE;
        int level = 0;
        TreeSet<Ulid> sources = new TreeSet<>();
        List<BlockMeta.BlockDesc> parents = new ArrayList<>();
        for (Block b : sorted) {
            BlockMeta m = b.meta();
            mint = Math.min(mint, m.minTime());
            maxt = Math.max(maxt, m.maxTime());
            level = Math.max(level, m.compaction().level());
            sources.addAll(m.compaction().sources());
            parents.add(new BlockMeta.BlockDesc(m.ulid(), m.minTime(), m.maxTime()));
        }
        // As Prometheus's CompactBlockMetas: the merge of out-of-order blocks only is out-of-order too.
        boolean allOutOfOrder = true;
        for (Block b : sorted) {
            allOutOfOrder &= b.meta().compaction().hints().contains(BlockMeta.HINT_FROM_OUT_OF_ORDER);
        }
        BlockMeta.Compaction compaction = new BlockMeta.Compaction(level + 1, new ArrayList<>(sources), false,
                parents, false, allOutOfOrder ? List.of(BlockMeta.HINT_FROM_OUT_OF_ORDER) : List.of());
        TreeSet<String> symbols = new TreeSet<>(Utf8Order.INSTANCE);
        for (Block b : sorted) {
            IndexReader ix = b.index();
            for (int i = 0; i < ix.symbolCount(); i++) {
                symbols.add(ix.symbol(i));
            }
        }
        List<ChunkQuerier> queriers = new ArrayList<>();
        try (SortedBlockWriter w = new SortedBlockWriter(dest, ulids.next(), mint, maxt, new ArrayList<>(symbols))) {
            List<ChunkSeriesSet> sets = new ArrayList<>();
            for (Block b : sorted) {
                // Blocks are half-open [min, max): exclude a sample at exactly maxTime.
                ChunkQuerier q = b.chunkQuerier(b.minTime(), b.maxTime() - 1);
                queriers.add(q);
                sets.add(q.select(true, null, Matcher.equal("", "")));
            }
            mergeInto(w, sets);
            if (w.numSeries() == 0) {
                for (Block b : sorted) {
                    rewriteMeta(b, b.meta().compaction().withDeletable());
                }
                return null;
            }
            return w.commit(compaction);
        } catch (RuntimeException e) {
            for (Block b : sorted) {
                try {
                    rewriteMeta(b, b.meta().compaction().withFailed());
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        } finally {
            for (ChunkQuerier q : queriers) {
                q.close();
            }
        }
    }

    private static void rewriteMeta(Block b, BlockMeta.Compaction c) {
        try {
            b.setMeta(b.meta().withCompaction(c));
        } catch (IOException e) {
            throw new StorageException("write meta of block " + b.ulid() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a level-1 block of range {@code [mint, maxt)} from {@code source} (the head), whose chunks must
     * lie inside the range.
     *
     * @param parent the block this one replaces, or null; recorded as its parent
     * @return the new block's meta, or null if the range held no samples
     */
    public BlockMeta write(Path dest, ChunkQuerier source, long mint, long maxt, BlockMeta parent) {
        BlockWriter w = new BlockWriter(dest, ulids);
        w.addAll(source.select(true, null, Matcher.equal("", "")));
        if (w.isEmpty()) {
            return null;
        }
        if (parent == null) {
            return w.write(mint, maxt, null);
        }
        return w.writeLevel1(mint, maxt, List.of(new BlockMeta.BlockDesc(parent.ulid(), parent.minTime(),
                parent.maxTime())), parent.compaction().hints());
    }

    /**
     * Writes a level-1 block of range {@code [mint, maxt)} from the head's out-of-order chunks, with the compaction
     * hint {@code from-out-of-order}, as Prometheus's {@code compactOOO}; null if the range held no samples.
     */
    public BlockMeta writeOutOfOrder(Path dest, ChunkQuerier source, long mint, long maxt) {
        BlockWriter w = new BlockWriter(dest, ulids);
        w.addAll(source.select(true, null, Matcher.equal("", "")));
        if (w.isEmpty()) {
            return null;
        }
        return w.writeLevel1(mint, maxt, List.of(), List.of(BlockMeta.HINT_FROM_OUT_OF_ORDER));
    }

    private static void mergeInto(SortedBlockWriter w, List<ChunkSeriesSet> sets) {
        int k = sets.size();
        Labels[] heads = new Labels[k];
        ChunkSeriesSet[] live = sets.toArray(new ChunkSeriesSet[0]);
        List<List<TimedChunk>> current = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            current.add(null);
            advance(live, heads, current, i);
        }
        while (true) {
            Labels min = null;
            for (Labels h : heads) {
                if (h != null && (min == null || h.compareTo(min) < 0)) {
                    min = h;
                }
            }
            if (min == null) {
                return;
            }
            List<List<TimedChunk>> parts = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                if (heads[i] != null && heads[i].equals(min)) {
                    if (!current.get(i).isEmpty()) {
                        parts.add(current.get(i));
                    }
                    advance(live, heads, current, i);
                }
            }
            if (!parts.isEmpty()) {
                w.add(min, CompactingMerger.merge(parts));
            }
        }
    }

    private static void advance(ChunkSeriesSet[] sets, Labels[] heads, List<List<TimedChunk>> current, int i) {
        if (!sets[i].next()) {
            heads[i] = null;
            current.set(i, null);
            return;
        }
        heads[i] = sets[i].at().labels();
        List<TimedChunk> chunks = new ArrayList<>();
        ChunkIterator it = sets[i].at().iterator(null);
        while (it.next()) {
            Chunk c = Chunks.of(it.chunk());
            chunks.add(new TimedChunk(c, it.minTime(), it.maxTime()));
        }
        current.set(i, chunks);
    }
}
