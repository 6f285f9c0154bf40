package io.ignis.tsdb;

import io.ignis.labels.Labels;
import io.ignis.model.Exemplar;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricMetadata;
import io.ignis.model.StaleNaN;
import io.ignis.storage.Appender;
import io.ignis.storage.SampleRejection;
import io.ignis.storage.StorageException;
import io.ignis.tsdb.encoding.EncodeBuffer;
import io.ignis.tsdb.exemplar.CircularExemplarStorage;
import io.ignis.tsdb.exemplar.ExemplarRejection;
import io.ignis.tsdb.record.ExemplarBatch;
import io.ignis.tsdb.record.FloatHistogramBatch;
import io.ignis.tsdb.record.HistogramBatch;
import io.ignis.tsdb.record.MetadataBatch;
import io.ignis.tsdb.record.RecordEncoder;
import io.ignis.tsdb.record.SampleBatch;
import io.ignis.tsdb.record.SeriesBatch;
import io.ignis.tsdb.wal.WalWriter;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Batches samples for the {@link Head} in primitive arrays. Each append is checked against the committed
 * state of its series (out of bounds, out of order, duplicate) and rejected with a {@link SampleRejection}.
 * {@link #commit()} rechecks the batch in order under the head's commit lock (another batch may have
 * committed meanwhile), writes the Series, Samples and Metadata records to the WAL, applies the samples and
 * publishes them in one isolation epoch. The appender may be reused after commit or rollback. Not
 * thread-safe.
 *
 * <p>With an out-of-order window, as Prometheus's {@code memSeries.appendable}: a sample that cannot follow its
 * series (older than its newest sample, or than the appendable minimum) but is no older than the head's newest
 * sample minus the window goes into the series' out-of-order chunk; an older one is rejected as too old. The
 * out-of-order samples go to the WAL with the in-order ones (the WAL record is the commit point) and, after the
 * in-memory apply, to the WBL with an m-map marker wherever an out-of-order chunk was cut ({@link OooCommit}), as
 * Prometheus orders them.
 *
 * <p>Histograms are batched beside the floats and committed after them, as in one of Prometheus's append batches:
 * their WAL records (types 7 to 10) follow the samples record and they are applied after the floats. As Prometheus,
 * a sample that would then be applied before an earlier sample of the same series (a float after a histogram, or a
 * histogram of the other kind) starts a new segment of the batch, and segments are checked, logged and applied in
 * order, so every series keeps its append order in memory and in the WAL. With an out-of-order window, late
 * histograms go into the out-of-order chunks as late floats do (Prometheus 3.x).
 */
final class HeadAppender implements Appender {
    private static final int MAX_POOLED_CAPACITY = 1 << 14;
    private static final byte REJECTED = 0;
    private static final byte IN_ORDER = 1;
    private static final byte OUT_OF_ORDER = 2;
    private static final int HISTOGRAM_KIND = 1;
    private static final int FLOAT_HISTOGRAM_KIND = 2;

    private final Head head;
    private long minValidTime;
    private boolean minValidKnown;
    /** The head's newest sample and the out-of-order window when the batch started (Prometheus's headMaxt). */
    private long headMaxt;
    private long oooWindow;

    private MemSeries[] series = new MemSeries[64];
    private long[] ts = new long[64];
    private double[] vs = new double[64];
    private byte[] kinds = new byte[64];
    private int n;
    private MemSeries[] metaSeries = new MemSeries[8];
    private MetricMetadata[] metas = new MetricMetadata[8];
    private int metaN;
    private MemSeries[] exemplarSeries = new MemSeries[8];
    /** Whether each batched exemplar was exposed with its own timestamp (duplicates are judged by it). */
    private boolean[] exemplarHasTs = new boolean[8];
    private final ExemplarBatch exemplars = new ExemplarBatch();
    // Histograms: exactly one of hs[i] and fhs[i] is set.
    private MemSeries[] hSeries = new MemSeries[8];
    private long[] hTs = new long[8];
    private Histogram[] hs = new Histogram[8];
    private FloatHistogram[] fhs = new FloatHistogram[8];
    private byte[] hKinds = new byte[8];
    private int hn;
    private final HistogramBatch walHistograms = new HistogramBatch();
    private final FloatHistogramBatch walFloatHistograms = new FloatHistogramBatch();
    /**
     * Segments closed so far: floats {@code [segFloatEnd[k - 1], segFloatEnd[k])} and histograms likewise form
     * segment k; the open segment runs to {@code n} and {@code hn}. Empty (segs 0) unless kinds mix in a series.
     */
    private int[] segFloatEnd = new int[4];
    private int[] segHistogramEnd = new int[4];
    private int segs;
    /** The histogram kind (HISTOGRAM_KIND or FLOAT_HISTOGRAM_KIND) of each series with histograms in the segment. */
    private final Long2IntOpenHashMap histogramKinds = new Long2IntOpenHashMap();
    /** Encoded samples and histogram records, per segment in order; reused across commits. */
    private final List<EncodeBuffer> sampleRecords = new ArrayList<>(List.of(new EncodeBuffer(4096)));
    private long applyMint;
    private long applyMaxt;

