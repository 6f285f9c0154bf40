package io.ignis.tsdb;

import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.tsdb.encoding.EncodeBuffer;
import io.ignis.tsdb.record.FloatHistogramBatch;
import io.ignis.tsdb.record.HistogramBatch;
import io.ignis.tsdb.record.MmapMarkerBatch;
import io.ignis.tsdb.record.RecordEncoder;
import io.ignis.tsdb.record.SampleBatch;
import io.ignis.tsdb.wal.WalWriter;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The out-of-order part of one commit: inserts late samples into their series' out-of-order chunks and logs them
 * to the WBL, each m-map marker after the samples logged before its cut and before those after it, as Prometheus's
 * {@code collectOOORecords} orders them so WBL replay rebuilds the same chunks. Used by the appender's commit and by
 * the head's open, which restores the late samples of a last commit the WBL lost. Commit lock (or open) only;
 * reusable after {@link #end()}.
 */
final class OooCommit {
    private static final Logger LOG = LoggerFactory.getLogger(OooCommit.class);

    private final Head head;
    private final SampleBatch samples = new SampleBatch();
    private final HistogramBatch histograms = new HistogramBatch();
    private final FloatHistogramBatch floatHistograms = new FloatHistogramBatch();
    private final EncodeBuffer buf = new EncodeBuffer();
    /** The records of one flush: samples, then exponential and custom-buckets (float) histograms. */
    private final EncodeBuffer[] records = {new EncodeBuffer(), new EncodeBuffer(), new EncodeBuffer(),
        new EncodeBuffer(), new EncodeBuffer()};
    private final MmapMarkerBatch marker = new MmapMarkerBatch();
    private boolean failed;

    OooCommit(Head head) {
        this.head = head;
    }

    /**
     * Inserts one late sample, visible to readers from {@code epoch} on; false for a timestamp the open
     * out-of-order chunk holds already (dropped silently, as Prometheus does).
     */
    boolean insert(MemSeries s, long t, double v, long epoch) {
        return insert(s, t, v, null, null, epoch);
    }

    /** As {@link #insert(MemSeries, long, double, long)} for a float, or a histogram ({@code h} or {@code fh}). */
    boolean insert(MemSeries s, long t, double v, Histogram h, FloatHistogram fh, long epoch) {
        int r = s.insertOoo(t, v, h, fh, epoch, head.opts.outOfOrderCapMax(), head.oooSeqs);
        if (r == MemSeries.OOO_DUPLICATE) {
            return false;
        }
        if (s.lastOooCutRefs.length > 0) {
            // Replay must see the samples before the cut, then the markers, then the samples after it.
            flush(false);
            marker.clear();
            for (long ref : s.lastOooCutRefs) {
                marker.add(s.ref, ref);
            }
            RecordEncoder.mmapMarkers(marker, buf);
            log(false);
        }
        if (r == MemSeries.OOO_INSERTED_NEW_CHUNK) {
            head.counters.chunksCreated.increment();
        }
        if (h != null) {
            histograms.add(s.ref, t, h);
            head.counters.histogramsAppended.increment();
        } else if (fh != null) {
            floatHistograms.add(s.ref, t, fh);
            head.counters.histogramsAppended.increment();
        } else {
            samples.add(s.ref, t, v);
            head.counters.samplesAppended.increment();
        }
        head.updateOooTimes(t, t);
        head.counters.oooAppended.increment();
        return true;
    }

    /** Logs what is left as the last record of the batch and gets ready for the next commit. */
    void end() {
        flush(true);
        failed = false;
    }

    /** Logs the samples, then the histograms, then the float histograms held, as Prometheus orders them. */
    private void flush(boolean last) {
        int n = 0;
        if (samples.size() > 0) {
            RecordEncoder.samples(samples, records[n++]);
            samples.clear();
        }
        if (histograms.size() > 0) {
            RecordEncoder.histogramSamples(histograms, records[n]);
            n += records[n].len() > 0 ? 1 : 0;
            RecordEncoder.customBucketsHistogramSamples(histograms, records[n]);
            n += records[n].len() > 0 ? 1 : 0;
            histograms.clear();
        }
        if (floatHistograms.size() > 0) {
            RecordEncoder.floatHistogramSamples(floatHistograms, records[n]);
            n += records[n].len() > 0 ? 1 : 0;
            RecordEncoder.customBucketsFloatHistogramSamples(floatHistograms, records[n]);
            n += records[n].len() > 0 ? 1 : 0;
            floatHistograms.clear();
        }
        for (int i = 0; i < n; i++) {
            log(records[i], last && i == n - 1);
        }
    }

    private void log(boolean last) {
        log(buf, last);
    }

    private void log(EncodeBuffer rec, boolean last) {
        WalWriter wbl = head.wbl();
        if (wbl == null || failed) {
            return;
        }
        try {
            wbl.log(rec.array(), rec.len(), last);
        } catch (IOException e) {
            // As Prometheus: the samples are in memory already and the commit stands (the WAL holds them too);
            // the WBL is best effort.
            failed = true;
            LOG.error("writing out-of-order samples to the WBL failed dir={} err={}", wbl.dir(), e.toString());
        }
    }
}
