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

    DbCompaction(Path dir, Head head, DbBlocks blocks, LeveledCompactor compactor, DbCounters counters,
                 LongSupplier headBytes) {
        this.dir = dir;
        this.head = head;
        this.blocks = blocks;
        this.compactor = compactor;
        this.counters = counters;
        this.headBytes = headBytes;
    }

    /** Runs head compaction then block compaction; returns how many blocks were written. */
    int run() throws IOException {
        int written = compactHead();
        written += compactBlocks();
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
            try (ChunkQuerier q = head.chunkQuerier(mint, maxt - 1)) {
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
            // Load the block before truncating, so no query ever misses the range.
            blocks.reload(headBytes);
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
}
