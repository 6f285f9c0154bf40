package io.ignis.tsdb;

import io.ignis.tsdb.chunkenc.ChunkAppender;
import io.ignis.tsdb.chunkenc.XorChunk;
import java.nio.ByteBuffer;

/**
 * The open out-of-order chunk of a series, as Prometheus's {@code OOOChunk}: up to a fixed number of samples kept
 * uncompressed and sorted by time, so late samples can land anywhere in it. A timestamp already present is
 * refused (the first value wins), which is the only duplicate check out-of-order samples get, as in Prometheus.
 * Each sample carries the isolation epoch of the commit that inserted it (0 for WBL replay). Guarded by the
 * series' monitor.
 */
final class OooHeadChunk {
    final long[] ts;
    final double[] vs;
    final long[] epochs;
    int n;

    OooHeadChunk(int capacity) {
        ts = new long[capacity];
        vs = new double[capacity];
        epochs = new long[capacity];
    }

    boolean isFull() {
        return n == ts.length;
    }

    /** Inserts in time order; false when {@code t} is already present. The caller checks {@link #isFull()}. */
    boolean insert(long t, double v, long epoch) {
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

    /** The samples XOR-encoded, in time order. */
    byte[] encode() {
        XorChunk c = new XorChunk();
        ChunkAppender app = c.appender();
        for (int i = 0; i < n; i++) {
            app.append(ts[i], vs[i]);
        }
        ByteBuffer b = c.bytes();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
