package io.ignis.server.remote;

import io.ignis.labels.Labels;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricMetadata;
import io.ignis.tsdb.encoding.DecodeException;
import io.ignis.tsdb.record.ExemplarBatch;
import io.ignis.tsdb.record.FloatHistogramBatch;
import io.ignis.tsdb.record.HistogramBatch;
import io.ignis.tsdb.record.MetadataBatch;
import io.ignis.tsdb.record.RecordDecoder;
import io.ignis.tsdb.record.RecordType;
import io.ignis.tsdb.record.SampleBatch;
import io.ignis.tsdb.record.SeriesBatch;
import io.ignis.tsdb.wal.Checkpoint;
import io.ignis.tsdb.wal.Segments;
import io.ignis.tsdb.wal.WalReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails Ignis's own WAL for one remote-write queue, as Prometheus's {@code wlog.Watcher} does: series records from
 * the latest checkpoint and every segment, samples (and exemplars, native histograms, metadata) from the resume
 * position on, handed to a {@link Sink} in WAL order. Unlike Prometheus, the resume position survives restarts
 * (the queue persists how far it has sent), so samples written while the receiver or Ignis was down are still
 * sent while the WAL holds them. Without a saved position it starts at the beginning of the newest segment, as
 * Prometheus does.
 *
 * <p>Segments are read from where the last poll stopped ({@link SegmentTail}), so a poll costs only the bytes
 * written since.
 */
