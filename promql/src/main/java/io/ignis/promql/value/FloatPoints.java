package io.ignis.promql.value;

import java.util.Arrays;

/**
 * A growable buffer of float points as two parallel primitive arrays. The owner may {@link #clear()} and
 * refill it to reuse its arrays; the arrays returned by {@link #ts()} and {@link #vs()} are live views,
 * valid up to {@link #size()}.
 */
public final class FloatPoints {
    private long[] ts;
    private double[] vs;
    private int size;

    public FloatPoints() {
        this(8);
    }

    public FloatPoints(int capacity) {
        ts = new long[Math.max(1, capacity)];
        vs = new double[Math.max(1, capacity)];
    }

    public void add(long t, double v) {
        if (size == ts.length) {
            ts = Arrays.copyOf(ts, size * 2);
            vs = Arrays.copyOf(vs, size * 2);
        }
        ts[size] = t;
        vs[size] = v;
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

    public double v(int i) {
        return vs[i];
    }

    public void setV(int i, double v) {
        vs[i] = v;
    }

    public long[] ts() {
        return ts;
    }

    public double[] vs() {
        return vs;
    }

    public void clear() {
        size = 0;
    }

    /** Replaces the contents with {@code n} points copied from {@code ts}/{@code vs} starting at {@code from}. */
    public void setFrom(long[] ts, double[] vs, int from, int n) {
        if (this.ts.length < n) {
            int c = Math.max(n, this.ts.length * 2);
            this.ts = new long[c];
            this.vs = new double[c];
        }
        System.arraycopy(ts, from, this.ts, 0, n);
        System.arraycopy(vs, from, this.vs, 0, n);
        size = n;
    }

    /** Drops the first {@code n} points, keeping the rest in order. */
    public void dropFirst(int n) {
        if (n <= 0) {
            return;
        }
        n = Math.min(n, size);
        System.arraycopy(ts, n, ts, 0, size - n);
        System.arraycopy(vs, n, vs, 0, size - n);
        size -= n;
    }

    /** An independent copy trimmed to size. */
    public FloatPoints copy() {
        FloatPoints c = new FloatPoints(size);
        System.arraycopy(ts, 0, c.ts, 0, size);
        System.arraycopy(vs, 0, c.vs, 0, size);
        c.size = size;
        return c;
    }
}
