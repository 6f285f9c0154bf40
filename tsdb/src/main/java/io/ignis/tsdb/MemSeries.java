package io.ignis.tsdb;

import io.ignis.labels.Labels;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricMetadata;
import io.ignis.model.StaleNaN;
import io.ignis.tsdb.chunkenc.Chunk;
import io.ignis.tsdb.chunkenc.ChunkEncoding;
import io.ignis.tsdb.chunkenc.FloatHistogramChunk;
import io.ignis.tsdb.chunkenc.HistogramChunk;
import io.ignis.tsdb.chunkenc.HistogramChunkAppender;
import io.ignis.tsdb.chunkenc.XorChunk;
import io.ignis.tsdb.chunkenc.XorHeadChunk;
import io.ignis.tsdb.chunks.ChunkDiskMapper;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One series in the head: its full chunks, the open head chunk, and what readers at each isolation epoch
 * may see. The open chunk is an XOR chunk ({@code head}) or a histogram or float-histogram chunk ({@code
 * histogramHead}), never both: a sample of another kind than the open chunk's cuts it, as Prometheus does.
 * Chunk and sample state is guarded by the series' own monitor; the fields marked "commit lock" are only touched
 * under {@link Head}'s commit lock.
 *
 * <p>Samples are numbered from 0 in append order ({@code total} counts them, also across truncation).
 * Isolation keeps, per commit that touched the series, the epoch and the sample count after it; a reader at
 * epoch E sees the count of the latest commit at or below E. Entries at or below the lowest open reader
 * epoch fold into {@code base}, so the ring stays short.
 */
final class MemSeries {
    static final int NOT_APPENDABLE_OUT_OF_ORDER = 1;
    static final int NOT_APPENDABLE_DUPLICATE = 2;
    static final int IDENTICAL_DUPLICATE = 3;
    static final int REJECTED = -1;
    static final int APPENDED = 0;
    static final int APPENDED_NEW_CHUNK = 1;
    private static final long[] NO_DELETIONS = new long[0];
    private static final long[] NO_REFS = new long[0];
    static final int OOO_DUPLICATE = -1;
    static final int OOO_INSERTED = 0;
    static final int OOO_INSERTED_NEW_CHUNK = 1;
    /** {@link #snapshot} parts: the in-order chunks, the cut out-of-order chunks, the open out-of-order chunk. */
    static final int IN_ORDER = 1;
    static final int OOO_CUT = 2;
    static final int OOO_HEAD = 4;
    static final int ALL = IN_ORDER | OOO_CUT | OOO_HEAD;
    private static final VarHandle MAX_T;