final class WalWatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(WalWatcher.class);

    /** Receives the WAL's contents; called on the watcher thread only. */
    interface Sink {
        /** A series record read from {@code segment} (a checkpoint's series carry the checkpoint's number). */
        void storeSeries(long ref, Labels labels, int segment);

        /** Forgets series last stored from a segment below {@code segment}: a checkpoint dropped them. */
        void seriesReset(int segment);

        /** The entries that follow, up to {@link #recordDone}, come from the record starting there. */
        void beginRecord(int segment, long start);

        void appendSample(long ref, long t, double v, long seq) throws InterruptedException;

        void appendExemplar(long ref, long t, double v, Labels exemplar, long seq) throws InterruptedException;

        /** One native histogram: {@code h} for an integer one, else {@code fh}; the other is null. */
        void appendHistogram(long ref, long t, Histogram h, FloatHistogram fh, long seq) throws InterruptedException;

        void updateMetadata(long ref, MetricMetadata m);

        /** All of record {@code seq} was handed over; it ends at {@code end}. */
        void recordDone(long seq, WalPosition end);

        /** Called between polls, on the watcher thread: a safe point to reshard. */
        void idle() throws InterruptedException;
    }

    private final Path walDir;
    private final Sink sink;
    private final boolean sendExemplars;
    private final boolean sendHistograms;
    private final long pollNanos;
    private final RecordDecoder decoder = new RecordDecoder();
    private final SeriesBatch seriesBatch = new SeriesBatch();
    private final SampleBatch sampleBatch = new SampleBatch();
    private final ExemplarBatch exemplarBatch = new ExemplarBatch();
    private final MetadataBatch metadataBatch = new MetadataBatch();
    private final HistogramBatch histogramBatch = new HistogramBatch();
    private final FloatHistogramBatch floatHistogramBatch = new FloatHistogramBatch();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean closed;
    /** Samples are sent from records starting at or after this position. */
    private WalPosition sendFrom;
    /** Everything before this position has been read. */
    private WalPosition read = WalPosition.START;
    private long seq;
    private int checkpoint = -1;

    WalWatcher(Path walDir, WalPosition resume, boolean sendExemplars, boolean sendHistograms, long pollNanos,
               Sink sink) {
        this.walDir = walDir;
        this.sendFrom = resume;
        this.sendExemplars = sendExemplars;
        this.sendHistograms = sendHistograms;
        this.pollNanos = pollNanos;
        this.sink = sink;
    }

    @Override
    public void run() {
        try {
            start();
            while (!closed) {
                boolean progressed = poll();
                sink.idle();
                if (!progressed) {
                    await();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.error("remote write wal watcher stopped dir={} err={}", walDir, e.toString(), e);
        }
    }

    void close() {
        closed = true;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the watcher for an immediate poll (tests; a future WAL-commit hook). */
    void notifyWritten() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void await() throws InterruptedException {
        lock.lock();
        try {
            if (!closed) {
                wake.await(pollNanos, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Loads series from the newest checkpoint and fixes where reading and sending start. */
    private void start() throws IOException, InterruptedException {
        Checkpoint.Ref cp = Checkpoint.last(walDir);
        int first = 0;
        if (cp != null) {
            readCheckpoint(cp);
            first = cp.index() + 1;
        }
        List<Segments.Ref> segs = Segments.listFrom(walDir, first);
        if (!segs.isEmpty()) {
            first = segs.get(0).index();
        }
        read = new WalPosition(first, 0);
        if (sendFrom == null) {
            int last = Segments.last(walDir);
            sendFrom = new WalPosition(Math.max(last, first), 0);
        }
        LOG.info("remote write wal watcher started dir={} read_from={} send_from={}", walDir, read, sendFrom);
    }

    private void readCheckpoint(Checkpoint.Ref cp) throws IOException {
        try (WalReader r = WalReader.open(cp.dir())) {
            while (r.next()) {
                if (RecordType.of(r.record(), r.recordLength()) == RecordType.SERIES) {
                    series(r.record(), r.recordLength(), cp.index());
                }
            }
        }
        checkpoint = cp.index();
    }

    /**
     * As Prometheus's watcher on a new checkpoint: once reading has passed the segments it covers, its series are
     * read again and every series not seen since is forgotten, so the series map follows the head's churn.
     */
    private void garbageCollectSeries() throws IOException {
        Checkpoint.Ref cp = Checkpoint.last(walDir);
        if (cp != null && cp.index() > checkpoint && read.segment() > cp.index()) {
            readCheckpoint(cp);
            sink.seriesReset(cp.index());
        }
    }

    /** Reads what was written since the last poll; false when there was nothing new. */
    boolean poll() throws IOException, InterruptedException {
        garbageCollectSeries();
        List<Segments.Ref> segs = Segments.listFrom(walDir, read.segment());
        if (segs.isEmpty()) {
            return false;
        }
        if (segs.get(0).index() > read.segment()) {
            LOG.warn("remote write wal watcher: segments deleted before they were read dir={} from={} to={}",
                    walDir, read.segment(), segs.get(0).index());
            read = new WalPosition(segs.get(0).index(), 0);
        }
        boolean progressed = false;
        for (int i = 0; i < segs.size() && !closed; i++) {
            Segments.Ref seg = segs.get(i);
            long from = seg.index() == read.segment() ? read.offset() : 0;
            try (SegmentTail t = SegmentTail.open(seg.path(), from)) {
                while (!closed && t.next()) {
                    boolean send = new WalPosition(seg.index(), t.recordStart()).compareTo(sendFrom) >= 0;
                    if (send) {
                        sink.beginRecord(seg.index(), t.recordStart());
                    }
                    handle(t.record(), t.recordLength(), seg.index(), t.recordStart(), send);
                    read = new WalPosition(seg.index(), t.offset());
                    if (send) {
                        // Records before the send position must not move the saved position back behind it.
                        sink.recordDone(seq++, read);
                    }
                    progressed = true;
                }
            } catch (IOException e) {
                // Read again at the next poll; a damaged record stops this queue here, as in Prometheus.
                LOG.warn("remote write wal watcher: cannot read segment={} offset={} err={}", seg.index(),
                        read.offset(), e.getMessage());
                return progressed;
            }
            if (i + 1 < segs.size() && !closed) {
                // A segment the writer has moved on from is complete: go on with the next.
                read = new WalPosition(segs.get(i + 1).index(), 0);
            }
        }
        return progressed;
    }

    private void handle(byte[] rec, int len, int segment, long start, boolean send) throws InterruptedException {
        try {
            switch (RecordType.of(rec, len)) {
                case RecordType.SERIES -> series(rec, len, segment);
                case RecordType.SAMPLES, RecordType.SAMPLES_V2 -> {
                    if (send) {
                        samples(rec, len);
                    }
                }
                case RecordType.EXEMPLARS -> {
                    if (send && sendExemplars) {
                        exemplars(rec, len);
                    }
                }
                case RecordType.METADATA -> metadata(rec, len);
                case RecordType.HISTOGRAM_SAMPLES, RecordType.CUSTOM_BUCKETS_HISTOGRAM_SAMPLES,
                        RecordType.HISTOGRAM_SAMPLES_V2 -> {
                    if (send && sendHistograms) {
                        histograms(rec, len);
                    }
                }
                case RecordType.FLOAT_HISTOGRAM_SAMPLES, RecordType.CUSTOM_BUCKETS_FLOAT_HISTOGRAM_SAMPLES,
                        RecordType.FLOAT_HISTOGRAM_SAMPLES_V2 -> {
                    if (send && sendHistograms) {
                        floatHistograms(rec, len);
                    }
                }
                default -> {
                    // Tombstones (and the WBL's m-map markers) are not sent, as in Prometheus.
                }
            }
        } catch (DecodeException e) {
            LOG.warn("remote write wal watcher: skip undecodable record segment={} offset={} err={}", segment, start,
                    e.getMessage());
        }
    }

    private void series(byte[] rec, int len, int segment) {
        seriesBatch.clear();
        decoder.series(rec, len, seriesBatch);
        for (int i = 0; i < seriesBatch.size(); i++) {
            sink.storeSeries(seriesBatch.ref(i), seriesBatch.labels(i), segment);
        }
    }

    private void samples(byte[] rec, int len) throws InterruptedException {
        sampleBatch.clear();
        decoder.samples(rec, len, sampleBatch);
        for (int i = 0; i < sampleBatch.size(); i++) {
            sink.appendSample(sampleBatch.ref(i), sampleBatch.t(i), sampleBatch.v(i), seq);
        }
    }

    private void exemplars(byte[] rec, int len) throws InterruptedException {
        exemplarBatch.clear();
        decoder.exemplars(rec, len, exemplarBatch);
        for (int i = 0; i < exemplarBatch.size(); i++) {
            sink.appendExemplar(exemplarBatch.ref(i), exemplarBatch.t(i), exemplarBatch.v(i),
                    exemplarBatch.labels(i), seq);
        }
    }

    private void histograms(byte[] rec, int len) throws InterruptedException {
        histogramBatch.clear();
        decoder.histogramSamples(rec, len, histogramBatch);
        for (int i = 0; i < histogramBatch.size(); i++) {
            sink.appendHistogram(histogramBatch.ref(i), histogramBatch.t(i), histogramBatch.histogram(i), null, seq);
        }
    }

    private void floatHistograms(byte[] rec, int len) throws InterruptedException {
        floatHistogramBatch.clear();
        decoder.floatHistogramSamples(rec, len, floatHistogramBatch);
        for (int i = 0; i < floatHistogramBatch.size(); i++) {
            sink.appendHistogram(floatHistogramBatch.ref(i), floatHistogramBatch.t(i), null,
                    floatHistogramBatch.histogram(i), seq);
        }
    }

    private void metadata(byte[] rec, int len) {
        metadataBatch.clear();
        decoder.metadata(rec, len, metadataBatch);
        for (int i = 0; i < metadataBatch.size(); i++) {
            sink.updateMetadata(metadataBatch.ref(i), metadataBatch.metadata(i));
        }
    }
}
