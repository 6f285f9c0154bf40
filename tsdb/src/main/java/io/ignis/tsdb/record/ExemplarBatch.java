package io.ignis.tsdb.record;

import io.ignis.labels.Labels;
import java.util.Arrays;

/** Exemplars per series ref: timestamp, value and exemplar labels. Growable, not thread-safe. */
public final class ExemplarBatch {
    private long[] refs = new long[16];
    private long[] ts = new long[16];
    private double[] vs = new double[16];
    private Labels[] labels = new Labels[16];
    private int size;

    public void add(long ref, long t, double v, Labels l) {
        if (size == refs.length) {
            refs = Arrays.copyOf(refs, size * 2);
            ts = Arrays.copyOf(ts, size * 2);
            vs = Arrays.copyOf(vs, size * 2);
            labels = Arrays.copyOf(labels, size * 2);
        }
        refs[size] = ref;
        ts[size] = t;
        vs[size] = v;
        labels[size++] = l;
    }

    public void clear() {
        Arrays.fill(labels, 0, size, null);
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

    public Labels labels(int i) {
        return labels[i];
    }
}