    private final SeriesBatch walSeries = new SeriesBatch();
    private final SampleBatch walSamples = new SampleBatch();
    private final MetadataBatch walMetadata = new MetadataBatch();
    private final ExemplarBatch walExemplars = new ExemplarBatch();
    private final EncodeBuffer seriesBuf = new EncodeBuffer();
    private final EncodeBuffer metadataBuf = new EncodeBuffer();
    private final EncodeBuffer exemplarsBuf = new EncodeBuffer();
    private final OooCommit late;
    /** What {@link #prefetch} read, kept only so that its loads are not optimized away. */
    private long prefetched;

    HeadAppender(Head head) {
        this.head = head;
        this.late = new OooCommit(head);
    }

    @Override
    public long append(long ref, Labels labels, long t, double v) {
        MemSeries s = resolve(ref, labels);
        if (!minValidKnown) {
            if (!head.initialized()) {
                head.initTime(t);
            }
            minValidTime = head.appendableMinValidTime();
            headMaxt = head.maxTime();
            oooWindow = head.outOfOrderTimeWindow();
            minValidKnown = true;
        }
        if (t < minValidTime) {
            if (oooWindow == 0) {
                head.counters.outOfBounds.increment();
                throw SampleRejection.OUT_OF_BOUNDS;
            }
            checkWithinWindow(t);
        } else {
            switch (s.appendable(t, v)) {
                case MemSeries.NOT_APPENDABLE_OUT_OF_ORDER -> {
                    if (oooWindow == 0) {
                        head.counters.outOfOrder.increment();
                        throw SampleRejection.OUT_OF_ORDER;
                    }
                    checkWithinWindow(t);
                }
                case MemSeries.NOT_APPENDABLE_DUPLICATE -> {
                    head.counters.duplicates.increment();
                    throw SampleRejection.DUPLICATE;
                }
                default -> {
                    // Appendable, or identical to the last sample: accepted and dropped silently at commit, as
                    // federation and re-sent batches legitimately repeat samples.
                }
            }
        }
        if (!histogramKinds.isEmpty() && histogramKinds.containsKey(s.ref)) {
            cutSegment(); // a float after a histogram of its series: applied after it, as Prometheus's new batch
        }
        if (n == series.length) {
            grow();
        }
        series[n] = s;
        ts[n] = t;
        vs[n++] = v;
        return s.ref;
    }

