package io.ignis.tsdb.record;

import io.ignis.labels.Labels;
import java.util.Arrays;

/** Series refs and their labels, as a Series record holds them. Growable, reusable, not thread-safe. */
public final class SeriesBatch {
    private long[] refs = new long[16];
    private Labels[] labels = new Labels[16];
    private int size;

    public void add(long ref, Labels l) {
        if (size == refs.length) {
            refs = Arrays.copyOf(refs, size * 2);
            labels = Arrays.copyOf(labels, size * 2);
        }
        refs[size] = ref;
        labels[size++] = l;
    }

    /** Empties the batch, dropping references to labels. */
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

    public Labels labels(int i) {
        return labels[i];
    }
}