    static {
        try {
            MAX_T = MethodHandles.lookup().findVarHandle(MemSeries.class, "maxT", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final long ref;
    final Labels labels;

    private final FullChunks full = new FullChunks();
    private XorHeadChunk head;
    private Chunk histogramHead;
    private HistogramChunkAppender histogramApp;
    /** Prometheus's {@code histogramChunkHasComputedEndTime}: nextAt was predicted from the open chunk's size. */
    private boolean histogramEndComputed;
    /** The last sample when it is a histogram (Prometheus's {@code lastHistogramValue}, float one beside). */
    private Histogram lastH;
    private FloatHistogram lastFH;
    private long headMint;
    private long headMaxt;
    private long headFirst;
    private long nextAt;
    /**
     * The newest sample's timestamp; written under the series lock with release semantics ({@link #MAX_T}) so that
     * {@link #appendable} can read it without the lock. It never decreases.
     */
    private long maxT = Long.MIN_VALUE;
    private double lastV;
    private long total;

    private long base;
    /**
     * The isolation history's oldest entry (commit epoch, sample count after it), in fields: it is usually the only
     * one, and an array per series cost a cache miss per committed sample and about 100 bytes (#5 profiles).
     */
    private long firstEpoch;
    private long firstCount;
    /** The newer entries as pairs; null unless readers keep several commits apart. */
    private long[] ring;
    /** Entries in the history, the first included. */
    private int ringLen;
    private long[] deleted = NO_DELETIONS;
    private volatile MetricMetadata metadata;
    /** Where full chunks go; null keeps them on the heap (in-memory heads, or a series not yet published). */
    volatile ChunkDiskMapper mapper;
    /** End of the chunks found in {@code chunks_head/} on open: WAL replay skips samples up to it. */
    long mappedMaxTime = Long.MIN_VALUE;
    /** Out-of-order chunks; null until the first out-of-order sample. */
    private MemSeriesOoo ooo;
    /**
     * Disk references of the chunks the last {@link #insertOoo} cut (one per kind of sample in the cut chunk), empty
     * when it cut none or kept them on the heap. Read by the one thread inserting (commit lock, or WBL replay).
     */
    long[] lastOooCutRefs = NO_REFS;

    // Commit lock.
    boolean walLogged;
    boolean removed;
    long scratchAttempt;
    long scratchMaxT;
    double scratchV;
    long scratchHistogramAttempt;
    Histogram scratchHistogram;
    FloatHistogram scratchFloatHistogram;

    MemSeries(long ref, Labels labels) {
        this.ref = ref;
        this.labels = labels;
    }

    /**
     * Reads the fields an append and its commit use, and the open chunk's, so that they are in the CPU cache when
     * the sample comes ({@link HeadAppender#prefetch}); unlocked, the value means nothing.
     */
    long touch() {
        XorHeadChunk c = head;
        long x = maxT ^ total ^ nextAt ^ headMaxt ^ firstEpoch ^ scratchAttempt ^ ringLen;
        return c == null ? x : x ^ c.touch();
    }

    /**
     * Whether a sample at {@code t} could follow the committed samples: 0, or a NOT_APPENDABLE code. Decided without
     * the series lock unless {@code t} is the newest timestamp: {@code maxT} only grows, so a sample after the value
     * read is appendable as far as this batch can know (commit checks again under the commit lock), and one before
     * it is out of order for good. The lock cost a CAS per scraped sample (HeadScrapeCommitBenchmark, issue #5).
     */
    int appendable(long t, double v) {
        long newest = (long) MAX_T.getAcquire(this);
        if (t > newest) {
            return 0; // also an empty series: maxT is Long.MIN_VALUE until the first sample
        }
        if (t < newest) {
            return NOT_APPENDABLE_OUT_OF_ORDER;
        }
        return appendableAtNewest(t, v);
    }

    private synchronized int appendableAtNewest(long t, double v) {
        if (total == 0 || t > maxT) {
            return 0;
        }
        if (t < maxT) {
            return NOT_APPENDABLE_OUT_OF_ORDER;
        }
        if (lastH != null || lastFH != null) {
            return NOT_APPENDABLE_DUPLICATE; // a float at the timestamp of a histogram
        }
        return Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(lastV)
                ? IDENTICAL_DUPLICATE : NOT_APPENDABLE_DUPLICATE;
    }

    /**
     * As {@link #appendable(long, double)} for a histogram ({@code h}) or float histogram ({@code fh}, when
     * {@code h} is null), as Prometheus's {@code appendableHistogram}: at the last timestamp only an equal
     * histogram of the same kind is an identical duplicate.
     */
    synchronized int appendableHistogram(long t, Histogram h, FloatHistogram fh) {
        if (total == 0 || t > maxT) {
            return 0;
        }
        if (t < maxT) {
            return NOT_APPENDABLE_OUT_OF_ORDER;
        }
        boolean same = h != null ? HistogramValues.equal(h, lastH) : HistogramValues.equal(fh, lastFH);
        return same ? IDENTICAL_DUPLICATE : NOT_APPENDABLE_DUPLICATE;
    }

    /** The last sample if it is an integer histogram, else null. */
    synchronized Histogram lastHistogram() {
        return lastH;
    }

    /** The last sample if it is a float histogram, else null. */
    synchronized FloatHistogram lastFloatHistogram() {
        return lastFH;
    }

    /** Whether the last sample is a histogram or float histogram (a staleness marker stored as one included). */
    synchronized boolean lastIsHistogram() {
        return lastH != null || lastFH != null;
    }

    synchronized long maxTime() {
        return maxT;
    }

    /**
     * Appends a sample after the last one, cutting the head chunk as Prometheus does ({@code
     * memSeries.appendPreprocessor}): when the chunk would outgrow 1 KiB, when {@code t} reaches the
     * predicted end {@code nextAt}, or at twice the target sample count. {@code nextAt} starts at the end of
     * the chunk range holding the chunk's first sample and, once a quarter of the target count is in, is
     * moved so the rest of the range splits into equal chunks. A staleness marker for a series whose newest
     * chunk holds histograms is stored as a histogram staleness marker, as Prometheus's commit and WAL replay do.
     *
     * @return {@link #REJECTED}, appending nothing, when {@code t} is not after the last sample; else
     *     {@link #APPENDED} or {@link #APPENDED_NEW_CHUNK}
     */
    synchronized int append(long t, double v, long chunkRange, int samplesPerChunk) {
        if (total > 0 && t <= maxT) {
            return REJECTED;
        }
        if (StaleNaN.is(v)) {
            ChunkEncoding latest = latestEncoding();
            if (latest == ChunkEncoding.HISTOGRAM) {
                return appendHistogram(t, HistogramValues.STALE_HISTOGRAM, null, chunkRange);
            }
            if (latest == ChunkEncoding.FLOAT_HISTOGRAM) {
                return appendHistogram(t, null, HistogramValues.STALE_FLOAT_HISTOGRAM, chunkRange);
            }
        }
        boolean created = false;
        if (head == null) {
            cut(t, chunkRange);
            created = true;
        }
        if (!created && head.size() > XorChunk.MAX_BYTES_BEFORE_APPEND) {
            cut(t, chunkRange);
            created = true;
        }
        int n = head.numSamples();
        if (n == samplesPerChunk / 4 && n > 0) {
            nextAt = computeChunkEndTime(headMint, headMaxt, nextAt, 4);
        }
        if (n > 0 && (t >= nextAt || n >= samplesPerChunk * 2)) {
            cut(t, chunkRange);
            created = true;
        }
        head.append(t, v);
        headMaxt = t;
        MAX_T.setRelease(this, t);
        lastV = v;
        lastH = null;
        lastFH = null;
        total++;
        return created ? APPENDED_NEW_CHUNK : APPENDED;
    }

    /**
     * Appends a histogram ({@code h}) or float histogram ({@code fh}, when {@code h} is null) after the last
     * sample, as Prometheus's {@code memSeries.appendHistogram}: the chunk appender decides whether the sample
     * extends the open chunk, recodes it to a wider bucket layout (same chunk, as far as counts go) or starts a
     * new one (counter reset, schema or zero-threshold change, gauge/counter switch); the head cuts as {@link
     * #histogramsAppendPreprocessor} says. The histogram is kept by reference as the last value.
     *
     * @return as {@link #append}
     */
    synchronized int appendHistogram(long t, Histogram h, FloatHistogram fh, long chunkRange) {
        if (total > 0 && t <= maxT) {
            return REJECTED;
        }
        ChunkEncoding enc = h != null ? ChunkEncoding.HISTOGRAM : ChunkEncoding.FLOAT_HISTOGRAM;
        HistogramChunkAppender prev = histogramApp;
        boolean created = histogramsAppendPreprocessor(t, enc, chunkRange);
        // As Prometheus: the previous chunk's appender decides the new chunk's counter-reset header only when the
        // head itself cut the chunk.
        HistogramChunkAppender.AppendResult r = h != null
                ? histogramApp.appendHistogram(created ? prev : null, t, h, false)
                : histogramApp.appendFloatHistogram(created ? prev : null, t, fh, false);
        histogramApp = r.appender();
        if (r.chunk() != null) {
            if (r.recoded()) {
                histogramHead = r.chunk();
            } else {
                cutCurrent();
                histogramHead = r.chunk();
                headMint = t;
                headFirst = total;
                nextAt = rangeForTimestamp(t, chunkRange);
                created = true;
            }
        }
        headMaxt = t;
        MAX_T.setRelease(this, t);
        lastV = Double.NaN;
        lastH = h;
        lastFH = h != null ? null : fh;
        total++;
        return created ? APPENDED_NEW_CHUNK : APPENDED;
    }

    /**
     * Prometheus's {@code histogramsAppendPreprocessor}: cuts a new chunk of encoding {@code enc} when the open
     * chunk has another encoding, or when {@code t} reaches the predicted end {@code nextAt} or the chunk holds
     * twice the target bytes, provided it holds the minimum sample count or {@code t} starts the next chunk
     * range. {@code nextAt} is predicted once the chunk holds a quarter of the target bytes.
     */
    private boolean histogramsAppendPreprocessor(long t, ChunkEncoding enc, long chunkRange) {
        boolean created = false;
        if (histogramHead == null || histogramHead.encoding() != enc) {
            cutHistogram(t, enc, chunkRange);
            created = true;
        }
        int n = histogramHead.numSamples();
        int bytes = histogramHead.size();
        long nextRangeStart = histogramEndComputed ? rangeForTimestamp(headMint, chunkRange) : nextAt;
        if (!histogramEndComputed && bytes >= HistogramChunk.TARGET_BYTES / 4) {
            nextAt = computeChunkEndTime(headMint, headMaxt, nextAt, (double) HistogramChunk.TARGET_BYTES / bytes);
            histogramEndComputed = true;
        }
        // 65535: the chunk's sample count field is full; Prometheus relies on the size limits alone.
        if (n >= 0xffff || ((t >= nextAt || bytes >= HistogramChunk.TARGET_BYTES * 2)
                && (n >= HistogramChunk.MIN_SAMPLES || t >= nextRangeStart))) {
            cutHistogram(t, enc, chunkRange);
            created = true;
        }
        if (created) {
            histogramEndComputed = false;
        }
        return created;
    }

    private void cutHistogram(long t, ChunkEncoding enc, long chunkRange) {
        cutCurrent();
        head = null;
        histogramHead = enc == ChunkEncoding.HISTOGRAM ? new HistogramChunk() : new FloatHistogramChunk();
        histogramApp = (HistogramChunkAppender) histogramHead.appender();
        headMint = t;
        headMaxt = Long.MIN_VALUE;
        headFirst = total;
        nextAt = rangeForTimestamp(t, chunkRange);
    }

    private void cut(long t, long chunkRange) {
        int last = cutCurrent();
        head = last == 0 ? new XorHeadChunk() : new XorHeadChunk(last + (last >> 3) + 4);
        histogramHead = null;
        histogramApp = null;
        headMint = t;
        headMaxt = Long.MIN_VALUE;
        headFirst = total;
        nextAt = rangeForTimestamp(t, chunkRange);
    }

    /**
     * Moves the open chunk, if it holds samples, to the full chunks and hands it to the disk mapper; returns its
     * length in bytes, 0 when there was none.
     */
    private int cutCurrent() {
        byte[] bytes;
        int n;
        byte enc;
        if (head != null && head.numSamples() > 0) {
            bytes = head.finish();
            n = head.numSamples();
            enc = (byte) ChunkEncoding.XOR.code();
        } else if (histogramHead != null && histogramHead.numSamples() > 0) {
            bytes = histogramBytes();
            n = histogramHead.numSamples();
            enc = (byte) histogramHead.encoding().code();
        } else {
            return 0;
        }
        MemChunk c = new MemChunk(bytes, enc, headMint, headMaxt, n, headFirst);
        full.add(c);
        ChunkDiskMapper m = mapper;
        if (m != null) {
            m.write(ref, headMint, headMaxt, enc, bytes, c::onDisk);
        }
        return bytes.length;
    }

    private byte[] histogramBytes() {
        ByteBuffer b = histogramHead.bytes();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /**
     * The encoding of the newest in-order chunk, or of the last sample when no chunk is left, as Prometheus's
     * {@code latestInOrderValueType}: after a restart the last samples may sit in an m-mapped chunk only.
     */
    private ChunkEncoding latestEncoding() {
        if (head != null) {
            return ChunkEncoding.XOR;
        }
        if (histogramHead != null) {
            return histogramHead.encoding();
        }
        if (!full.isEmpty()) {
            ChunkEncoding e = ChunkEncoding.fromCode(full.lastEncoding());
            return e == null ? ChunkEncoding.XOR : e;
        }
        if (lastH != null) {
            return ChunkEncoding.HISTOGRAM;
        }
        return lastFH != null ? ChunkEncoding.FLOAT_HISTOGRAM : ChunkEncoding.XOR;
    }

    /** The end of the chunk range holding {@code t}, as Prometheus's {@code rangeForTimestamp}. */
    static long rangeForTimestamp(long t, long width) {
        return (t / width) * width + width;
    }

    /** Prometheus's {@code computeChunkEndTime}: equal-sized chunks for the rest of the range. */
    static long computeChunkEndTime(long start, long cur, long max, double ratioToFull) {
        double n = (double) (max - start) / ((double) (cur - start + 1) * ratioToFull);
        if (n <= 1) {
            return max;
        }
        return (long) (start + (max - start) / Math.floor(n));
    }

    /**
     * Adopts a chunk found in {@code chunks_head/} on open, before any sample of this series is replayed from
     * the WAL; chunks come in file order, which is time order per series.
     */
    synchronized void attachMapped(long chunkRef, byte encoding, long mint, long maxt, int numSamples) {
        if (head != null || histogramHead != null || (total > 0 && mint <= maxT)) {
            return; // not in order: the WAL still has these samples
        }
        full.addWritten(chunkRef, encoding, mint, maxt, numSamples, total);
        total += numSamples;
        MAX_T.setRelease(this, maxt);
        lastV = Double.NaN;
        lastH = null;
        lastFH = null;
        mappedMaxTime = maxt;
    }

    /** How many full chunks are still on the heap (not yet written to {@code chunks_head/}). */
    synchronized int chunksOnHeap() {
        return full.onHeap();
    }

    /** Makes everything appended so far visible to every reader (WAL replay, no readers yet). */
    synchronized void markAllVisible() {
        base = total;
        ringLen = 0;
        ring = null;
    }

    /**
     * Loads the commit scratch state (newest timestamp, last float) for commit attempt {@code attempt}, under one
     * acquisition of the series lock instead of one per field; commit lock only.
     */
    synchronized void loadScratch(long attempt) {
        scratchAttempt = attempt;
        scratchMaxT = total > 0 ? maxT : Long.MIN_VALUE;
        scratchV = lastV;
    }

    /** {@link #append} then, if it appended, {@link #recordCommit}, under one acquisition of the series lock. */
    synchronized int appendCommitted(long t, double v, long chunkRange, int samplesPerChunk, long epoch, long low) {
        int r = append(t, v, chunkRange, samplesPerChunk);
        if (r != REJECTED) {
            recordCommit(epoch, low);
        }
        return r;
    }

    /** {@link #appendHistogram} then, if it appended, {@link #recordCommit}, under one acquisition of the lock. */
    synchronized int appendHistogramCommitted(long t, Histogram h, FloatHistogram fh, long chunkRange, long epoch,
            long low) {
        int r = appendHistogram(t, h, fh, chunkRange);
        if (r != REJECTED) {
            recordCommit(epoch, low);
        }
        return r;
    }

    /** Records that commit {@code epoch} appended to this series; folds entries at or below {@code low}. */
    synchronized void recordCommit(long epoch, long low) {
        int drop = 0;
        while (drop < ringLen && epochAt(drop) <= low) {
            base = countAt(drop);
            drop++;
        }
        if (drop > 0) {
            for (int i = drop; i < ringLen; i++) {
                setEntry(i - drop, epochAt(i), countAt(i));
            }
            ringLen -= drop;
            if (ringLen <= 1) {
                ring = null;
            }
        }
        if (ringLen > 0 && epochAt(ringLen - 1) == epoch) {
            setEntry(ringLen - 1, epoch, total);
            return;
        }
        setEntry(ringLen++, epoch, total);
    }

    private long epochAt(int i) {
        return i == 0 ? firstEpoch : ring[2 * (i - 1)];
    }

    private long countAt(int i) {
        return i == 0 ? firstCount : ring[2 * (i - 1) + 1];
    }

    private void setEntry(int i, long epoch, long count) {
        if (i == 0) {
            firstEpoch = epoch;
            firstCount = count;
            return;
        }
        int j = 2 * (i - 1);
        if (ring == null) {
            ring = new long[4];
        } else if (j == ring.length) {
            ring = Arrays.copyOf(ring, ring.length * 2);
        }
        ring[j] = epoch;
        ring[j + 1] = count;
    }

    /** How many commits the isolation history still holds (for tests and stats). */
    synchronized int isolationEntries() {
        return ringLen;
    }

    private long visibleTotal(long epoch) {
        for (int i = ringLen - 1; i >= 0; i--) {
            if (epochAt(i) <= epoch) {
                return countAt(i);
            }
        }
        return base;
    }

    /**
     * What a reader at {@code epoch} sees of {@code [mint, maxt]}, in-order and out-of-order: null when nothing
     * visible overlaps the range.
     */
    ChunkSnapshot snapshot(long epoch, long mint, long maxt) {
        return snapshot(epoch, mint, maxt, ALL, Long.MAX_VALUE);
    }

    /**
     * As {@link #snapshot(long, long, long)} over the {@code parts} given ({@link #IN_ORDER}, {@link #OOO_CUT},
     * {@link #OOO_HEAD}), taking only the cut out-of-order chunks with {@code seq <= maxOooSeq}.
     */
    synchronized ChunkSnapshot snapshot(long epoch, long mint, long maxt, int parts, long maxOooSeq) {
        int max = full.size() + 1;
        byte[][] chunks = new byte[max][];
        byte[] encodings = new byte[max];
        int[] counts = new int[max];
        long[] mints = new long[max];
        long[] maxts = new long[max];
        int n = 0;
        if ((parts & IN_ORDER) != 0) {
            long visible = visibleTotal(epoch);
            for (int i = 0; i < max - 1; i++) {
                int cnt = (int) Math.min(full.numSamples(i), visible - full.firstIndex(i));
                if (cnt > 0 && full.mint(i) <= maxt && full.maxt(i) >= mint) {
                    encodings[n] = full.encoding(i);
                    chunks[n] = full.data(i, mapper);
                    counts[n] = cnt;
                    mints[n] = full.mint(i);
                    maxts[n++] = full.maxt(i);
                }
            }
            int open = head != null ? head.numSamples() : histogramHead != null ? histogramHead.numSamples() : 0;
            int cnt = (int) Math.min(open, visible - headFirst);
            if (cnt > 0 && headMint <= maxt && headMaxt >= mint) {
                encodings[n] = (byte) (head != null ? ChunkEncoding.XOR : histogramHead.encoding()).code();
                chunks[n] = head != null ? head.copyBytes() : histogramBytes();
                counts[n] = cnt;
                mints[n] = headMint;
                maxts[n++] = headMaxt;
            }
        }
        MemSeriesOoo.Samples late = ooo == null || (parts & (OOO_CUT | OOO_HEAD)) == 0 ? null
                : ooo.collect(epoch, mint, maxt, (parts & OOO_CUT) != 0 ? maxOooSeq : Long.MIN_VALUE,
                        (parts & OOO_HEAD) != 0, mapper);
        if (n == 0 && late == null) {
            return null;
        }
        return late == null
                ? new ChunkSnapshot(chunks, encodings, counts, mints, maxts, n, deleted, null, null, null, 0)
                : new ChunkSnapshot(chunks, encodings, counts, mints, maxts, n, deleted, late.ts, late.vs, late.hs,
                        late.n);
    }

    /**
     * Inserts an out-of-order sample into the open out-of-order chunk, first cutting it when full (its samples go
     * to {@code chunks_head/}; {@link #lastOooCutRefs} then says where), as Prometheus's {@code memSeries.insert}.
     *
     * @return {@link #OOO_DUPLICATE} when the open chunk already holds {@code t} (nothing inserted), else
     *     {@link #OOO_INSERTED} or {@link #OOO_INSERTED_NEW_CHUNK}
     */
    synchronized int insertOoo(long t, double v, long epoch, int capacity, AtomicLong seqs) {
        return insertOoo(t, v, null, null, epoch, capacity, seqs);
    }

    /** As {@link #insertOoo(long, double, long, int, AtomicLong)} for a float or a histogram ({@code h}/{@code fh}). */
    synchronized int insertOoo(long t, double v, Histogram h, FloatHistogram fh, long epoch, int capacity,
            AtomicLong seqs) {
        if (ooo == null) {
            ooo = new MemSeriesOoo();
        }
        lastOooCutRefs = NO_REFS;
        boolean created = false;
        if (ooo.head == null || ooo.head.isFull()) {
            if (ooo.head != null) {
                lastOooCutRefs = cutOoo(seqs);
            }
            ooo.head = new OooHeadChunk(capacity);
            created = true;
        }
        if (!ooo.head.insert(t, v, h, fh, epoch)) {
            return OOO_DUPLICATE;
        }
        return created ? OOO_INSERTED_NEW_CHUNK : OOO_INSERTED;
    }

    /** Cuts the open out-of-order chunk if it holds samples; returns the disk references of its chunks. */
    synchronized long[] cutOooHead(AtomicLong seqs) {
        if (ooo == null || ooo.head == null || ooo.head.n == 0) {
            return NO_REFS;
        }
        long[] refs = cutOoo(seqs);
        ooo.head = null;
        return refs;
    }

    private long[] cutOoo(AtomicLong seqs) {
        List<OooMmappedChunk> cs = OooMmappedChunk.cut(seqs.incrementAndGet(), ref, ooo.head, mapper);
        ooo.cut.addAll(cs);
        long[] refs = new long[cs.size()];
        int n = 0;
        for (OooMmappedChunk c : cs) {
            if (c.diskRef >= 0) {
                refs[n++] = c.diskRef;
            }
        }
        return n == refs.length ? refs : Arrays.copyOf(refs, n);
    }

    /** Forgets the open out-of-order chunk: a WBL m-map marker says its samples are in a chunk on disk. */
    synchronized void clearOooHead() {
        if (ooo != null) {
            ooo.head = null;
        }
    }

    /** Adopts an out-of-order chunk found in {@code chunks_head/} on open. */
    synchronized void attachOooMapped(long seq, long chunkRef, ChunkEncoding encoding, long mint, long maxt,
            int numSamples) {
        if (ooo == null) {
            ooo = new MemSeriesOoo();
        }
        ooo.cut.add(new OooMmappedChunk(seq, encoding, mint, maxt, numSamples, chunkRef, null, null));
    }

    /**
     * Drops the cut out-of-order chunks with {@code seq <= maxSeq} (they went into a block); puts how many into
     * {@code out[0]} and the highest disk reference dropped (or -1) into {@code out[1]}.
     */
    synchronized void truncateOoo(long maxSeq, long[] out) {
        if (ooo == null) {
            out[0] = 0;
            out[1] = -1;
            return;
        }
        ooo.truncate(maxSeq, out);
    }

    /** How many out-of-order samples the series holds, repeats across chunks included (for tests and stats). */
    synchronized int oooSampleCount() {
        if (ooo == null) {
            return 0;
        }
        int n = ooo.head == null ? 0 : ooo.head.n;
        for (OooMmappedChunk c : ooo.cut) {
            n += c.numSamples;
        }
        return n;
    }

    /** Whether the series holds out-of-order samples. */
    synchronized boolean hasOoo() {
        return ooo != null && !ooo.isEmpty();
    }

    /** The out-of-order samples' time range as {@code {min, max}}, or null when there are none. */
    synchronized long[] oooTimeRange() {
        return ooo == null || ooo.isEmpty() ? null : new long[] {ooo.minTime(), ooo.maxTime()};
    }

    /**
     * Drops the chunks that end before {@code mint}, the head chunk included, as Prometheus's
     * {@code truncateChunksBefore}; returns how many were dropped.
     */
    synchronized int truncateChunksBefore(long mint) {
        int dropped = full.truncateBefore(mint);
        if (full.isEmpty() && (head != null || histogramHead != null) && headMaxt < mint) {
            head = null;
            histogramHead = null;
            histogramApp = null;
            dropped++;
        }
        return dropped;
    }

    /** Whether the series holds no chunk (it may still have had samples, which were truncated). */
    synchronized boolean hasNoChunks() {
        return head == null && histogramHead == null && full.isEmpty() && (ooo == null || ooo.isEmpty());
    }

    /** Adds a deleted interval, merging nothing: readers skip samples inside any interval. */
    synchronized void addDeleted(long mint, long maxt) {
        long[] d = Arrays.copyOf(deleted, deleted.length + 2);
        d[d.length - 2] = mint;
        d[d.length - 1] = maxt;
        deleted = d;
    }

    MetricMetadata metadata() {
        return metadata;
    }

    void setMetadata(MetricMetadata m) {
        metadata = m;
    }
}