    /**
     * Reads each known series' append-time state (the series, its open chunk, the chunk's last bytes) in a tight
     * loop: the loads of different series do not depend on each other, so the CPU overlaps their cache misses,
     * which the appends, one per parsed sample, would otherwise take one at a time (#5 profiles: the first touch of
     * a series was the largest single cost of a scrape of 200 targets).
     */
    @Override
    public void prefetch(long[] refs, int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            MemSeries s = head.series.getByRef(refs[i]);
            if (s != null) {
                sum += s.touch();
            }
        }
        prefetched = sum; // stored, so that the compiler keeps the loads
    }

    /** An out-of-order sample older than the window is too old, as Prometheus's {@code ErrTooOldSample}. */
    private void checkWithinWindow(long t) {
        if (t < headMaxt - oooWindow) {
            head.counters.tooOld.increment();
            throw SampleRejection.TOO_OLD;
        }
    }

    private MemSeries resolve(long ref, Labels labels) {
        if (ref != 0) {
            MemSeries s = head.series.getByRef(ref);
            if (s != null) {
                return s;
            }
        }
        if (labels == null || labels.isEmpty()) {
            throw new StorageException(ref != 0 ? "append: unknown series ref " + ref + " and no labels"
                    : "append: empty labelset");
        }
        return head.getOrCreate(labels);
    }

    private void grow() {
        int cap = series.length * 2;
        series = Arrays.copyOf(series, cap);
        ts = Arrays.copyOf(ts, cap);
        vs = Arrays.copyOf(vs, cap);
        kinds = Arrays.copyOf(kinds, cap);
    }

    /**
     * As Prometheus's {@code AppendHistogram}: out of bounds first, then Prometheus's validation (an invalid
     * histogram throws a {@link StorageException} with its reason), then the checks against the series' last
     * sample. The histogram is kept by reference: it is an immutable value.
     */
    @Override
    public long appendHistogram(long ref, Labels labels, long t, Histogram h, FloatHistogram fh) {
        if (h == null && fh == null) {
            throw new StorageException("append histogram: neither an integer nor a float histogram given");
        }
        startBatch(t);
        if (t < minValidTime) {
            if (oooWindow == 0) {
                head.counters.outOfBounds.increment();
                throw SampleRejection.OUT_OF_BOUNDS;
            }
            checkWithinWindow(t);
        }
        String invalid = h != null ? HistogramValidation.validate(h) : HistogramValidation.validate(fh);
        if (invalid != null) {
            throw new StorageException("append histogram: " + invalid);
        }
        MemSeries s = resolve(ref, labels);
        switch (s.appendableHistogram(t, h, h != null ? null : fh)) {
            case MemSeries.NOT_APPENDABLE_OUT_OF_ORDER -> {
                if (oooWindow == 0) {
                    head.counters.outOfOrder.increment();
                    throw SampleRejection.OUT_OF_ORDER;
                }
                checkWithinWindow(t);
            }
            case MemSeries.NOT_APPENDABLE_DUPLICATE -> {
                head.counters.duplicates.increment();
                throw SampleRejection.DUPLICATE;
            }
            default -> {
                // Appendable, or identical to the last sample (dropped silently at commit).
            }
        }
        int kind = h != null ? HISTOGRAM_KIND : FLOAT_HISTOGRAM_KIND;
        int before = histogramKinds.put(s.ref, kind);
        if (before != 0 && before != kind) {
            cutSegment(); // the integer and float histogram records would reorder them
            histogramKinds.put(s.ref, kind);
        }
        if (hn == hSeries.length) {
            int cap = hn * 2;
            hSeries = Arrays.copyOf(hSeries, cap);
            hTs = Arrays.copyOf(hTs, cap);
            hs = Arrays.copyOf(hs, cap);
            fhs = Arrays.copyOf(fhs, cap);
            hKinds = Arrays.copyOf(hKinds, cap);
        }
        hSeries[hn] = s;
        hTs[hn] = t;
        hs[hn] = h;
        fhs[hn++] = h != null ? null : fh;
        return s.ref;
    }

    /** Closes the open segment at the current float and histogram counts (see {@link #segs}). */
    private void cutSegment() {
        if (segs == segFloatEnd.length) {
            segFloatEnd = Arrays.copyOf(segFloatEnd, segs * 2);
            segHistogramEnd = Arrays.copyOf(segHistogramEnd, segs * 2);
        }
        segFloatEnd[segs] = n;
        segHistogramEnd[segs++] = hn;
        histogramKinds.clear();
    }

    /** Takes the head's bounds for this batch at its first sample (float or histogram). */
    private void startBatch(long t) {
        if (!minValidKnown) {
            if (!head.initialized()) {
                head.initTime(t);
            }
            minValidTime = head.appendableMinValidTime();
            headMaxt = head.maxTime();
            oooWindow = head.outOfOrderTimeWindow();
            minValidKnown = true;
        }
    }

    /**
     * Marks which histograms still fit after the floats of this batch and what committed meanwhile, as {@link
     * #check} does for floats; fills the histogram WAL batches and returns how many fit.
     */
    private int checkHistograms(long attempt, int from, int to) {
        long minValid = Math.max(head.minValidTime(), minValidTime);
        walHistograms.clear();
        walFloatHistograms.clear();
        int count = 0;
        for (int i = from; i < to; i++) {
            MemSeries s = current(hSeries[i]);
            hSeries[i] = s;
            if (s.scratchAttempt != attempt) {
                s.loadScratch(attempt);
            }
            if (s.scratchHistogramAttempt != attempt) {
                s.scratchHistogramAttempt = attempt;
                s.scratchHistogram = s.lastHistogram();
                s.scratchFloatHistogram = s.lastFloatHistogram();
            }
            long t = hTs[i];
            byte kind = REJECTED;
            if (t < minValid || t < s.scratchMaxT) {
                kind = checkOutOfOrderHistogram(s, i, t, minValid);
            } else if (t == s.scratchMaxT) {
                boolean same = hs[i] != null ? HistogramValues.equal(hs[i], s.scratchHistogram)
                        : HistogramValues.equal(fhs[i], s.scratchFloatHistogram);
                if (!same) {
                    head.counters.duplicates.increment();
                }
            } else {
                kind = IN_ORDER;
                s.scratchMaxT = t;
                s.scratchV = Double.NaN; // as MemSeries after a histogram
                s.scratchHistogram = hs[i];
                s.scratchFloatHistogram = fhs[i];
                logHistogram(s, i);
                count++;
            }
            hKinds[i] = kind;
        }
        return count;
    }

    /** As {@link #checkOutOfOrder} for histogram {@code i}. */
    private byte checkOutOfOrderHistogram(MemSeries s, int i, long t, long minValid) {
        if (oooWindow > 0) {
            if (t >= headMaxt - oooWindow) {
                logHistogram(s, i);
                return OUT_OF_ORDER;
            }
            head.counters.tooOld.increment();
        } else if (t < minValid) {
            head.counters.outOfBounds.increment();
        } else {
            head.counters.outOfOrder.increment();
        }
        return REJECTED;
    }

    private void logHistogram(MemSeries s, int i) {
        logSeries(s);
        if (hs[i] != null) {
            walHistograms.add(s.ref, hTs[i], hs[i]);
        } else {
            walFloatHistograms.add(s.ref, hTs[i], fhs[i]);
        }
    }

    /**
     * Encodes the segment's histogram records into the record buffers from {@code n} on, as Prometheus's {@code log}
     * orders them: integer then float histograms, each as an exponential record (types 7, 8) and a custom-buckets one
     * (9, 10) when there are such histograms. Returns the index after the last record.
     */
    private int encodeHistograms(int n) {
        if (walHistograms.size() > 0) {
            RecordEncoder.histogramSamples(walHistograms, record(n));
            n += record(n).len() > 0 ? 1 : 0;
            RecordEncoder.customBucketsHistogramSamples(walHistograms, record(n));
            n += record(n).len() > 0 ? 1 : 0;
        }
        if (walFloatHistograms.size() > 0) {
            RecordEncoder.floatHistogramSamples(walFloatHistograms, record(n));
            n += record(n).len() > 0 ? 1 : 0;
            RecordEncoder.customBucketsFloatHistogramSamples(walFloatHistograms, record(n));
            n += record(n).len() > 0 ? 1 : 0;
        }
        return n;
    }

    /** The {@code i}-th reusable record buffer of this commit. */
    private EncodeBuffer record(int i) {
        while (sampleRecords.size() <= i) {
            sampleRecords.add(new EncodeBuffer());
        }
        return sampleRecords.get(i);
    }

    /** Applies the histograms {@link #checkHistograms} kept, after the floats of their segment, in the same epoch. */
    private void applyHistograms(long epoch, long low, int from, int to) {
        long chunkRange = head.opts.chunkRangeMillis();
        long mint = applyMint;
        long maxt = applyMaxt;
        for (int i = from; i < to; i++) {
            if (hKinds[i] != IN_ORDER) {
                if (hKinds[i] == OUT_OF_ORDER) {
                    late.insert(hSeries[i], hTs[i], 0, hs[i], fhs[i], epoch);
                }
                continue;
            }
            MemSeries s = hSeries[i];
            int r = s.appendHistogramCommitted(hTs[i], hs[i], fhs[i], chunkRange, epoch, low);
            assert r != MemSeries.REJECTED : "bug: histogram checked under the commit lock was rejected";
            if (r == MemSeries.APPENDED_NEW_CHUNK) {
                head.counters.chunksCreated.increment();
            }
            mint = Math.min(mint, hTs[i]);
            maxt = Math.max(maxt, hTs[i]);
        }
        applyMint = mint;
        applyMaxt = maxt;
    }

    /**
     * As Prometheus's {@code headAppender.AppendExemplar}: for a series that exists already (append its sample
     * first), checked against the stored exemplars; a duplicate, or any exemplar while the storage is off, is dropped
     * without an error. Kept exemplars go to the WAL and the exemplar storage at commit.
     */
    @Override
    public long appendExemplar(long ref, Labels labels, Exemplar e) {
        CircularExemplarStorage storage = head.exemplars;
        if (!storage.enabled()) {
            return ref;
        }
        MemSeries s = ref != 0 ? head.series.getByRef(ref) : null;
        if (s == null && labels != null) {
            s = head.series.getByLabels(labels);
        }
        if (s == null) {
            throw new StorageException("unknown HeadSeriesRef when trying to add exemplar: " + ref);
        }
        StorageException rejected = storage.validate(s.labels, e.labels(), e.value(), e.timestamp(),
                e.hasTimestamp());
        if (rejected != null) {
            if (rejected == SampleRejection.DUPLICATE_EXEMPLAR || rejected == ExemplarRejection.DISABLED) {
                return s.ref;
            }
            throw rejected;
        }
        int i = exemplars.size();
        if (i == exemplarSeries.length) {
            exemplarSeries = Arrays.copyOf(exemplarSeries, i * 2);
            exemplarHasTs = Arrays.copyOf(exemplarHasTs, i * 2);
        }
        exemplarSeries[i] = s;
        exemplarHasTs[i] = e.hasTimestamp();
        exemplars.add(s.ref, e.timestamp(), e.value(), e.labels());
        return s.ref;
    }

    @Override
    public long updateMetadata(long ref, Labels labels, MetricMetadata m) {
        Objects.requireNonNull(m, "m");
        MemSeries s = resolve(ref, labels);
        if (!m.equals(s.metadata())) {
            if (metaN == metaSeries.length) {
                metaSeries = Arrays.copyOf(metaSeries, metaN * 2);
                metas = Arrays.copyOf(metas, metaN * 2);
            }
            metaSeries[metaN] = s;
            metas[metaN++] = m;
        }
        return s.ref;
    }

    @Override
    public void commit() {
        if (n == 0 && metaN == 0 && exemplars.size() == 0 && hn == 0) {
            reset();
            return;
        }
        cutSegment();
        head.commitLock.lock();
        try {
            long epoch = head.isolation.nextEpoch();
            long low = head.isolation.lowWatermark();
            long attempt = ++head.commitAttempts;
            boolean logged = head.wal() != null;
            walSeries.clear();
            int floatCount = 0;
            int histogramCount = 0;
            int records = 0;
            for (int k = 0; k < segs; k++) {
                floatCount += check(attempt, k == 0 ? 0 : segFloatEnd[k - 1], segFloatEnd[k]);
                if (logged && walSamples.size() > 0) {
                    RecordEncoder.samples(walSamples, record(records++));
                }
                histogramCount += checkHistograms(attempt, k == 0 ? 0 : segHistogramEnd[k - 1], segHistogramEnd[k]);
                if (logged) {
                    records = encodeHistograms(records);
                }
            }
            collectMetadataAndExemplars();
            writeWal(records);
            commitExemplars();
            apply(epoch, low, floatCount, histogramCount);
            head.isolation.publish(epoch);
        } finally {
            head.commitLock.unlock();
            reset();
        }
    }

    /**
     * Marks which samples still fit after what committed meanwhile; fills the WAL batches. {@code attempt}
     * tags the series' scratch state, valid for this commit only (also when it then fails).
     */
    private int check(long attempt, int from, int to) {
        // As Prometheus's commit: the batch's appendable minimum (every sample that passed append is at or above
        // it) or what truncation has raised it to since.
        long minValid = Math.max(head.minValidTime(), minValidTime);
        walSamples.clear();
        int count = 0;
        for (int i = from; i < to; i++) {
            MemSeries s = current(series[i]);
            series[i] = s;
            if (s.scratchAttempt != attempt) {
                s.loadScratch(attempt);
            }
            long t = ts[i];
            byte kind = REJECTED;
            if (t < minValid || t < s.scratchMaxT) {
                kind = checkOutOfOrder(s, t, vs[i], minValid);
            } else if (t == s.scratchMaxT) {
                if (Double.doubleToRawLongBits(vs[i]) != Double.doubleToRawLongBits(s.scratchV)) {
                    head.counters.duplicates.increment();
                }
            } else {
                kind = IN_ORDER;
                s.scratchMaxT = t;
                s.scratchV = vs[i];
                logSeries(s);
                walSamples.add(s.ref, t, vs[i]);
                count++;
            }
            kinds[i] = kind;
        }
        return count;
    }

    /** Out of order, within the window (it and its series then go to the WAL), too old, or rejected as before. */
    private byte checkOutOfOrder(MemSeries s, long t, double v, long minValid) {
        if (oooWindow > 0) {
            if (t >= headMaxt - oooWindow) {
                // Into the WAL too, as Prometheus: the WAL record is the commit point, so open can restore the
                // late samples of a last commit whose WBL record never reached the disk (see WalReplay).
                logSeries(s);
                walSamples.add(s.ref, t, v);
                return OUT_OF_ORDER;
            }
            head.counters.tooOld.increment();
        } else if (t < minValid) {
            head.counters.outOfBounds.increment();
        } else {
            head.counters.outOfOrder.increment();
        }
        return REJECTED;
    }

    /** The live series for {@code s}: re-created when truncation removed it while this batch was open. */
    private MemSeries current(MemSeries s) {
        return s.removed ? head.getOrCreate(s.labels) : s;
    }

    private void logSeries(MemSeries s) {
        if (!s.walLogged) {
            s.walLogged = true;
            walSeries.add(s.ref, s.labels);
        }
    }

    private void collectMetadataAndExemplars() {
        walMetadata.clear();
        for (int i = 0; i < metaN; i++) {
            MemSeries s = current(metaSeries[i]);
            metaSeries[i] = s;
            logSeries(s);
            walMetadata.add(s.ref, metas[i]);
        }
        walExemplars.clear();
        for (int i = 0; i < exemplars.size(); i++) {
            MemSeries s = current(exemplarSeries[i]);
            exemplarSeries[i] = s;
            logSeries(s);
            walExemplars.add(s.ref, exemplars.t(i), exemplars.v(i), exemplars.labels(i));
        }
    }

    /**
     * After the WAL write, as Prometheus's {@code commitExemplars}: into the exemplar storage, which checks them
     * again against what committed meanwhile; out-of-order ones are counted there and dropped.
     */
    private void commitExemplars() {
        for (int i = 0; i < exemplars.size(); i++) {
            head.exemplars.add(exemplarSeries[i].labels, exemplars.labels(i), exemplars.v(i), exemplars.t(i),
                    exemplarHasTs[i]);
        }
    }

    /** Writes the series record, the {@code sampleRecordCount} sample and histogram records, exemplars, metadata. */
    private void writeWal(int sampleRecordCount) {
        WalWriter wal = head.wal();
        if (wal == null) {
            return;
        }
        try {
            int records = sampleRecordCount + (walSeries.size() > 0 ? 1 : 0) + (walExemplars.size() > 0 ? 1 : 0)
                    + (walMetadata.size() > 0 ? 1 : 0);
            // Series first: replay must know a ref before its samples, exemplars and metadata.
            if (walSeries.size() > 0) {
                RecordEncoder.series(walSeries, seriesBuf);
                wal.log(seriesBuf.array(), seriesBuf.len(), --records == 0);
            }
            for (int i = 0; i < sampleRecordCount; i++) {
                EncodeBuffer b = sampleRecords.get(i);
                wal.log(b.array(), b.len(), --records == 0);
            }
            if (walExemplars.size() > 0) {
                RecordEncoder.exemplars(walExemplars, exemplarsBuf);
                wal.log(exemplarsBuf.array(), exemplarsBuf.len(), --records == 0);
            }
            if (walMetadata.size() > 0) {
                RecordEncoder.metadata(walMetadata, metadataBuf);
                wal.log(metadataBuf.array(), metadataBuf.len(), --records == 0);
            }
        } catch (IOException e) {
            for (int i = 0; i < walSeries.size(); i++) {
                MemSeries s = head.series.getByRef(walSeries.ref(i));
                if (s != null) {
                    s.walLogged = false;
                }
            }
            throw new StorageException("commit: write to WAL " + wal.dir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Applies each segment's floats then histograms; counts as Prometheus, a float staleness marker stored as a
     * histogram one (its series' open chunk holds histograms) among the histograms.
     */
    private void apply(long epoch, long low, int floatCount, int histogramCount) {
        applyMint = Long.MAX_VALUE;
        applyMaxt = Long.MIN_VALUE;
        int staleAsHistograms = 0;
        for (int k = 0; k < segs; k++) {
            staleAsHistograms += applyFloats(epoch, low, k == 0 ? 0 : segFloatEnd[k - 1], segFloatEnd[k]);
            applyHistograms(epoch, low, k == 0 ? 0 : segHistogramEnd[k - 1], segHistogramEnd[k]);
        }
        for (int i = 0; i < metaN; i++) {
            metaSeries[i].setMetadata(metas[i]);
        }
        if (applyMint <= applyMaxt) {
            head.updateTimes(applyMint, applyMaxt);
        }
        if (floatCount - staleAsHistograms > 0) {
            head.counters.samplesAppended.add(floatCount - staleAsHistograms);
        }
        if (histogramCount + staleAsHistograms > 0) {
            head.counters.histogramsAppended.add(histogramCount + staleAsHistograms);
        }
        late.end();
    }

    /** Applies floats {@code [from, to)}; returns how many staleness markers went in as histogram ones. */
    private int applyFloats(long epoch, long low, int from, int to) {
        long chunkRange = head.opts.chunkRangeMillis();
        int perChunk = head.opts.samplesPerChunk();
        long mint = applyMint;
        long maxt = applyMaxt;
        int staleAsHistograms = 0;
        for (int i = from; i < to; i++) {
            if (kinds[i] != IN_ORDER) {
                if (kinds[i] == OUT_OF_ORDER) {
                    late.insert(series[i], ts[i], vs[i], epoch);
                }
                continue;
            }
            MemSeries s = series[i];
            int r = s.appendCommitted(ts[i], vs[i], chunkRange, perChunk, epoch, low);
            assert r != MemSeries.REJECTED : "bug: sample checked under the commit lock was rejected";
            if (r == MemSeries.APPENDED_NEW_CHUNK) {
                head.counters.chunksCreated.increment();
            }
            if (StaleNaN.is(vs[i]) && s.lastIsHistogram()) {
                staleAsHistograms++;
            }
            mint = Math.min(mint, ts[i]);
            maxt = Math.max(maxt, ts[i]);
        }
        applyMint = mint;
        applyMaxt = maxt;
        return staleAsHistograms;
    }

    @Override
    public void rollback() {
        reset();
    }

    /** Whether these buffers are small enough to pool: a huge remote-write batch should not pin its arrays. */
    boolean pooledSizeOk() {
        return series.length <= MAX_POOLED_CAPACITY && sampleRecords.get(0).array().length <= MAX_POOLED_CAPACITY * 16
                && sampleRecords.size() <= 16;
    }

    private void reset() {
        Arrays.fill(series, 0, n, null);
        Arrays.fill(metaSeries, 0, metaN, null);
        Arrays.fill(metas, 0, metaN, null);
        Arrays.fill(exemplarSeries, 0, exemplars.size(), null);
        Arrays.fill(hSeries, 0, hn, null);
        Arrays.fill(hs, 0, hn, null);
        Arrays.fill(fhs, 0, hn, null);
        hn = 0;
        segs = 0;
        histogramKinds.clear();
        walHistograms.clear();
        walFloatHistograms.clear();
        exemplars.clear();
        walSeries.clear();
        walMetadata.clear();
        walExemplars.clear();
        n = 0;
        metaN = 0;
        minValidKnown = false;
    }
}
