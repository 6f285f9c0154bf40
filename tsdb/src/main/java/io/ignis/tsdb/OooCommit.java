package io.ignis.tsdb;

import io.ignis.tsdb.encoding.EncodeBuffer;
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
    private final EncodeBuffer buf = new EncodeBuffer();
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
        int r = s.insertOoo(t, v, epoch, head.opts.outOfOrderCapMax(), head.oooSeqs);
        if (r == MemSeries.OOO_DUPLICATE) {
            return false;
        }
        if (s.lastOooCutRef >= 0) {
            // Replay must see the samples before the cut, then the marker, then the samples after it.
            flush(false);
            marker.clear();
            marker.add(s.ref, s.lastOooCutRef);
            RecordEncoder.mmapMarkers(marker, buf);
            log(false);
        }
        if (r == MemSeries.OOO_INSERTED_NEW_CHUNK) {
            head.counters.chunksCreated.increment();
        }
        samples.add(s.ref, t, v);
        head.updateOooTimes(t, t);
        head.counters.oooAppended.increment();
        head.counters.samplesAppended.increment();
        return true;
    }

    /** Logs what is left as the last record of the batch and gets ready for the next commit. */
    void end() {
        flush(true);
        failed = false;
    }

    private void flush(boolean last) {
        if (samples.size() > 0) {
            RecordEncoder.samples(samples, buf);
            samples.clear();
            log(last);
        }
    }

    private void log(boolean last) {
        WalWriter wbl = head.wbl();
        if (wbl == null || failed) {
            return;
        }
        try {
            wbl.log(buf.array(), buf.len(), last);
        } catch (IOException e) {
            // As Prometheus: the samples are in memory already and the commit stands (the WAL holds them too);
            // the WBL is best effort.
            failed = true;
            LOG.error("writing out-of-order samples to the WBL failed dir={} err={}", wbl.dir(), e.toString());
        }
    }
}
