package io.ignis.promql.value;

import io.ignis.labels.Labels;
import io.ignis.model.FloatHistogram;
import java.util.Arrays;
import java.util.HashSet;

/**
 * An instant vector: one sample per series, as parallel arrays (labels, timestamp, float value,
 * histogram slot, drop-name flag) rather than one object per sample. Element {@code i} is a histogram
 * sample when {@link #histogram(int)} is non-null, else a float. {@code dropName} marks samples whose
 * {@code __name__} is removed at the end of evaluation (Prometheus's delayed name removal).
 * Mutable and reusable through {@link #clear()}; not thread-safe.
 */
public final class Vector implements Value {
    private Labels[] labels;
    private long[] ts;
    private double[] vs;
    private FloatHistogram[] hs;
    private boolean[] dropName;
    private int size;

    public Vector() {
        this(4);
    }

    public Vector(int capacity) {
        int c = Math.max(1, capacity);
        labels = new Labels[c];
        ts = new long[c];
        vs = new double[c];
        hs = new FloatHistogram[c];
        dropName = new boolean[c];
    }

    public void add(Labels l, long t, double v, boolean dropName) {
        append(l, t, v, null, dropName);
    }

    public void addHistogram(Labels l, long t, FloatHistogram h, boolean dropName) {
        append(l, t, 0, h, dropName);
    }

    /** Appends element {@code i} of {@code other} unchanged. */
    public void addFrom(Vector other, int i) {
        append(other.labels[i], other.ts[i], other.vs[i], other.hs[i], other.dropName[i]);
    }

    private void append(Labels l, long t, double v, FloatHistogram h, boolean drop) {
        if (size == ts.length) {
            int c = size * 2;
            labels = Arrays.copyOf(labels, c);
            ts = Arrays.copyOf(ts, c);
            vs = Arrays.copyOf(vs, c);
            hs = Arrays.copyOf(hs, c);
            dropName = Arrays.copyOf(dropName, c);
        }
        // A scratch vector refilled per step mostly gets the same references again: skipping the store
        // skips the GC write barrier.
        if (labels[size] != l) {
            labels[size] = l;
        }
        ts[size] = t;
        vs[size] = v;
        if (hs[size] != h) {
            hs[size] = h;
        }
        dropName[size] = drop;
        size++;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public Labels labels(int i) {
        return labels[i];
    }

    public long t(int i) {
        return ts[i];
    }

    public double v(int i) {
        return vs[i];
    }

    /** The histogram of element {@code i}, or null for a float sample. */
    public FloatHistogram histogram(int i) {
        return hs[i];
    }

    public boolean isHistogram(int i) {
        return hs[i] != null;
    }

    public boolean dropName(int i) {
        return dropName[i];
    }

    public void setLabels(int i, Labels l) {
        labels[i] = l;
    }

    public void setV(int i, double v) {
        vs[i] = v;
        hs[i] = null;
    }

    public void setHistogram(int i, FloatHistogram h) {
        hs[i] = h;
    }

    public void setT(int i, long t) {
        ts[i] = t;
    }

    public void setDropName(int i, boolean drop) {
        dropName[i] = drop;
    }

    /** Swaps elements {@code i} and {@code j} (for in-place sorting). */
    public void swap(int i, int j) {
        Labels l = labels[i];
        labels[i] = labels[j];
        labels[j] = l;
        long t = ts[i];
        ts[i] = ts[j];
        ts[j] = t;
        double v = vs[i];
        vs[i] = vs[j];
        vs[j] = v;
        FloatHistogram h = hs[i];
        hs[i] = hs[j];
        hs[j] = h;
        boolean d = dropName[i];
        dropName[i] = dropName[j];
        dropName[j] = d;
    }

    /** Keeps the first {@code n} elements. */
    public void truncate(int n) {
        if (n < size) {
            Arrays.fill(labels, n, size, null);
            Arrays.fill(hs, n, size, null);
            size = n;
        }
    }

    public void clear() {
        truncate(0);
    }

    /**
     * Empties the vector but keeps the references of the old elements until they are overwritten: for a
     * scratch vector refilled at every step by its owner, where nulling them per step costs more than it saves.
     */
    public void reset() {
        size = 0;
    }

    /** Whether two elements carry the same label set (the caller decides what that means). */
    public boolean containsSameLabelset() {
        if (size <= 1) {
            return false;
        }
        if (size == 2) {
            return labels[0].equals(labels[1]);
        }
        HashSet<Labels> seen = new HashSet<>(size * 2);
        for (int i = 0; i < size; i++) {
            if (!seen.add(labels[i])) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++) {
            sb.append(labels[i]).append(" => ");
            if (hs[i] != null) {
                sb.append(hs[i]);
            } else {
                sb.append(vs[i]);
            }
            sb.append(" @[").append(ts[i]).append("]\n");
        }
        return sb.toString();
    }
}
