package io.ignis.tsdb;

import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.chunkenc.Chunk;
import io.ignis.tsdb.chunkenc.ChunkAppender;
import io.ignis.tsdb.chunkenc.ChunkEncoding;
import io.ignis.tsdb.chunkenc.FloatHistogramChunk;
import io.ignis.tsdb.chunkenc.HistogramChunk;
import io.ignis.tsdb.chunkenc.HistogramChunkAppender;
import io.ignis.tsdb.chunkenc.XorChunk;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The open out-of-order chunk of a series, as Prometheus's {@code OOOChunk}: up to a fixed number of samples kept
 * uncompressed and sorted by time, so late samples can land anywhere in it. A timestamp already present is
 * refused (the first value wins), which is the only duplicate check out-of-order samples get, as in Prometheus.
 * Each sample carries the isolation epoch of the commit that inserted it (0 for WBL replay). A sample may be a
 * float, or an integer or float histogram ({@code hs}/{@code fhs}, allocated at the first histogram). Guarded by
 * the series' monitor.
 */
final class OooHeadChunk {
    final long[] ts;
    final double[] vs;
    final long[] epochs;
    /** The histogram samples (null where the sample is a float or the other kind); null until the first one. */
    Histogram[] hs;
    FloatHistogram[] fhs;
    int n;

    /** One encoded chunk of a cut: samples {@code [from, from + n)} of the chunk, in time order. */
    record Part(ChunkEncoding encoding, byte[] data, long mint, long maxt, int from, int n) {
    }

    OooHeadChunk(int capacity) {
        ts = new long[capacity];
        vs = new double[capacity];
        epochs = new long[capacity];
    }

    boolean isFull() {
        return n == ts.length;
    }

    /** Inserts a float in time order; false when {@code t} is already present. The caller checks {@link #isFull()}. */
    boolean insert(long t, double v, long epoch) {
        return insert(t, v, null, null, epoch);
    }

    /** As {@link #insert(long, double, long)} for a float ({@code h} and {@code fh} null) or a histogram. */
    boolean insert(long t, double v, Histogram h, FloatHistogram fh, long epoch) {
        int i = n;
        // Late samples tend to arrive in order among themselves: scan from the end.
        while (i > 0 && ts[i - 1] > t) {
            i--;
        }
        if (i > 0 && ts[i - 1] == t) {
            return false;
        }
        System.arraycopy(ts, i, ts, i + 1, n - i);
        System.arraycopy(vs, i, vs, i + 1, n - i);
        System.arraycopy(epochs, i, epochs, i + 1, n - i);
        if (hs == null && (h != null || fh != null)) {
            hs = new Histogram[ts.length];
            fhs = new FloatHistogram[ts.length];
        }
        if (hs != null) {
            System.arraycopy(hs, i, hs, i + 1, n - i);
            System.arraycopy(fhs, i, fhs, i + 1, n - i);
            hs[i] = h;
            fhs[i] = h != null ? null : fh;
        }
        ts[i] = t;
        vs[i] = v;
        epochs[i] = epoch;
        n++;
        return true;
    }

    long minTime() {
        return ts[0];
    }

    long maxTime() {
        return ts[n - 1];
    }

    long maxEpoch() {
        long m = 0;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, epochs[i]);
        }
        return m;
    }

    /** The kind of sample {@code i}. */
    SampleType type(int i) {
        if (hs == null) {
            return SampleType.FLOAT;
        }
        return hs[i] != null ? SampleType.HISTOGRAM : fhs[i] != null ? SampleType.FLOAT_HISTOGRAM : SampleType.FLOAT;
    }

    /**
     * The samples encoded in time order, as Prometheus's {@code OOOChunk.ToEncodedChunks}: one chunk per run of
     * one kind of sample, a histogram run split further where the appender starts a new chunk (a counter reset or
     * schema change). Floats only: one XOR chunk.
     */
    List<Part> encode() {
        List<Part> parts = new ArrayList<>(1);
        Chunk chunk = null;
        ChunkAppender app = null;
        HistogramChunkAppender histApp = null;
        SampleType kind = SampleType.NONE;
        int from = 0;
        for (int i = 0; i < n; i++) {
            SampleType st = type(i);
            HistogramChunkAppender prevApp = histApp;
            if (st != kind) {
                if (chunk != null) {
                    parts.add(part(chunk, from, i));
                }
                from = i;
                kind = st;
                chunk = st == SampleType.FLOAT ? new XorChunk() : st == SampleType.HISTOGRAM ? new HistogramChunk()
                        : new FloatHistogramChunk();
                if (st == SampleType.FLOAT) {
                    app = chunk.appender();
                    histApp = null;
                } else {
                    histApp = (HistogramChunkAppender) chunk.appender();
                }
            }
            if (st == SampleType.FLOAT) {
                app.append(ts[i], vs[i]);
                continue;
            }
            HistogramChunkAppender.AppendResult r = st == SampleType.HISTOGRAM
                    ? histApp.appendHistogram(prevApp, ts[i], hs[i], false)
                    : histApp.appendFloatHistogram(prevApp, ts[i], fhs[i], false);
            histApp = r.appender();
            if (r.chunk() != null) {
                if (!r.recoded()) {
                    parts.add(part(chunk, from, i));
                    from = i;
                }
                chunk = r.chunk();
            }
        }
        if (chunk != null) {
            parts.add(part(chunk, from, n));
        }
        return parts;
    }

    private Part part(Chunk c, int from, int to) {
        ByteBuffer b = c.bytes();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return new Part(c.encoding(), out, ts[from], ts[to - 1], from, to - from);
    }
}
