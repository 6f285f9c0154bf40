package io.ignis.tsdb;

import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.chunkenc.Chunk;
import io.ignis.tsdb.chunkenc.ChunkAppender;
import io.ignis.tsdb.chunkenc.FloatHistogramChunk;
import io.ignis.tsdb.chunkenc.HistogramChunk;
import io.ignis.tsdb.chunkenc.HistogramChunkAppender;
import io.ignis.tsdb.chunkenc.HistogramChunkAppender.AppendResult;
import io.ignis.tsdb.chunkenc.XorChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one series' samples of any kind into chunks, as Prometheus's {@code seriesToChunkEncoder}: a new chunk
 * when the sample kind changes (float, histogram, float histogram) or the chunk holds {@value #SPLIT} samples, and
 * wherever the histogram appender asks for one (counter reset, schema or zero-threshold change, gauge/counter
 * switch, stale marker); a layout change recodes the current chunk in place. Histograms are appended with no
 * previous appender, so a chunk the appender did not cut itself gets its counter-reset header from the first
 * sample's hint alone (reset or gauge; otherwise unknown), as in Prometheus. Float chunks are also cut before
 * they pass Prometheus's 1 KiB chunk size, as the head does.
 */
final class SeriesToChunkEncoder {
    /** Prometheus's {@code seriesToChunkEncoderSplit}. */
    static final int SPLIT = 120;

    private final List<TimedChunk> out = new ArrayList<>();
    private Chunk chunk;
    private ChunkAppender app;
    private SampleType kind = SampleType.NONE;
    private long mint;
    private long maxt = Long.MIN_VALUE;
    private int n;

    private SeriesToChunkEncoder() {
    }

    /**
     * Encodes every sample {@code it} yields.
     *
     * @param series names the series in the error message
     * @throws IllegalArgumentException if timestamps do not strictly increase
     */
    static List<TimedChunk> encode(SampleIterator it, Object series) {
        SeriesToChunkEncoder e = new SeriesToChunkEncoder();
        for (SampleType st = it.next(); st != SampleType.NONE; st = it.next()) {
            e.add(it, st, series);
        }
        return e.finish();
    }

    private void add(SampleIterator it, SampleType st, Object series) {
        long t = it.atT();
        if (chunk != null && t <= maxt) {
            throw new IllegalArgumentException("series " + series + ": timestamp " + t + " not after previous "
                    + maxt);
        }
        if (st != kind || n >= SPLIT
                || (st == SampleType.FLOAT && chunk.size() >= XorChunk.MAX_BYTES_BEFORE_APPEND)) {
            cut(t);
            chunk = switch (st) {
                case FLOAT -> new XorChunk();
                case HISTOGRAM -> new HistogramChunk();
                case FLOAT_HISTOGRAM -> new FloatHistogramChunk();
                case NONE -> throw new IllegalStateException("bug: NONE sample");
            };
            app = chunk.appender();
            kind = st;
        }
        switch (st) {
            case FLOAT -> app.append(t, it.atV());
            case HISTOGRAM -> appended(t, ((HistogramChunkAppender) app).appendHistogram(null, t,
                    it.atHistogram(), false));
            case FLOAT_HISTOGRAM -> appended(t, ((HistogramChunkAppender) app).appendFloatHistogram(null, t,
                    it.atFloatHistogram(), false));
            case NONE -> throw new IllegalStateException("bug: NONE sample");
        }
        maxt = t;
        n++;
    }

    /** Takes over the chunk the appender recoded or started. */
    private void appended(long t, AppendResult r) {
        if (r.chunk() != null) {
            if (!r.recoded()) {
                cut(t);
            }
            chunk = r.chunk();
        }
        app = r.appender();
    }

    /** Ends the current chunk (if any); the next one starts at {@code t}. */
    private void cut(long t) {
        if (chunk != null && n > 0) {
            out.add(new TimedChunk(chunk, mint, maxt));
        }
        mint = t;
        n = 0;
    }

    private List<TimedChunk> finish() {
        if (chunk != null && n > 0) {
            out.add(new TimedChunk(chunk, mint, maxt));
        }
        return out;
    }
}
