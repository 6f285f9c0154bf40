package io.ignis.tsdb;

import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.tsdb.encoding.DecodeException;
import io.ignis.tsdb.record.FloatHistogramBatch;
import io.ignis.tsdb.record.HistogramBatch;
import io.ignis.tsdb.record.MmapMarkerBatch;
import io.ignis.tsdb.record.RecordDecoder;
import io.ignis.tsdb.record.RecordType;
import io.ignis.tsdb.record.SampleBatch;
import io.ignis.tsdb.wal.Segments;
import io.ignis.tsdb.wal.WalCorruptionException;
import io.ignis.tsdb.wal.WalReader;
import io.ignis.tsdb.wal.WalRepair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the out-of-order chunks of a {@link Head} from its WBL, after the WAL (which holds the series
 * records) and the chunks of {@code chunks_head/}, as Prometheus's {@code loadWBL}: samples (floats and, from
 * records 7 to 10, histograms) are inserted into their series' open out-of-order chunk (cut as usual when full);
 * an m-map marker whose chunk was found on disk says the open chunk's samples are in that chunk already, so the
 * open chunk is dropped. A marker pointing past the last chunk found on disk is ignored (that chunk was lost, its
 * samples are still in the WBL). One thread; a damaged tail is repaired as the WAL's.
 */
final class WblReplay {
    private static final Logger LOG = LoggerFactory.getLogger(WblReplay.class);

    private final Head head;
    private final long lastMmapRef;
    private final RecordDecoder dec = new RecordDecoder();
    private final SampleBatch samples = new SampleBatch(4096);
    private final MmapMarkerBatch markers = new MmapMarkerBatch();
    private final HistogramBatch histograms = new HistogramBatch();
    private final FloatHistogramBatch floatHistograms = new FloatHistogramBatch();
    private long inserted;
    private long unknown;
    private long mint = Long.MAX_VALUE;
    private long maxt = Long.MIN_VALUE;

    private WblReplay(Head head, long lastMmapRef) {
        this.head = head;
        this.lastMmapRef = lastMmapRef;
    }

    /** Replays {@code dir} (absent: nothing to do); returns how many samples went into out-of-order chunks. */
    static long replay(Head head, Path dir, long lastMmapRef) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long start = System.nanoTime();
        WblReplay r = new WblReplay(head, lastMmapRef);
        try (WalReader reader = WalReader.open(dir, Segments.list(dir))) {
            r.read(reader, dir);
        } catch (WalCorruptionException e) {
            head.counters.wblCorruptions.increment();
            WalRepair.repair(e);
        }
        head.counters.wblReplayUnknownRefs.add(r.unknown);
        if (r.mint <= r.maxt) {
            head.updateOooTimes(r.mint, r.maxt);
        }
        if (r.unknown > 0) {
            LOG.warn("unknown series references in the WBL samples={}", r.unknown);
        }
        LOG.info("wbl replay completed samples={} duration_ms={}", r.inserted, (System.nanoTime() - start) / 1_000_000);
        return r.inserted;
    }

    private void read(WalReader reader, Path dir) throws IOException {
        while (reader.next()) {
            byte[] rec = reader.record();
            int len = reader.recordLength();
            int type = RecordType.of(rec, len);
            try {
                switch (type) {
                    case RecordType.SAMPLES, RecordType.SAMPLES_V2 -> {
                        samples.clear();
                        dec.samples(rec, len, samples);
                        insert();
                    }
                    case RecordType.MMAP_MARKERS -> {
                        markers.clear();
                        dec.mmapMarkers(rec, len, markers);
                        applyMarkers();
                    }
                    case RecordType.HISTOGRAM_SAMPLES, RecordType.CUSTOM_BUCKETS_HISTOGRAM_SAMPLES,
                            RecordType.HISTOGRAM_SAMPLES_V2 -> {
                        histograms.clear();
                        dec.histogramSamples(rec, len, histograms);
                        for (int i = 0; i < histograms.size(); i++) {
                            insert(histograms.ref(i), histograms.t(i), 0, histograms.histogram(i), null);
                        }
                    }
                    case RecordType.FLOAT_HISTOGRAM_SAMPLES, RecordType.CUSTOM_BUCKETS_FLOAT_HISTOGRAM_SAMPLES,
                            RecordType.FLOAT_HISTOGRAM_SAMPLES_V2 -> {
                        floatHistograms.clear();
                        dec.floatHistogramSamples(rec, len, floatHistograms);
                        for (int i = 0; i < floatHistograms.size(); i++) {
                            insert(floatHistograms.ref(i), floatHistograms.t(i), 0, null,
                                    floatHistograms.histogram(i));
                        }
                    }
                    default -> {
                        // Nothing else belongs in a WBL.
                    }
                }
            } catch (DecodeException e) {
                throw new WalCorruptionException(dir, reader.segment(), reader.recordStart(),
                        "decode " + RecordType.name(type) + " record: " + e.getMessage());
            }
        }
    }

    private void insert() {
        for (int i = 0; i < samples.size(); i++) {
            insert(samples.ref(i), samples.t(i), samples.v(i), null, null);
        }
    }

    /** Inserts a float, or a histogram ({@code h} or {@code fh}), into its series' open out-of-order chunk. */
    private void insert(long ref, long t, double v, Histogram h, FloatHistogram fh) {
        MemSeries s = head.series.getByRef(ref);
        if (s == null) {
            unknown++;
            return;
        }
        int r = s.insertOoo(t, v, h, fh, 0, head.opts.outOfOrderCapMax(), head.oooSeqs);
        if (r == MemSeries.OOO_DUPLICATE) {
            return;
        }
        if (r == MemSeries.OOO_INSERTED_NEW_CHUNK) {
            head.counters.chunksCreated.increment();
        }
        inserted++;
        mint = Math.min(mint, t);
        maxt = Math.max(maxt, t);
    }

    private void applyMarkers() {
        for (int i = 0; i < markers.size(); i++) {
            if (Long.compareUnsigned(markers.mmapRef(i), lastMmapRef) > 0 || lastMmapRef < 0) {
                continue; // the chunk did not make it to disk: its samples stay in the open chunk
            }
            MemSeries s = head.series.getByRef(markers.ref(i));
            if (s == null) {
                unknown++;
                continue;
            }
            s.clearOooHead();
        }
    }
}
