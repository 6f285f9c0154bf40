package io.ignis.tsdb;

import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.Querier;
import io.ignis.storage.StorageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocks a {@link Db} serves, and their reload, as Prometheus's {@code DB.reloadBlocks}: open new block
 * directories, skip and report corrupt ones, drop blocks marked deletable, blocks that a loaded block names as
 * its parents (they were compacted into it), and blocks beyond retention. A dropped block is closed, which
 * waits for the queriers holding it, and then deleted; queriers opened before the swap keep reading it.
 */
final class DbBlocks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DbBlocks.class);
    private static final Comparator<Block> BY_MIN_TIME =
            Comparator.comparingLong(Block::minTime).thenComparing(Block::ulid);

    /** What one reload did. */
    record Reload(List<Ulid> deleted, Map<Path, String> corrupt, boolean timeRetention, boolean sizeRetention) {
    }

    private final Path dir;
    private final DbOptions opts;
    private final DbCounters counters;
    /** Readers take it to pick up blocks; a reload takes it exclusively only to swap the list. */
    private final ReentrantReadWriteLock swapLock = new ReentrantReadWriteLock();
    private volatile List<Block> blocks = List.of();
    private volatile Map<Path, String> corrupt = Map.of();

    DbBlocks(Path dir, DbOptions opts, DbCounters counters) {
        this.dir = dir;
        this.opts = opts;
        this.counters = counters;
    }

    /** The loaded blocks ordered by start time. */
    List<Block> blocks() {
        return blocks;
    }

    /** The corrupt block directories the last reload skipped, with the reason. */
    Map<Path, String> corrupt() {
        return corrupt;
    }

    /**
     * Rescans the directory. {@code headBytes} supplies the head's on-disk size for size retention.
     *
     * @throws StorageException if a dropped block cannot be deleted
     */
    synchronized Reload reload(LongSupplier headBytes) {
        counters.reloads.increment();
        try {
            return doReload(headBytes);
        } catch (RuntimeException e) {
            counters.reloadsFailed.increment();
            throw e;
        }
    }

    private Reload doReload(LongSupplier headBytes) {
        Map<Ulid, Block> current = new HashMap<>();
        for (Block b : blocks) {
            current.put(b.ulid(), b);
        }
        List<Block> loadable = new ArrayList<>();
        Map<Path, String> bad = new LinkedHashMap<>();
        for (Path p : BlockDirs.list(dir)) {
            Ulid id = Ulid.parse(p.getFileName().toString());
            Block b = current.get(id);
            if (b == null) {
                try {
                    b = Block.open(p);
                } catch (RuntimeException e) {
                    bad.put(p, e.getMessage());
                    continue;
                }
            }
            loadable.add(b);
        }
        Set<Ulid> deletable = new HashSet<>();
        for (Block b : loadable) {
            if (b.meta().compaction().deletable()) {
                deletable.add(b.ulid());
            }
            for (BlockMeta.BlockDesc parent : b.meta().compaction().parents()) {
                deletable.add(parent.ulid());
            }
        }
        List<Block> newestFirst = new ArrayList<>();
        for (Block b : loadable) {
            if (!deletable.contains(b.ulid())) {
                newestFirst.add(b);
            }
        }
        newestFirst.sort(Comparator.comparingLong(Block::maxTime).reversed());
        Set<Ulid> byTime = DbRetention.beyondTime(newestFirst, opts.retentionMillis());
        Set<Ulid> bySize = DbRetention.beyondSize(newestFirst, opts.maxBytes(), headBytes.getAsLong());
        if (!byTime.isEmpty()) {
            counters.timeRetentions.increment();
        }
        if (!bySize.isEmpty()) {
            counters.sizeRetentions.increment();
        }
        deletable.addAll(byTime);
        deletable.addAll(bySize);
        List<Path> toDelete = new ArrayList<>();
        Map<Path, String> stillBad = new LinkedHashMap<>();
        for (Map.Entry<Path, String> e : bad.entrySet()) {
            // A corrupt block that was already compacted into a loaded one is simply garbage.
            if (deletable.contains(Ulid.parse(e.getKey().getFileName().toString()))) {
                toDelete.add(e.getKey());
            } else {
                stillBad.put(e.getKey(), e.getValue());
                LOG.error("skipping corrupt block dir={} err={}", e.getKey(), e.getValue());
            }
        }
        List<Block> keep = new ArrayList<>();
        List<Block> drop = new ArrayList<>();
        for (Block b : loadable) {
            (deletable.contains(b.ulid()) ? drop : keep).add(b);
        }
        for (Block b : blocks) {
            if (!loadable.contains(b)) {
                drop.add(b); // its directory vanished
            }
        }
        keep.sort(BY_MIN_TIME);
        swapLock.writeLock().lock();
        try {
            blocks = List.copyOf(keep);
        } finally {
            swapLock.writeLock().unlock();
        }
        if (stillBad.size() > corrupt.size()) {
            counters.corruptBlocksSkipped.add(stillBad.size() - corrupt.size());
        }
        corrupt = Map.copyOf(stillBad);
        List<Ulid> deleted = new ArrayList<>();
        for (Block b : drop) {
            b.close(); // waits for the queriers still reading it
            toDelete.add(b.dir());
            deleted.add(b.ulid());
        }
        for (Path p : toDelete) {
            try {
                if (p.toFile().exists()) {
                    BlockDirs.delete(p);
                }
            } catch (IOException e) {
                throw new StorageException("delete block " + p + ": " + e.getMessage(), e);
            }
        }
        if (!deleted.isEmpty()) {
            LOG.info("deleted blocks ulids={} time_retention={} size_retention={}", deleted, !byTime.isEmpty(),
                    !bySize.isEmpty());
        }
        return new Reload(deleted, stillBad, !byTime.isEmpty(), !bySize.isEmpty());
    }

    /** Queriers of the blocks overlapping {@code [mint, maxt]}, each holding its block open until closed. */
    List<Querier> queriers(long mint, long maxt) {
        swapLock.readLock().lock();
        try {
            List<Querier> out = new ArrayList<>();
            for (Block b : blocks) {
                if (b.overlapsClosedInterval(mint, maxt)) {
                    out.add(b.querier(mint, maxt));
                }
            }
            return out;
        } finally {
            swapLock.readLock().unlock();
        }
    }

    /** As {@link #queriers} over encoded chunks. */
    List<ChunkQuerier> chunkQueriers(long mint, long maxt) {
        swapLock.readLock().lock();
        try {
            List<ChunkQuerier> out = new ArrayList<>();
            for (Block b : blocks) {
                if (b.overlapsClosedInterval(mint, maxt)) {
                    out.add(b.chunkQuerier(mint, maxt));
                }
            }
            return out;
        } finally {
            swapLock.readLock().unlock();
        }
    }

    /** Sum of the loaded blocks' sizes on disk. */
    long bytes() {
        long n = 0;
        for (Block b : blocks) {
            n += b.size();
        }
        return n;
    }

    /** The highest end time of any loaded block, or {@code Long.MIN_VALUE}. */
    long maxTime() {
        long t = Long.MIN_VALUE;
        for (Block b : blocks) {
            t = Math.max(t, b.maxTime());
        }
        return t;
    }

    /**
     * The highest end time of the loaded blocks not made from out-of-order samples, or {@code Long.MIN_VALUE}, as
     * Prometheus's {@code inOrderBlocksMaxTime}: out-of-order blocks may reach into the head's range and must not
     * move its minimum valid time.
     */
    long inOrderMaxTime() {
        long t = Long.MIN_VALUE;
        for (Block b : blocks) {
            if (!b.meta().compaction().hints().contains(BlockMeta.HINT_FROM_OUT_OF_ORDER)) {
                t = Math.max(t, b.maxTime());
            }
        }
        return t;
    }

    @Override
    public synchronized void close() {
        List<Block> bs = blocks;
        swapLock.writeLock().lock();
        try {
            blocks = List.of();
        } finally {
            swapLock.writeLock().unlock();
        }
        for (Block b : bs) {
            b.close();
        }
    }
}
