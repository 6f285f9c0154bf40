package io.ignis.tsdb.record;

import io.ignis.model.Histogram;
import java.util.Arrays;

/**
 * Integer histogram samples per series ref: timestamp and histogram. The histograms are kept by reference
 * (they are immutable values). Growable, not thread-safe.
 */
public final class HistogramBatch {
    private long[] refs = new long[16];
    private long[] ts = new long[16];
    private Histogram[] hs = new Histogram[16];
    private int size;

    public void add(long ref, long t, Histogram h) {
        if (size == refs.length) {
            refs = Arrays.copyOf(refs, size * 2);
            ts = Arrays.copyOf(ts, size * 2);
            hs = Arrays.copyOf(hs, size * 2);
        }
        refs[size] = ref;
        ts[size] = t;
        hs[size++] = h;
    }

    public void clear() {
        Arrays.fill(hs, 0, size, null);
        size = 0;
    }

    public int size() {
        return size;
    }

    public long ref(int i) {
        return refs[i];
    }

    public long t(int i) {
        return ts[i];
    }

    public Histogram histogram(int i) {
        return hs[i];
    }
}
