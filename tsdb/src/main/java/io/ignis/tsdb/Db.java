package io.ignis.tsdb;

import io.ignis.labels.Matcher;
import io.ignis.storage.Appendable;
import io.ignis.storage.Appender;
import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.ChunkQueryable;
import io.ignis.storage.ExemplarQuerier;
import io.ignis.storage.ExemplarQueryable;
import io.ignis.storage.MergeChunkQuerier;
import io.ignis.storage.MergeQuerier;
import io.ignis.storage.Querier;
import io.ignis.storage.Queryable;
import io.ignis.storage.StorageException;
import io.ignis.tsdb.exemplar.ExemplarStats;
import io.ignis.tsdb.files.DirLock;
import io.ignis.tsdb.wal.Segments;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Prometheus-compatible time series database over one data directory: the blocks on disk, the head with
 * its WAL, compaction, retention, deletion and snapshots, as Prometheus's {@code tsdb.DB}. Writers use
 * {@link #appender()}; readers {@link #querier(long, long)}, which merges the blocks overlapping the range with
 * the head. Maintenance ({@link #compact()}: head compaction, block compaction, retention) runs on the caller's
 * thread or on a scheduler passed to {@link #startMaintenance}. Thread-safe; the caller closes it.
 */
public final class Db implements Appendable, Queryable, ChunkQueryable, ExemplarQueryable, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Db.class);
    private static final String CHUNKS_HEAD = Head.CHUNKS_HEAD;

    private final Path dir;
    private final DbOptions opts;
    private final DirLock lock;
    private final DbCounters counters = new DbCounters();
    private final DbBlocks blocks;
    private final LeveledCompactor compactor;
    /** One maintenance task (compaction, retention, delete, snapshot) at a time, as Prometheus's cmtx. */
    private final ReentrantLock maintenance = new ReentrantLock();
    private final DbSymbolSizes symbolSizes = new DbSymbolSizes();
    private final DbReaders readers = new DbReaders();
    private Head head;
    private DbCompaction compaction;
    private WalReplayStatus replay;
    private ScheduledFuture<?> scheduled;
    private volatile boolean closed;

    private Db(Path dir, DbOptions opts, DirLock lock, LongSupplier clock) {
        this.dir = dir;
        this.opts = opts;
        this.lock = lock;
        this.blocks = new DbBlocks(dir, opts, counters);
        this.compactor = new LeveledCompactor(opts.blockRanges(), new UlidGenerator(clock, new Random()));
    }

    /** Opens {@code dir} with the wall clock naming new blocks. */
    public static Db open(Path dir, DbOptions opts) throws IOException {
        return open(dir, opts, System::currentTimeMillis);
    }

    /**
     * Opens (creating if needed) the data directory {@code dir}: takes its {@code lock}, removes leftovers of
     * interrupted block writes and deletions, loads the blocks (a corrupt block is skipped and reported in
     * {@link #corruptBlocks()}, not fatal), drops deletable and compacted-away blocks and those beyond
     * retention, then opens the head, replaying the WAL.
     *
     * @param clock milliseconds since the epoch, for the ULIDs of new blocks
     * @throws StorageException if another process or another Db in this JVM has the directory open
     */
    public static Db open(Path dir, DbOptions opts, LongSupplier clock) throws IOException {
        Files.createDirectories(dir);
        DirLock lock;
        try {
            lock = DirLock.acquire(dir);
        } catch (StorageException e) {
            throw new StorageException("open TSDB " + dir + ": the data directory is in use: " + e.getMessage(), e);
        }
        Db db = new Db(dir, opts, lock, clock);
        try {
            db.init();
            return db;
        } catch (IOException | RuntimeException e) {
            db.closeQuietly();
            throw e;
        }
    }

    private void init() throws IOException {
        int removed = BlockDirs.removeTemporary(dir);
        if (removed > 0) {
            LOG.info("removed leftovers of interrupted block writes count={}", removed);
        }
        blocks.reload(this::headBytes);
        List<Segments.Ref> segs = Segments.list(dir.resolve("wal"));
        head = Head.open(dir, opts.head());
        long blocksEnd = blocks.inOrderMaxTime();
        if (blocksEnd != Long.MIN_VALUE) {
            // Samples the blocks already hold (a crash between writing a block and truncating the WAL) are
            // dropped from the head, and nothing may be appended before the blocks' end again.
            head.truncateMemory(blocksEnd);
            head.setMinValidTime(blocksEnd);
        }
        WalReplay.Result r = head.replayResult();
        int first = segs.isEmpty() ? 0 : segs.get(0).index();
        int last = segs.isEmpty() ? 0 : segs.get(segs.size() - 1).index();
        String damage = r.repaired() == null ? null : r.repaired().toString();
        replay = new WalReplayStatus(first, last, last, r.series(), r.samples(), r.millis(), damage);
        compaction = new DbCompaction(dir, head, blocks, compactor, counters, this::headBytes, readers);
    }

    public Path dir() {
        return dir;
    }

    public DbOptions options() {
        return opts;
    }

    /** The head, for tests and tools that need it directly. */
    public Head head() {
        return head;
    }

    /** The loaded blocks, ordered by start time. */
    public List<Block> blocks() {
        return blocks.blocks();
    }

    /** Corrupt block directories skipped by the last reload, with the reason. */
    public Map<Path, String> corruptBlocks() {
        return blocks.corrupt();
    }

    /**
     * An appender into the head. Samples older than the head's appendable window (half a block range before
     * its newest sample, and never before the end of the blocks on disk) are rejected as out of bounds.
     */
    @Override
    public Appender appender() {
        ensureOpen();
        return head.appender();
    }

    /**
     * A querier over {@code [mint, maxt]} merging the overlapping blocks and the head. It keeps those blocks
     * readable until it is closed, even if compaction or retention drops them meanwhile.
     */
    @Override
    public Querier querier(long mint, long maxt) {
        ensureOpen();
        long id = readers.enter(mint, maxt);
        List<Querier> qs = new ArrayList<>();
        try {
            qs.addAll(blocks.queriers(mint, maxt));
            qs.add(head.querier(mint, maxt));
        } catch (RuntimeException e) {
            readers.exit(id);
            new MergeQuerier(qs).close();
            throw e;
        }
        return new DbQuerier(new MergeQuerier(qs), () -> readers.exit(id));
    }

    /**
     * A chunk querier over the same sources as {@link #querier}. As in Prometheus, chunks of one series that
     * overlap across sources are merged and re-encoded (the earlier source wins equal timestamps).
     */
    @Override
    public ChunkQuerier chunkQuerier(long mint, long maxt) {
        ensureOpen();
        long id = readers.enter(mint, maxt);
        List<ChunkQuerier> qs = new ArrayList<>();
        try {
            qs.addAll(blocks.chunkQueriers(mint, maxt));
            qs.add(head.chunkQuerier(mint, maxt));
        } catch (RuntimeException e) {
            readers.exit(id);
            new MergeChunkQuerier(qs).close();
            throw e;
        }
        return new DbChunkQuerier(new MergeChunkQuerier(qs, CompactingChunkSeries::new), () -> readers.exit(id));
    }

    /**
     * One maintenance cycle: compacts the head while it spans more than 1.5 block ranges, merges blocks as the
     * leveled planner says, and applies retention (a reload). Returns how many blocks were written.
     */
    public int compact() throws IOException {
        ensureOpen();
        maintenance.lock();
        try {
            int n = compaction.run();
            blocks.reload(this::headBytes);
            return n;
        } finally {
            maintenance.unlock();
        }
    }

    /**
     * Writes the head's out-of-order samples into blocks (one per block range they touch, hint {@code
     * from-out-of-order}) and drops them from the head and the WBL, as Prometheus's {@code CompactOOOHead}. The
     * compaction cycle does this after each head compaction; overlapping blocks are then merged vertically.
     * Returns how many blocks were written.
     */
    public int compactOutOfOrderHead() throws IOException {
        ensureOpen();
        maintenance.lock();
        try {
            int n = compaction.compactOooHead();
            blocks.reload(this::headBytes);
            return n;
        } finally {
            maintenance.unlock();
        }
    }

    /**
     * Applies {@code storage.tsdb.out_of_order_time_window} from a (re)loaded configuration, as Prometheus's {@code
     * DB.ApplyConfig}: appenders opened from now on accept samples up to {@code millis} older than the head's
     * newest; 0 turns out-of-order ingestion off again. Turning it on creates {@code wbl/}.
     */
    public void setOutOfOrderTimeWindow(long millis) throws IOException {
        ensureOpen();
        head.setOutOfOrderTimeWindow(millis);
    }

    /**
     * The head's exemplars, as Prometheus's {@code DB.ExemplarQuerier}: exemplars live in memory only, so blocks
     * have none.
     */
    @Override
    public ExemplarQuerier exemplarQuerier() {
        ensureOpen();
        return head.exemplarQuerier();
    }

    /**
     * Applies {@code storage.exemplars.max_exemplars} from a (re)loaded configuration: keeps the newest exemplars
     * that fit; 0 stops storing them. Returns how many were kept.
     */
    public int resizeExemplars(long maxExemplars) {
        ensureOpen();
        return head.resizeExemplars(maxExemplars);
    }

    /** The exemplar storage's self-metrics now ({@code prometheus_tsdb_exemplar_*}). */
    public ExemplarStats exemplarStats() {
        ensureOpen();
        return head.exemplarStats();
    }

    /** Reloads the blocks, applying retention; Prometheus runs this every minute. */
    public void reload() {
        ensureOpen();
        maintenance.lock();
        try {
            blocks.reload(this::headBytes);
        } finally {
            maintenance.unlock();
        }
    }

    /**
     * Runs {@link #compact()} every {@code period} on {@code scheduler} (one thread is enough: cycles never
     * overlap). Failures are logged and counted, and the next cycle tries again.
     */
    public synchronized void startMaintenance(ScheduledExecutorService scheduler, Duration period) {
        if (scheduled != null) {
            throw new IllegalStateException("maintenance already started");
        }
        long ms = period.toMillis();
        scheduled = scheduler.scheduleWithFixedDelay(() -> {
            try {
                if (!closed) {
                    compact();
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("tsdb maintenance failed err={}", e.toString());
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Deletes the samples in {@code [mint, maxt]} of the series matching {@code matchers}: tombstones in every
     * overlapping block and in the head. Queriers opened afterwards no longer see them; compaction or
     * {@link #cleanTombstones()} removes them from disk.
     */
    public void delete(long mint, long maxt, Matcher... matchers) throws IOException {
        ensureOpen();
        maintenance.lock();
        try {
            for (Block b : blocks.blocks()) {
                if (b.overlapsClosedInterval(mint, maxt)) {
                    b.delete(mint, maxt, matchers);
                }
            }
            boolean inOrder = head.initialized() && mint <= head.maxTime() && maxt >= head.minTime();
            if (inOrder || (mint <= head.maxOooTime() && maxt >= head.minOooTime())) {
                head.delete(mint, maxt, matchers);
            }
        } finally {
            maintenance.unlock();
        }
    }

    /**
     * Rewrites every block that has tombstones without the deleted samples (a block left empty is dropped),
     * as Prometheus's {@code DB.CleanTombstones}. Returns how many blocks were rewritten.
     */
    public int cleanTombstones() {
        ensureOpen();
        maintenance.lock();
        try {
            return compaction.cleanTombstones();
        } finally {
            maintenance.unlock();
        }
    }

    /**
     * Writes a snapshot into {@code into}: hard links to every block and, when {@code withHead}, the head as
     * one more block. Returns how many blocks it holds.
     */
    public int snapshot(Path into, boolean withHead) throws IOException {
        ensureOpen();
        maintenance.lock();
        try {
            return DbSnapshot.write(into, blocks.blocks(), withHead ? head : null, compactor);
        } finally {
            maintenance.unlock();
        }
    }

    /** Self-metrics now; see {@link DbStats} for the metric names. */
    public DbStats stats() {
        ensureOpen();
        return DbStatsCollector.collect(this, head, blocks, counters, symbolSizes);
    }

    /** The data of {@code /api/v1/status/tsdb}, each top list cut to {@code limit} entries. */
    public TsdbStatus status(int limit) {
        ensureOpen();
        return HeadCardinality.of(head, limit);
    }

    /** The data of {@code /api/v1/status/walreplay}. */
    public WalReplayStatus walReplayStatus() {
        return replay;
    }

    /** Bytes of the head on disk (WAL, WBL and head chunks), as size retention counts them. */
    long headBytes() {
        return BlockDirs.sizeOf(dir.resolve("wal")) + BlockDirs.sizeOf(dir.resolve(CHUNKS_HEAD))
                + BlockDirs.sizeOf(dir.resolve(Head.WBL));
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException("TSDB " + dir + " is closed");
        }
    }

    /**
     * Stops maintenance, syncs and closes the WAL, unmaps the blocks (waiting for open queriers) and releases
     * the lock.
     */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
        maintenance.lock();
        try {
            if (head != null) {
                long start = System.nanoTime();
                head.syncWal();
                counters.walFsyncs.increment();
                counters.walFsyncNanos.add(System.nanoTime() - start);
                head.close();
            }
            blocks.close();
        } finally {
            maintenance.unlock();
            lock.close();
        }
    }

    private void closeQuietly() {
        try {
            if (head != null) {
                head.close();
            }
            blocks.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("closing after failed open err={}", e.toString());
        } finally {
            lock.close();
        }
    }
}
