package io.ignis.tsdb.record;

import java.util.Arrays;

/**
 * WBL m-map markers as parallel primitive arrays: series ref and the {@code chunks_head/} reference of the
 * out-of-order chunk just cut from it (Prometheus's {@code RefMmapMarker}). Growable, not thread-safe.
 */
public final class MmapMarkerBatch {
    private long[] refs = new long[8];
    private long[] mmapRefs = new long[8];
    private int size;

    public void add(long ref, long mmapRef) {
        if (size == refs.length) {
            refs = Arrays.copyOf(refs, size * 2);
            mmapRefs = Arrays.copyOf(mmapRefs, size * 2);
        }
        refs[size] = ref;
        mmapRefs[size++] = mmapRef;
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

    public long mmapRef(int i) {
        return mmapRefs[i];
    }
}
