package io.ignis.tsdb;

import io.ignis.storage.ChunkQuerier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One compaction cycle of a {@link Db}, as Prometheus's {@code DB.Compact}: while the head spans more than
 * 1.5 block ranges, write its oldest aligned range as a level-1 block, reload, and truncate the head and the
 * WAL to the block's end; then merge blocks as the leveled planner says until it has nothing left to do.
 * Runs on one thread at a time (the caller's maintenance lock).
 */
final class DbCompaction {
    private static final Logger LOG = LoggerFactory.getLogger(DbCompaction.class);

    private final Path dir;
    private final Head head;
    private final DbBlocks blocks;
    private final LeveledCompactor compactor;
    private final DbCounters counters;
    private final LongSupplier headBytes;
    private final DbReaders readers;

    DbCompaction(Path dir, Head head, DbBlocks blocks, LeveledCompactor compactor, DbCounters counters,
                 LongSupplier headBytes, DbReaders readers) {
        this.readers = readers;
        this.dir = dir;
        this.head = head;
        this.blocks = blocks;
        this.compactor = compactor;
        this.counters = counters;
        this.headBytes = headBytes;
    }

    /**
     * Runs head compaction, then (when the head was compacted, as Prometheus) out-of-order compaction, then block
     * compaction; returns how many blocks were written.
     */
    int run() throws IOException {
        long truncations = counters.headTruncations.sum();
        int written = compactHead();
        if (counters.headTruncations.sum() > truncations) {
            written += compactOooHead();
        }
        written += compactBlocks();
        return written;
    }

    /**
     * Writes every out-of-order sample in the head into one block per aligned block range it touches, loads them,
     * then drops those samples from the head and the WBL (readers that opened before the blocks were loaded are
     * waited for first, so no query misses them). Returns how many blocks were written.
     */
    int compactOooHead() throws IOException {
        Head.OooCompactionPlan plan = head.prepareOooCompaction();
        if (plan == null) {
            return 0;
        }
        long range = compactor.ranges()[0];
        int written = 0;
        long start = System.nanoTime();
        try {
            for (long t = Math.floorDiv(plan.mint(), range) * range; t <= plan.maxt(); t += range) {
                BlockMeta meta;
                try (ChunkQuerier q = head.oooChunkQuerier(t, t + range - 1, plan)) {
                    meta = compactor.writeOutOfOrder(dir, q, t, t + range);
                }
                if (meta != null) {
                    written++;
                    LOG.info("out-of-order head compacted into block ulid={} mint={} maxt={} series={} samples={}",
                            meta.ulid(), t, t + range, meta.stats().numSeries(), meta.stats().numSamples());
                }
            }
        } catch (RuntimeException e) {
            counters.compactionsFailed.increment();
            throw e;
        } finally {
            counters.compactions.increment();
            counters.compactionNanos.add(System.nanoTime() - start);
        }
        blocks.reload(headBytes);
        try {
            readers.awaitOlder(readers.mark(), plan.mint(), plan.maxt());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("out-of-order compaction interrupted waiting for readers");
        }
        head.truncateOoo(plan);
        return written;
    }

    /** The aligned block range holding {@code t}: its exclusive end. */
    static long rangeEnd(long t, long range) {
        return Math.floorDiv(t, range) * range + range;
    }

    private int compactHead() throws IOException {
        int written = 0;
        long range = compactor.ranges()[0];
        while (head.compactable()) {
            long mint = head.minTime();
            long maxt = rangeEnd(mint, range);
            long start = System.nanoTime();
            BlockMeta meta;
            try (ChunkQuerier q = head.inOrderChunkQuerier(mint, maxt - 1)) {
                meta = compactor.write(dir, q, mint, maxt, null);
            } catch (RuntimeException e) {
                counters.compactionsFailed.increment();
                throw e;
            } finally {
                counters.compactions.increment();
                counters.compactionNanos.add(System.nanoTime() - start);
            }
            if (meta != null) {
                written++;
                LOG.info("head compacted into block ulid={} mint={} maxt={} series={} samples={}", meta.ulid(),
                        mint, maxt, meta.stats().numSeries(), meta.stats().numSamples());
            }
            // Load the block before truncating, and let readers that picked their blocks before it finish, so
            // no query ever misses the range.
            blocks.reload(headBytes);
            try {
                readers.awaitOlder(readers.mark(), mint, maxt - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("head compaction interrupted waiting for readers");
            }
            try {
                head.truncate(maxt);
            } catch (IOException | RuntimeException e) {
                counters.headTruncationsFailed.increment();
                throw e;
            }
            counters.headTruncations.increment();
        }
        return written;
    }

    private int compactBlocks() {
        int written = 0;
        while (true) {
            List<Block> loaded = blocks.blocks();
            Map<Ulid, Block> byId = new HashMap<>();
            List<BlockMeta> metas = new ArrayList<>();
            for (Block b : loaded) {
                byId.put(b.ulid(), b);
                metas.add(b.meta());
            }
            List<BlockMeta> plan = compactor.plan(metas);
            if (plan.isEmpty()) {
                return written;
            }
            List<Block> picked = new ArrayList<>();
            for (BlockMeta m : plan) {
                picked.add(byId.get(m.ulid()));
            }
            long start = System.nanoTime();
            BlockMeta out;
            try {
                out = compactor.compactBlocks(dir, picked);
            } catch (RuntimeException e) {
                counters.compactionsFailed.increment();
                LOG.error("compaction failed blocks={} err={}", plan.size(), e.getMessage());
                blocks.reload(headBytes); // pick up the failed marks
                return written;
            } finally {
                counters.compactions.increment();
                counters.compactionNanos.add(System.nanoTime() - start);
            }
            if (out != null) {
                written++;
                LOG.info("compacted blocks into ulid={} level={} from={}", out.ulid(), out.compaction().level(),
                        plan.size());
            }
            blocks.reload(headBytes);
        }
    }

    /** Rewrites every block with tombstones without the deleted samples; returns how many were rewritten. */
    int cleanTombstones() {
        int n = 0;
        for (Block b : blocks.blocks()) {
            if (b.tombstones().total() == 0) {
                continue;
            }
            long start = System.nanoTime();
            try {
                compactor.compactBlocks(dir, List.of(b));
                n++;
            } catch (RuntimeException e) {
                counters.compactionsFailed.increment();
                throw e;
            } finally {
                counters.compactions.increment();
                counters.compactionNanos.add(System.nanoTime() - start);
            }
        }
        if (n > 0) {
            blocks.reload(headBytes);
        }
        return n;
    }
}
