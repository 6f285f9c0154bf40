package io.ignis.tsdb.record;

import java.util.Arrays;

/** Deleted intervals {@code [mint, maxt]} per series ref, one entry per interval. Growable, not thread-safe. */
public final class TombstoneBatch {
    private long[] refs = new long[16];
    private long[] mints = new long[16];
    private long[] maxts = new long[16];
    private int size;

    public void add(long ref, long mint, long maxt) {
        if (size == refs.length) {
            refs = Arrays.copyOf(refs, size * 2);
            mints = Arrays.copyOf(mints, size * 2);
            maxts = Arrays.copyOf(maxts, size * 2);
        }
        refs[size] = ref;
        mints[size] = mint;
        maxts[size++] = maxt;
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

    public long mint(int i) {
        return mints[i];
    }

    public long maxt(int i) {
        return maxts[i];
    }
}
