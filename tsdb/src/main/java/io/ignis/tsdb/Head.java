package io.ignis.tsdb;

import io.ignis.labels.Labels;
import io.ignis.storage.Appendable;
import io.ignis.storage.Appender;
import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.ChunkQueryable;
import io.ignis.storage.Querier;
import io.ignis.storage.Queryable;
import io.ignis.storage.StorageException;
import io.ignis.labels.Matcher;
import io.ignis.tsdb.chunks.ChunkDiskMapper;
import io.ignis.tsdb.chunks.HeadChunkFile;
import io.ignis.tsdb.encoding.EncodeBuffer;
import io.ignis.tsdb.index.MemPostings;
import io.ignis.tsdb.index.Postings;
import io.ignis.tsdb.index.PostingsForMatchers;
import io.ignis.tsdb.record.MmapMarkerBatch;
import io.ignis.tsdb.record.RecordEncoder;
import io.ignis.tsdb.record.SampleBatch;
import io.ignis.tsdb.record.TombstoneBatch;
import io.ignis.tsdb.wal.Checkpoint;
import io.ignis.tsdb.wal.Segments;
import io.ignis.tsdb.wal.WalWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory part of the TSDB: recent samples of every live series in XOR chunks, made durable by the
 * WAL in {@code <dir>/wal} and rebuilt from it on {@link #open}. Writers use {@link #appender()}, readers
 * {@link #querier(long, long)}; both are thread-safe and never see half a commit (see {@link Isolation}).
 * Thread-safe; the caller closes it.
 */
public final class Head implements Appendable, Queryable, ChunkQueryable, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Head.class);
    /** The directory of memory-mapped full head chunks, under the data directory. */
    public static final String CHUNKS_HEAD = "chunks_head";
    /** The out-of-order write-behind log, under the data directory (Prometheus's {@code wlog.WblDirName}). */
    public static final String WBL = "wbl";

    final HeadOptions opts;
    final StripeSeries series;
    final MemPostings postings = new MemPostings();
    final Isolation isolation = new Isolation();
    final HeadCounters counters = new HeadCounters();
    /** Serialises the WAL write and in-memory apply of commits, and series removal. */
    final ReentrantLock commitLock = new ReentrantLock();
    /** Idle appender buffers; about one per concurrent appender (scrape loops commit one at a time). */
    private final ConcurrentLinkedQueue<HeadAppender> appenderPool = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pooledAppenders = new AtomicInteger();
    private static final int MAX_POOLED_APPENDERS = 64;
    /** Counts commits, failed ones included; commit lock only. */
    long commitAttempts;
    /** Orders out-of-order chunk cuts across the head (see {@link OooMmappedChunk#seq}). */
    final AtomicLong oooSeqs = new AtomicLong();
    private final Path walDir;
    private final AtomicLong minTime = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong maxTime = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong minOooTime = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong maxOooTime = new AtomicLong(Long.MIN_VALUE);
    private volatile long minValidTime = Long.MIN_VALUE;
    private volatile long oooWindow;
    private WalWriter wal;
    /** The out-of-order WBL; null for in-memory heads and until out-of-order ingestion is first enabled. */
    private volatile WalWriter wbl;
    private ChunkDiskMapper mapper;
    /** Chunks found in {@code chunks_head/} on open, by series ref, until WAL replay creates their series. */
    private Long2ObjectOpenHashMap<List<long[]>> mappedOnOpen;
    private Long2ObjectOpenHashMap<List<long[]>> oooMappedOnOpen;
    /** The highest chunk reference found in {@code chunks_head/} on open; WBL markers beyond it are stale. */
    private long lastMmapRefOnOpen = -1;
    private volatile WalReplay.Result replay;
    private volatile boolean closed;

    private Head(Path walDir, HeadOptions opts) {
        this.walDir = walDir;
        this.opts = Objects.requireNonNull(opts, "opts");
        this.series = new StripeSeries(opts.stripeSize());
        this.oooWindow = opts.outOfOrderTimeWindowMillis();
    }

    /**
     * Opens the head over data directory {@code dir}: replays {@code dir/wal} (latest checkpoint plus the
     * segments after it), repairing a damaged tail, then appends to a new segment.
     */
    public static Head open(Path dir, HeadOptions opts) throws IOException {
        Head h = new Head(dir.resolve("wal"), opts);
        Long2ObjectOpenHashMap<List<long[]>> found = new Long2ObjectOpenHashMap<>();
        Long2ObjectOpenHashMap<List<long[]>> foundOoo = new Long2ObjectOpenHashMap<>();
        h.mapper = ChunkDiskMapper.open(dir.resolve(CHUNKS_HEAD), HeadChunkFile.DEFAULT_MAX_FILE_SIZE,
                (seriesRef, chunkRef, mint, maxt, enc, n) -> {
                    h.lastMmapRefOnOpen = Math.max(h.lastMmapRefOnOpen, chunkRef);
                    // XOR, histogram and float histogram chunks; out-of-order chunks are XOR only.
                    if (enc >= 1 && enc <= 3) {
                        found.computeIfAbsent(seriesRef, k -> new ArrayList<>()).add(new long[] {chunkRef, mint,
                            maxt, n, enc});
                    } else if (enc == (1 | HeadChunkFile.OUT_OF_ORDER_BIT)) {
                        foundOoo.computeIfAbsent(seriesRef, k -> new ArrayList<>()).add(new long[] {chunkRef, mint,
                            maxt, n});
                    }
                });
        h.mappedOnOpen = found;
        h.oooMappedOnOpen = foundOoo;
        WalReplay.Result r;
        Path wblDir = dir.resolve(WBL);
        SampleBatch lastCommitLate = new SampleBatch();
        try {
            r = WalReplay.replay(h, h.walDir, lastCommitLate);
            // As Prometheus: the WBL is read when it exists, whatever the window, and kept once it does.
            if (Files.isDirectory(wblDir) || opts.outOfOrderTimeWindowMillis() > 0) {
                WblReplay.replay(h, wblDir, h.lastMmapRefOnOpen);
                h.wbl = WalWriter.open(wblDir, opts.walSegmentSize(), opts.walCompression());
                h.restoreLastCommitLate(lastCommitLate);
            }
        } catch (IOException | RuntimeException e) {
            h.mapper.close();
            throw e;
        }
        h.mappedOnOpen = null;
        h.oooMappedOnOpen = null;
        h.wal = WalWriter.open(h.walDir, opts.walSegmentSize(), opts.walCompression());
        h.replay = r;
        LOG.info("wal replay completed series={} samples={} duration_ms={} corrupted={}", r.series(), r.samples(),
                r.millis(), r.repaired() != null);
        return h;
    }

    /**
     * Completes the last commit of the WAL when the process died between its WAL and WBL writes: its late samples
     * (in the WAL record, not in the open out-of-order chunk the WBL replay rebuilt) are inserted and logged to the
     * WBL, so the commit is whole again and stays so after the next crash, when its WAL record is no longer the
     * last. Without this, as in Prometheus, such a commit would come back with its in-order samples only. A sample
     * the WBL did bring back is a duplicate of the open chunk and is dropped; one in a chunk cut since is kept
     * twice, which readers and compaction merge away.
     */
    private void restoreLastCommitLate(SampleBatch late) {
        if (late.size() == 0) {
            return;
        }
        OooCommit commit = new OooCommit(this);
        int restored = 0;
        for (int i = 0; i < late.size(); i++) {
            MemSeries s = series.getByRef(late.ref(i));
            if (s != null && commit.insert(s, late.t(i), late.v(i), 0)) {
                restored++;
            }
        }
        commit.end();
        if (restored > 0) {
            LOG.info("restored out-of-order samples of the last commit missing from the WBL samples={}", restored);
        }
    }

    /** A head without a WAL: nothing survives close. For tests and throwaway storage. */
    public static Head inMemory(HeadOptions opts) {
        return new Head(null, opts);
    }

    @Override
    public Appender appender() {
        ensureOpen();
        return new PooledAppender(this);
    }

    /** An appender's buffers from the pool, or new ones. */
    HeadAppender borrowAppender() {
        HeadAppender a = appenderPool.poll();
        if (a == null) {
            return new HeadAppender(this);
        }
        pooledAppenders.decrementAndGet();
        return a;
    }

    /** Takes back an appender's buffers after its commit or rollback, unless the pool is full or they are huge. */
    void returnAppender(HeadAppender a) {
        if (a.pooledSizeOk() && pooledAppenders.get() < MAX_POOLED_APPENDERS) {
            pooledAppenders.incrementAndGet();
            appenderPool.offer(a);
        }
    }

    @Override
    public Querier querier(long mint, long maxt) {
        ensureOpen();
        return new HeadQuerier(this, mint, maxt);
    }

    /** The head's chunks, for writing a block; chunks cut by the range, deletions or isolation are re-encoded. */
    @Override
    public ChunkQuerier chunkQuerier(long mint, long maxt) {
        ensureOpen();
        return new HeadChunkQuerier(this, mint, maxt);
    }

    /** The lowest sample timestamp in the head, {@code Long.MAX_VALUE} while empty. */
    public long minTime() {
        return minTime.get();
    }

    /** The highest sample timestamp in the head, {@code Long.MIN_VALUE} while empty. */
    public long maxTime() {
        return maxTime.get();
    }

    /** The lowest out-of-order sample timestamp in the head, {@code Long.MAX_VALUE} when there is none. */
    public long minOooTime() {
        return minOooTime.get();
    }

    /** The highest out-of-order sample timestamp in the head, {@code Long.MIN_VALUE} when there is none. */
    public long maxOooTime() {
        return maxOooTime.get();
    }

    void updateOooTimes(long mint, long maxt) {
        minOooTime.accumulateAndGet(mint, Math::min);
        maxOooTime.accumulateAndGet(maxt, Math::max);
    }

    /** {@code storage.tsdb.out_of_order_time_window} in force, in ms; 0 when out-of-order ingestion is off. */
    public long outOfOrderTimeWindow() {
        return oooWindow;
    }

    /**
     * Changes the out-of-order window at runtime, as Prometheus's {@code DB.ApplyConfig}: appenders opened from
     * now on use it. Turning it on for the first time creates the WBL; turning it off keeps the WBL and the
     * out-of-order data already in the head, which stays queryable and is compacted as before.
     */
    public void setOutOfOrderTimeWindow(long millis) throws IOException {
        if (millis < 0) {
            throw new IllegalArgumentException("out-of-order time window must not be negative: " + millis);
        }
        commitLock.lock();
        try {
            if (millis > 0 && wbl == null && walDir != null) {
                wbl = WalWriter.open(walDir.resolveSibling(WBL), opts.walSegmentSize(), opts.walCompression());
            }
            oooWindow = millis;
        } finally {
            commitLock.unlock();
        }
    }

    /** The out-of-order WBL writer, or null; commit lock for writes. */
    WalWriter wbl() {
        return wbl;
    }

    /**
     * Whether the head spans more than 1.5 chunk ranges, so its oldest aligned range can go to a block, as
     * Prometheus's {@code Head.compactable}.
     */
    public boolean compactable() {
        return initialized() && maxTime() - minTime() > opts.chunkRangeMillis() / 2 * 3;
    }

    boolean initialized() {
        return minTime.get() != Long.MAX_VALUE;
    }

    /** Starts the time range of an empty head at its first sample, as Prometheus's {@code initTime}. */
    void initTime(long t) {
        maxTime.compareAndSet(Long.MIN_VALUE, t);
        minTime.compareAndSet(Long.MAX_VALUE, t);
    }

    /**
     * The oldest timestamp an appender may write, as Prometheus's {@code appendableMinValidTime}: half a
     * chunk range before the newest sample (so the block about to be compacted no longer changes), and not
     * below what blocks on disk already cover.
     */
    long appendableMinValidTime() {
        return Math.max(maxTime.get() - opts.chunkRangeMillis() / 2, minValidTime);
    }

    /** Samples below {@code t} are out of bounds from now on (set when blocks cover the range before it). */
    public void setMinValidTime(long t) {
        minValidTime = t;
    }

    long minValidTime() {
        return minValidTime;
    }

    void updateTimes(long mint, long maxt) {
        minTime.accumulateAndGet(mint, Math::min);
        maxTime.accumulateAndGet(maxt, Math::max);
    }

    /** The series with {@code labels}, created (and indexed) when new. */
    MemSeries getOrCreate(Labels labels) {
        return getOrCreate(labels, 0);
    }

    MemSeries getOrCreate(Labels labels, long ref) {
        StripeSeries.Created c = series.getOrCreate(labels, ref);
        if (c.created()) {
            MemSeries s = c.series();
            s.mapper = mapper;
            postings.add(s.ref, s.labels);
            counters.seriesCreated.increment();
            List<long[]> mapped = mappedOnOpen == null ? null : mappedOnOpen.remove(ref);
            if (mapped != null) {
                for (long[] m : mapped) {
                    s.attachMapped(m[0], (byte) m[4], m[1], m[2], (int) m[3]);
                    updateTimes(m[1], m[2]);
                    counters.chunksCreated.increment();
                }
            }
            List<long[]> late = oooMappedOnOpen == null ? null : oooMappedOnOpen.remove(ref);
            if (late != null) {
                for (long[] m : late) {
                    s.attachOooMapped(oooSeqs.incrementAndGet(), m[0], m[1], m[2], (int) m[3]);
                    updateOooTimes(m[1], m[2]);
                    counters.chunksCreated.increment();
                }
            }
        }
        return c.series();
    }

    WalWriter wal() {
        return wal;
    }

    /** Replaces the WAL writer; tests use it to make WAL writes fail. */
    void setWal(WalWriter w) {
        commitLock.lock();
        try {
            wal = w;
        } finally {
            commitLock.unlock();
        }
    }

    /** What the WAL replay at open found, or null for an in-memory head. */
    WalReplay.Result replayResult() {
        return replay;
    }

    /** The WAL directory, or null for an in-memory head. */
    public Path walDir() {
        return walDir;
    }

    /** Bytes of {@code chunks_head/} on disk, 0 for an in-memory head. */
    public long mappedChunkBytes() {
        return mapper == null ? 0 : mapper.size();
    }

    /** Syncs the WAL (and the WBL) to disk. */
    public void syncWal() throws IOException {
        WalWriter w = wal;
        if (w != null) {
            w.sync();
        }
        WalWriter b = wbl;
        if (b != null) {
            b.sync();
        }
    }

    public HeadStats stats() {
        HeadCounters c = counters;
        return new HeadStats(series.size(), c.seriesCreated.sum(), c.seriesRemoved.sum(), c.chunksCreated.sum(),
                c.chunksRemoved.sum(), c.samplesAppended.sum(), c.outOfOrder.sum(), c.outOfBounds.sum(),
                c.duplicates.sum(), minTime(), maxTime(), c.walCorruptions.sum(), c.replayUnknownRefs.sum(),
                c.oooAppended.sum(), c.tooOld.sum(), c.wblCorruptions.sum(), c.wblReplayUnknownRefs.sum(),
                c.histogramsAppended.sum());
    }

    /**
     * Deletes the samples in {@code [mint, maxt]} of the series matching {@code matchers}: a Tombstones
     * record goes to the WAL, then readers opened afterwards skip those samples. As Prometheus, the data stays
     * in memory until truncation or compaction drops it.
     */
    public void delete(long mint, long maxt, Matcher... matchers) throws IOException {
        ensureOpen();
        TombstoneBatch stones = new TombstoneBatch();
        List<MemSeries> hit = new ArrayList<>();
        Postings p = PostingsForMatchers.select(postings, matchers);
        while (p.next()) {
            MemSeries s = series.getByRef(p.at());
            if (s != null) {
                hit.add(s);
                stones.add(s.ref, mint, maxt);
            }
        }
        if (hit.isEmpty()) {
            return;
        }
        commitLock.lock();
        try {
            if (wal != null) {
                EncodeBuffer buf = new EncodeBuffer();
                RecordEncoder.tombstones(stones, buf);
                wal.log(buf.array(), buf.len(), true);
            }
            for (MemSeries s : hit) {
                s.addDeleted(mint, maxt);
            }
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * Drops everything before {@code mint} (after it went into a block): chunks ending before it, series left
     * without chunks, then checkpoints the older two thirds of the WAL and deletes what the checkpoint covers,
     * as Prometheus's {@code Head.Truncate}.
     */
    public void truncate(long mint) throws IOException {
        ensureOpen();
        truncateMemory(mint);
        if (mapper != null) {
            mapper.truncate(mint);
        }
        if (wal != null) {
            truncateWal(mint);
        }
    }

    /** Drops chunks ending before {@code mint} and series left without any; returns the series removed. */
    int truncateMemory(long mint) {
        if (mint <= minTime.get() && mint <= minValidTime) {
            return 0;
        }
        minValidTime = Math.max(minValidTime, mint);
        List<MemSeries> empty = new ArrayList<>();
        series.forEach(s -> {
            int dropped = s.truncateChunksBefore(mint);
            counters.chunksRemoved.add(dropped);
            if (s.hasNoChunks()) {
                empty.add(s);
            }
        });
        int removed = removeEmpty(empty);
        minTime.accumulateAndGet(mint, Math::max);
        if (series.size() == 0 && maxTime.get() < mint) {
            minTime.set(Long.MAX_VALUE);
            maxTime.set(Long.MIN_VALUE);
        }
        return removed;
    }

    /** Removes the series of {@code empty} still without chunks from the series map and the postings. */
    private int removeEmpty(List<MemSeries> empty) {
        LongOpenHashSet removed = new LongOpenHashSet();
        List<Labels> removedLabels = new ArrayList<>();
        commitLock.lock();
        try {
            // Under the commit lock no batch is being applied; appenders still holding a removed series
            // re-create it when they commit (see HeadAppender).
            for (MemSeries s : empty) {
                if (s.hasNoChunks()) {
                    s.removed = true;
                    series.remove(s);
                    removed.add(s.ref);
                    removedLabels.add(s.labels);
                }
            }
        } finally {
            commitLock.unlock();
        }
        postings.delete(removed::contains, removedLabels);
        counters.seriesRemoved.add(removed.size());
        return removed.size();
    }

    /**
     * Starts an out-of-order compaction, as Prometheus's {@code NewOOOCompactionHead}: under the commit lock, the
     * WBL moves to a new segment and every series' open out-of-order chunk is cut (with an m-map marker in the
     * WBL), so everything out-of-order so far is in cut chunks numbered up to the returned plan's {@code
     * lastSeq}. Null when the head holds no out-of-order samples.
     */
    OooCompactionPlan prepareOooCompaction() throws IOException {
        commitLock.lock();
        try {
            WalWriter w = wbl;
            int segment = w == null ? -1 : w.nextSegment();
            MmapMarkerBatch markers = new MmapMarkerBatch();
            long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
            series.forEach(s -> {
                long[] r = s.oooTimeRange();
                if (r == null) {
                    return;
                }
                range[0] = Math.min(range[0], r[0]);
                range[1] = Math.max(range[1], r[1]);
                long ref = s.cutOooHead(oooSeqs);
                if (ref >= 0) {
                    markers.add(s.ref, ref);
                }
            });
            if (w != null && markers.size() > 0) {
                EncodeBuffer buf = new EncodeBuffer();
                RecordEncoder.mmapMarkers(markers, buf);
                w.log(buf.array(), buf.len(), true);
            }
            return range[0] > range[1] ? null : new OooCompactionPlan(oooSeqs.get(), segment, range[0], range[1]);
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * What an out-of-order compaction covers: the cut chunks numbered up to {@code lastSeq}, the WBL segments
     * before {@code wblSegment} (-1 without a WBL), and their time range {@code [mint, maxt]}.
     */
    record OooCompactionPlan(long lastSeq, int wblSegment, long mint, long maxt) {
    }

    /** The cut out-of-order chunks a plan covers, over {@code [mint, maxt]}, for writing blocks from them. */
    ChunkQuerier oooChunkQuerier(long mint, long maxt, OooCompactionPlan plan) {
        ensureOpen();
        return new HeadChunkQuerier(this, mint, maxt, MemSeries.OOO_CUT, plan.lastSeq());
    }

    /** The in-order chunks only, over {@code [mint, maxt]}: what head compaction writes. */
    ChunkQuerier inOrderChunkQuerier(long mint, long maxt) {
        ensureOpen();
        return new HeadChunkQuerier(this, mint, maxt, MemSeries.IN_ORDER, Long.MAX_VALUE);
    }

    /**
     * Ends an out-of-order compaction whose blocks are loaded, as Prometheus's {@code truncateOOO}: drops the cut
     * chunks the plan covers, releases their {@code chunks_head/} files, deletes the WBL segments before the plan's
     * and the series left without any chunk.
     */
    void truncateOoo(OooCompactionPlan plan) throws IOException {
        long[] maxRef = {-1};
        long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
        List<MemSeries> empty = new ArrayList<>();
        long[] dropped = new long[2];
        series.forEach(s -> {
            s.truncateOoo(plan.lastSeq(), dropped);
            counters.chunksRemoved.add(dropped[0]);
            maxRef[0] = Math.max(maxRef[0], dropped[1]);
            long[] left = s.oooTimeRange();
            if (left != null) {
                range[0] = Math.min(range[0], left[0]);
                range[1] = Math.max(range[1], left[1]);
            }
            if (s.hasNoChunks()) {
                empty.add(s);
            }
        });
        minOooTime.set(range[0]);
        maxOooTime.set(range[1]);
        removeEmpty(empty);
        if (mapper != null && maxRef[0] >= 0) {
            mapper.releaseOutOfOrder(maxRef[0]);
        }
        WalWriter w = wbl;
        if (w != null && plan.wblSegment() >= 0) {
            w.truncate(plan.wblSegment());
        }
    }

    private void truncateWal(long mint) throws IOException {
        List<Segments.Ref> segs = Segments.list(walDir);
        if (segs.isEmpty()) {
            return;
        }
        int first = segs.get(0).index();
        int last = segs.get(segs.size() - 1).index();
        // Start a new segment so a quiet head does not keep more WAL than needed; never checkpoint the
        // segment that was being written, and only the older two thirds of the rest, as Prometheus does.
        wal.nextSegment();
        last--;
        last = first + (last - first) * 2 / 3;
        if (last <= first) {
            return;
        }
        Checkpoint.Stats st = Checkpoint.create(walDir, first, last, ref -> series.getByRef(ref) != null, mint);
        wal.truncate(last + 1);
        Checkpoint.deleteBefore(walDir, last);
        LOG.info("wal checkpoint created first={} last={} series_kept={} samples_kept={}", first, last,
                st.seriesKept(), st.samplesKept());
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException("head is closed");
        }
    }

    /** Closes the WAL (padding and syncing its last segment). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (wal != null || wbl != null) {
            commitLock.lock();
            try {
                if (wal != null) {
                    wal.close();
                }
                if (wbl != null) {
                    wbl.close();
                }
            } finally {
                commitLock.unlock();
            }
        }
        if (mapper != null) {
            mapper.close();
        }
    }
}
