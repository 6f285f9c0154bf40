package io.ignis.tsdb;

import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.storage.StorageException;
import io.ignis.tsdb.encoding.DecodeException;
import io.ignis.tsdb.record.FloatHistogramBatch;
import io.ignis.tsdb.record.HistogramBatch;
import io.ignis.tsdb.record.MetadataBatch;
import io.ignis.tsdb.record.RecordDecoder;
import io.ignis.tsdb.record.RecordType;
import io.ignis.tsdb.record.SampleBatch;
import io.ignis.tsdb.record.SeriesBatch;
import io.ignis.tsdb.record.TombstoneBatch;
import io.ignis.tsdb.wal.Checkpoint;
import io.ignis.tsdb.wal.Segments;
import io.ignis.tsdb.wal.WalCorruptionException;
import io.ignis.tsdb.wal.WalReader;
import io.ignis.tsdb.wal.WalRepair;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a {@link Head} from its WAL: the latest checkpoint, then the segments after it. One thread reads
 * and decodes records and creates series (so a series exists before any sample refers to it); samples are
 * sharded by series ref across worker threads, so each series is appended to by one thread, in WAL order.
 * A damaged WAL tail is repaired ({@link WalRepair}) and what came before it is kept; a damaged checkpoint
 * is an error, as in Prometheus.
 *
 * <p>Samples that cannot follow their series are dropped, as Prometheus's replay drops them: the WAL holds the late
 * samples too, and the WBL brings those back. Except for the last commit: its WAL record is written before its WBL
 * record, so a process killed between the two leaves late samples only in the WAL. The last samples record of the
 * segments is therefore held back and applied on the calling thread once the workers are done; its samples that
 * could not follow their series are handed to the caller, which restores those the WBL lacks (see {@link Head}).
 *
 * <p>Histogram records (types 7 to 10, and 12, 13) go to the same workers as floats, each worker's queue keeping WAL
 * order between the two; a histogram record ends the holding back of the samples record before it.
 */
final class WalReplay {
    private static final Logger LOG = LoggerFactory.getLogger(WalReplay.class);
    private static final int BATCH = 4096;
    private static final SampleBatch STOP = new SampleBatch(1);

    /** What a replay read, how long it took, and the repair it made (null when the WAL was intact). */
    public record Result(long series, long samples, long millis, WalRepair.Result repaired) {
    }

    private final Head head;
    private final RecordDecoder dec = new RecordDecoder();
    private final SeriesBatch series = new SeriesBatch();
    private SampleBatch samples = new SampleBatch(BATCH);
    /** The last samples record read from the segments, not yet applied (see the class comment). */
    private SampleBatch held = new SampleBatch(BATCH);
    private boolean holding;
    private boolean holdLast;
    private final SampleBatch lastCommitLate;
    private final TombstoneBatch stones = new TombstoneBatch();
    private final MetadataBatch metadata = new MetadataBatch();
    /** Refs of duplicate series records (same labels, new ref) mapped to the ref in use. */
    private final Long2LongOpenHashMap aliases = new Long2LongOpenHashMap();
    private final Worker[] workers;
    private final SampleBatch[] pending;
    private final ReplayHistograms[] pendingHistograms;
    private final HistogramBatch histograms = new HistogramBatch();
    private final FloatHistogramBatch floatHistograms = new FloatHistogramBatch();
    private final BlockingQueue<SampleBatch> free;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private long seriesCount;
    private long sampleCount;
    private long skippedRecords;

    private WalReplay(Head head, SampleBatch lastCommitLate) {
        this.head = head;
        this.lastCommitLate = lastCommitLate;
        int n = head.opts.replayWorkers();
        workers = new Worker[n];
        pending = new SampleBatch[n];
        pendingHistograms = new ReplayHistograms[n];
        free = new ArrayBlockingQueue<>(n * 16);
        for (int i = 0; i < n; i++) {
            workers[i] = new Worker(i);
            pending[i] = new SampleBatch(BATCH);
            pendingHistograms[i] = new ReplayHistograms();
        }
    }

