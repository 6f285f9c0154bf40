package io.ignis.tsdb.record;

import io.ignis.tsdb.encoding.EncodeBuffer;
import java.util.Arrays;

/**
 * Histogram samples per series ref: timestamp and histogram, kept by reference (they are immutable values). The
 * integer and float kinds differ only in the value type and its encoding, which the subclasses supply.
 * Growable, not thread-safe.
 */
abstract class HistogramSampleBatch<H> {
    private long[] refs = new long[16];
    private long[] ts = new long[16];
    private Object[] hs = new Object[16];
    private int size;

    public void add(long ref, long t, H h) {
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

    @SuppressWarnings("unchecked")
    public H histogram(int i) {
        return (H) hs[i];
    }

    /** Whether entry {@code i} has custom buckets, so it goes to the custom-buckets record type. */
    abstract boolean customBuckets(int i);

    /** Writes entry {@code i}'s histogram as the record layout has it. */
    abstract void encode(int i, EncodeBuffer dst);
}
