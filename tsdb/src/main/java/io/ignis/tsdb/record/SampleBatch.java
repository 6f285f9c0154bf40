package io.ignis.tsdb.record;

import java.util.Arrays;

/** Float samples as parallel primitive arrays (series ref, timestamp, value). Growable, not thread-safe. */
public final class SampleBatch {
    private long[] refs;
    private long[] ts;
    private double[] vs;
    private int size;

    public SampleBatch() {
        this(64);
    }

    public SampleBatch(int capacity) {
        refs = new long[capacity];
        ts = new long[capacity];
        vs = new double[capacity];
    }

    public void add(long ref, long t, double v) {
        if (size == refs.length) {
            grow(size + 1);
        }
        refs[size] = ref;
        ts[size] = t;
        vs[size++] = v;
    }

    private void grow(int min) {
        int n = Math.max(min, refs.length * 2);
        refs = Arrays.copyOf(refs, n);
        ts = Arrays.copyOf(ts, n);
        vs = Arrays.copyOf(vs, n);
    }

    public void clear() {
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

    public double v(int i) {
        return vs[i];
    }
}