    /**
     * Replays {@code walDir} into {@code head}; the samples of the last commit that could not follow their series
     * (its late samples) go into {@code lastCommitLate}.
     */
    static Result replay(Head head, Path walDir, SampleBatch lastCommitLate) throws IOException {
        long start = System.nanoTime();
        Checkpoint.deleteTemporary(walDir);
        Checkpoint.Ref cp = Checkpoint.last(walDir);
        WalReplay r = new WalReplay(head, lastCommitLate);
        WalRepair.Result repaired = null;
        for (Worker w : r.workers) {
            w.start();
        }
        try {
            if (cp != null) {
                try {
                    r.read(cp.dir(), Segments.list(cp.dir()));
                } catch (WalCorruptionException e) {
                    throw new StorageException("replay checkpoint " + cp.dir() + ": " + e.getMessage(), e);
                }
            }
            // Not the checkpoint's: head truncation never checkpoints the segment being written, so the last
            // commit is always in a segment.
            r.holdLast = true;
            try {
                r.read(walDir, Segments.listFrom(walDir, cp == null ? 0 : cp.index() + 1));
            } catch (WalCorruptionException e) {
                head.counters.walCorruptions.increment();
                r.finish();
                repaired = WalRepair.repair(e);
            }
        } finally {
            r.finish();
        }
        head.series.forEach(s -> {
            s.markAllVisible();
            s.walLogged = true;
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (r.skippedRecords > 0) {
            LOG.warn("wal replay skipped records this head does not keep yet count={}", r.skippedRecords);
        }
        return new Result(r.seriesCount, r.sampleCount, millis, repaired);
    }

    private void read(Path dir, List<Segments.Ref> segs) throws IOException {
        try (WalReader r = WalReader.open(dir, segs)) {
            while (r.next()) {
                try {
                    apply(r.record(), r.recordLength());
                } catch (DecodeException e) {
                    int type = RecordType.of(r.record(), r.recordLength());
                    throw new WalCorruptionException(dir, r.segment(), r.recordStart(),
                            "decode " + RecordType.name(type) + " record: " + e.getMessage());
                }
                checkWorkers();
            }
        }
    }

    private void apply(byte[] rec, int len) {
        if (len == 0) {
            return; // a torn header can read as an empty record; there is nothing in it
        }
        switch (RecordType.of(rec, len)) {
            case RecordType.SERIES -> {
                series.clear();
                dec.series(rec, len, series);
                for (int i = 0; i < series.size(); i++) {
                    long ref = series.ref(i);
                    MemSeries s = head.getOrCreate(series.labels(i), ref);
                    if (s.ref != ref) {
                        aliases.put(ref, s.ref);
                    }
                    seriesCount++;
                }
            }
            case RecordType.SAMPLES, RecordType.SAMPLES_V2 -> {
                samples.clear();
                dec.samples(rec, len, samples);
                if (!holdLast) {
                    dispatch(samples);
                    return;
                }
                if (holding) {
                    dispatch(held);
                }
                SampleBatch b = held;
                held = samples;
                samples = b;
                holding = true;
            }
            case RecordType.HISTOGRAM_SAMPLES, RecordType.CUSTOM_BUCKETS_HISTOGRAM_SAMPLES,
                    RecordType.HISTOGRAM_SAMPLES_V2 -> {
                histograms.clear();
                dec.histogramSamples(rec, len, histograms);
                releaseHeld();
                for (int i = 0; i < histograms.size(); i++) {
                    dispatchHistogram(histograms.ref(i), histograms.t(i), histograms.histogram(i), null);
                }
                sampleCount += histograms.size();
            }
            case RecordType.FLOAT_HISTOGRAM_SAMPLES, RecordType.CUSTOM_BUCKETS_FLOAT_HISTOGRAM_SAMPLES,
                    RecordType.FLOAT_HISTOGRAM_SAMPLES_V2 -> {
                floatHistograms.clear();
                dec.floatHistogramSamples(rec, len, floatHistograms);
                releaseHeld();
                for (int i = 0; i < floatHistograms.size(); i++) {
                    dispatchHistogram(floatHistograms.ref(i), floatHistograms.t(i), null,
                            floatHistograms.histogram(i));
                }
                sampleCount += floatHistograms.size();
            }
            case RecordType.TOMBSTONES -> {
                stones.clear();
                dec.tombstones(rec, len, stones);
                for (int i = 0; i < stones.size(); i++) {
                    MemSeries s = head.series.getByRef(resolve(stones.ref(i)));
                    if (s != null) {
                        s.addDeleted(stones.mint(i), stones.maxt(i));
                    }
                }
            }
            case RecordType.METADATA -> {
                metadata.clear();
                dec.metadata(rec, len, metadata);
                for (int i = 0; i < metadata.size(); i++) {
                    MemSeries s = head.series.getByRef(resolve(metadata.ref(i)));
                    if (s != null) {
                        s.setMetadata(metadata.metadata(i));
                    }
                }
            }
            case RecordType.UNKNOWN -> throw new DecodeException("unknown record type " + (rec[0] & 0xff), 0);
            default -> skippedRecords++; // exemplars: no storage for them in the head yet
        }
    }

    private long resolve(long ref) {
        return aliases.isEmpty() ? ref : aliases.getOrDefault(ref, ref);
    }

    /** Dispatches the held samples record now: a later record of another kind must not overtake it. */
    private void releaseHeld() {
        if (holding) {
            holding = false;
            dispatch(held);
        }
    }

    private void dispatchHistogram(long walRef, long t, Histogram h, FloatHistogram fh) {
        long ref = resolve(walRef);
        int w = (int) Long.remainderUnsigned(ref, workers.length);
        if (pending[w].size() > 0) {
            send(w); // this worker's floats read before go first
        }
        ReplayHistograms b = pendingHistograms[w];
        b.add(ref, t, h, fh);
        if (b.size >= BATCH) {
            sendHistograms(w);
        }
    }

    private void sendHistograms(int w) {
        ReplayHistograms b = pendingHistograms[w];
        pendingHistograms[w] = new ReplayHistograms();
        put(workers[w].queue, b);
    }

    private void dispatch(SampleBatch samples) {
        int n = workers.length;
        for (int i = 0; i < samples.size(); i++) {
            long ref = resolve(samples.ref(i));
            int w = (int) Long.remainderUnsigned(ref, n);
            if (pendingHistograms[w].size > 0) {
                sendHistograms(w); // this worker's histograms read before go first
            }
            SampleBatch b = pending[w];
            b.add(ref, samples.t(i), samples.v(i));
            if (b.size() >= BATCH) {
                send(w);
            }
        }
        sampleCount += samples.size();
    }

    private void send(int w) {
        SampleBatch b = pending[w];
        SampleBatch next = free.poll();
        pending[w] = next != null ? next : new SampleBatch(BATCH);
        put(workers[w].queue, b);
    }

    private static void put(BlockingQueue<Object> q, Object b) {
        try {
            q.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("wal replay interrupted", e);
        }
    }

    private void checkWorkers() {
        Throwable t = failure.get();
        if (t != null) {
            throw new StorageException("wal replay: apply samples: " + t.getMessage(), t);
        }
    }

    /** Hands out what is pending, stops the workers and waits for them, then applies the held record; idempotent. */
    private void finish() {
        for (int w = 0; w < workers.length; w++) {
            if (workers[w].isAlive()) {
                if (pending[w].size() > 0) {
                    send(w);
                }
                if (pendingHistograms[w].size > 0) {
                    sendHistograms(w);
                }
                put(workers[w].queue, STOP);
            }
        }
        for (Worker w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("wal replay interrupted", e);
            }
        }
        checkWorkers();
        if (holding) {
            holding = false;
            applyHeld();
        }
    }

    /** Appends the held record on this thread, as a worker would; what cannot follow goes to lastCommitLate. */
    private void applyHeld() {
        long chunkRange = head.opts.chunkRangeMillis();
        int perChunk = head.opts.samplesPerChunk();
        long mint = Long.MAX_VALUE;
        long maxt = Long.MIN_VALUE;
        long appended = 0;
        for (int i = 0; i < held.size(); i++) {
            long ref = resolve(held.ref(i));
            MemSeries s = head.series.getByRef(ref);
            long t = held.t(i);
            if (s == null) {
                head.counters.replayUnknownRefs.increment();
                continue;
            }
            if (t <= s.mappedMaxTime) {
                continue;
            }
            int r = s.append(t, held.v(i), chunkRange, perChunk);
            if (r == MemSeries.REJECTED) {
                lastCommitLate.add(ref, t, held.v(i));
                continue;
            }
            if (r == MemSeries.APPENDED_NEW_CHUNK) {
                head.counters.chunksCreated.increment();
            }
            appended++;
            mint = Math.min(mint, t);
            maxt = Math.max(maxt, t);
        }
        sampleCount += held.size();
        head.counters.samplesAppended.add(appended);
        if (mint <= maxt) {
            head.updateTimes(mint, maxt);
        }
    }

    /**
     * The series of one worker's shard by ref. Refs are handed out counting up from 1 (by Prometheus too),
     * so most fit a dense array indexed by {@code ref / shards}: one array read per sample instead of a
     * hash lookup. Refs beyond the array's reach go to a map. Beside each series sits its
     * {@link MemSeries#mappedMaxTime}, so samples already in {@code chunks_head/} (after a restart, most of the
     * WAL) are skipped without touching the series object: a read from a dense array, not a cache miss.
     */
    private static final class ShardSeries {
        private static final long DENSE_LIMIT = 1L << 26;
        private final int shards;
        private MemSeries[] dense = new MemSeries[1024];
        private long[] mapped = new long[1024];
        private final Long2ObjectOpenHashMap<MemSeries> sparse = new Long2ObjectOpenHashMap<>();

        ShardSeries(int shards) {
            this.shards = shards;
        }

        MemSeries get(long ref) {
            long i = ref / shards;
            if (ref >= 0 && i < dense.length) {
                return dense[(int) i];
            }
            return ref >= 0 && i < DENSE_LIMIT ? null : sparse.get(ref);
        }

        void put(long ref, MemSeries s) {
            long i = ref / shards;
            if (ref < 0 || i >= DENSE_LIMIT) {
                sparse.put(ref, s);
                return;
            }
            if (i >= dense.length) {
                int n = (int) Math.min(DENSE_LIMIT, Math.max(i + 1, dense.length * 2L));
                dense = Arrays.copyOf(dense, n);
                mapped = Arrays.copyOf(mapped, n);
            }
            dense[(int) i] = s;
            mapped[(int) i] = s.mappedMaxTime;
        }

        /** The mapped max time of a series {@link #put} here. */
        long mappedMaxTime(long ref) {
            long i = ref / shards;
            return ref >= 0 && i < dense.length ? mapped[(int) i] : sparse.get(ref).mappedMaxTime;
        }
    }

    /** Histograms bound for one worker, integer ({@code hs[i]}) or float ({@code fhs[i]}), in WAL order. */
    private static final class ReplayHistograms {
        long[] refs = new long[64];
        long[] ts = new long[64];
        Histogram[] hs = new Histogram[64];
        FloatHistogram[] fhs = new FloatHistogram[64];
        int size;

        void add(long ref, long t, Histogram h, FloatHistogram fh) {
            if (size == refs.length) {
                refs = Arrays.copyOf(refs, size * 2);
                ts = Arrays.copyOf(ts, size * 2);
                hs = Arrays.copyOf(hs, size * 2);
                fhs = Arrays.copyOf(fhs, size * 2);
            }
            refs[size] = ref;
            ts[size] = t;
            hs[size] = h;
            fhs[size++] = fh;
        }
    }

    /** Appends the samples of the series refs of one shard. */
    private final class Worker extends Thread {
        final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(16);
        private final long chunkRange = head.opts.chunkRangeMillis();
        private final int perChunk = head.opts.samplesPerChunk();
        private long mint = Long.MAX_VALUE;
        private long maxt = Long.MIN_VALUE;
        private long lastRef;
        private long appended;
        private long histogramsAppended;
        private long chunks;
        private long unknown;
        private MemSeries last;
        private long lastMapped = Long.MIN_VALUE;
        // This worker's shard of the series, so each sample costs no stripe lock.
        private ShardSeries cache;

        Worker(int i) {
            super("wal-replay-" + i);
            setDaemon(true);
        }

        @Override
        public void run() {
            cache = new ShardSeries(workers.length);
            try {
                for (Object o = queue.take(); o != STOP; o = queue.take()) {
                    if (o instanceof SampleBatch b) {
                        applyFloats(b);
                        b.clear();
                        free.offer(b);
                    } else {
                        applyHistograms((ReplayHistograms) o);
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
                // Keep draining so the reader never blocks on a full queue.
                drain();
            }
            head.counters.samplesAppended.add(appended);
            head.counters.histogramsAppended.add(histogramsAppended);
            head.counters.chunksCreated.add(chunks);
            head.counters.replayUnknownRefs.add(unknown);
            if (mint <= maxt) {
                head.updateTimes(mint, maxt);
            }
        }

        /** Points {@link #last} at the series of {@code ref} (null when unknown), with its mapped max time. */
        private void lookup(long ref) {
            if (ref != lastRef || last == null) {
                last = cache.get(ref);
                if (last == null) {
                    last = head.series.getByRef(ref);
                    if (last != null) {
                        cache.put(ref, last);
                    }
                }
                lastMapped = last == null ? Long.MIN_VALUE : cache.mappedMaxTime(ref);
                lastRef = ref;
            }
        }

        private void applyFloats(SampleBatch b) {
            for (int i = 0; i < b.size(); i++) {
                lookup(b.ref(i));
                if (last == null) {
                    unknown++;
                    continue;
                }
                long t = b.t(i);
                if (t <= lastMapped) {
                    continue; // already in a chunk from chunks_head/; the series stays untouched
                }
                int r = last.append(t, b.v(i), chunkRange, perChunk);
                if (r == MemSeries.REJECTED) {
                    // As Prometheus's replay: dropped, not counted. With out-of-order ingestion on, its WAL
                    // holds the late samples too; they come back from the WBL.
                    continue;
                }
                counted(r, t);
                appended++;
            }
        }

        /** As Prometheus's replay of histograms: those below the head's minimum valid time are dropped too. */
        private void applyHistograms(ReplayHistograms b) {
            long minValid = head.minValidTime();
            for (int i = 0; i < b.size; i++) {
                long t = b.ts[i];
                if (t < minValid) {
                    continue;
                }
                lookup(b.refs[i]);
                if (last == null) {
                    unknown++;
                    continue;
                }
                if (t <= lastMapped) {
                    continue;
                }
                int r = last.appendHistogram(t, b.hs[i], b.fhs[i], chunkRange);
                if (r == MemSeries.REJECTED) {
                    continue;
                }
                counted(r, t);
                histogramsAppended++;
            }
        }

        private void counted(int r, long t) {
            if (r == MemSeries.APPENDED_NEW_CHUNK) {
                chunks++;
            }
            mint = Math.min(mint, t);
            maxt = Math.max(maxt, t);
        }

        private void drain() {
            try {
                for (Object o = queue.take(); o != STOP; o = queue.take()) {
                    if (o instanceof SampleBatch b) {
                        b.clear();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
