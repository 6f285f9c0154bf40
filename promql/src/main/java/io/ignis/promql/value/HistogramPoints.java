package io.ignis.promql.value;

import io.ignis.model.FloatHistogram;
import java.util.Arrays;

/**
 * A growable buffer of histogram points: timestamps as a primitive array beside the histograms.
 * Reusable through {@link #clear()}; the histograms are immutable values and may be shared.
 */
public final class HistogramPoints {
    private long[] ts;
    private FloatHistogram[] hs;
    private int size;

    public HistogramPoints() {
        this(4);
    }

    public HistogramPoints(int capacity) {
        ts = new long[Math.max(1, capacity)];
        hs = new FloatHistogram[Math.max(1, capacity)];
    }

    public void add(long t, FloatHistogram h) {
        if (size == ts.length) {
            ts = Arrays.copyOf(ts, size * 2);
            hs = Arrays.copyOf(hs, size * 2);
        }
        ts[size] = t;
        hs[size] = h;
        size++;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long t(int i) {
        return ts[i];
    }

    public FloatHistogram h(int i) {
        return hs[i];
    }

    public void set(int i, FloatHistogram h) {
        hs[i] = h;
    }

    public void clear() {
        Arrays.fill(hs, 0, size, null);
        size = 0;
    }

    /** Drops the first {@code n} points, keeping the rest in order. */
    public void dropFirst(int n) {
        if (n <= 0) {
            return;
        }
        n = Math.min(n, size);
        System.arraycopy(ts, n, ts, 0, size - n);
        System.arraycopy(hs, n, hs, 0, size - n);
        Arrays.fill(hs, size - n, size, null);
        size -= n;
    }

    public HistogramPoints copy() {
        HistogramPoints c = new HistogramPoints(size);
        System.arraycopy(ts, 0, c.ts, 0, size);
        System.arraycopy(hs, 0, c.hs, 0, size);
        c.size = size;
        return c;
    }
}
