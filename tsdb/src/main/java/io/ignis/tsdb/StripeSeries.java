package io.ignis.tsdb;

import io.ignis.labels.Labels;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The head's series, as Prometheus's {@code stripeSeries}: a map by label set split into lock stripes (by its
 * hash), so lookups and creations on different stripes never contend, and a {@link SeriesRefTable} by ref, read
 * without a lock. Refs are handed out from 1 upwards; 0 means "no ref". Thread-safe.
 *
 * <p>Lock order: a hash stripe before the ref table; never two hash stripes.
 */
final class StripeSeries {
    /** A series and whether this call created it. */
    record Created(MemSeries series, boolean created) {
    }

    private final int mask;
    /** 32 minus the stripe bits: {@link #hashStripe} takes the top bits of a multiplicative hash. */
    private final int shift;
    private final SeriesRefTable byRef = new SeriesRefTable();
    private final HashMap<Labels, MemSeries>[] byLabels;
    private final Object[] hashLocks;
    private final AtomicLong lastRef = new AtomicLong();
    private final AtomicLong size = new AtomicLong();

    @SuppressWarnings("unchecked")
    StripeSeries(int stripes) {
        if (Integer.bitCount(stripes) != 1) {
            throw new IllegalArgumentException("stripe count must be a power of two: " + stripes);
        }
        mask = stripes - 1;
        shift = 32 - Integer.numberOfTrailingZeros(stripes);
        byLabels = new HashMap[stripes];
        hashLocks = new Object[stripes];
        for (int i = 0; i < stripes; i++) {
            byLabels[i] = new HashMap<>(4);
            hashLocks[i] = new Object();
        }
    }

    /**
     * The stripe of a label set from the top bits of its hash times the golden ratio. Not the low bits: the
     * stripe's HashMap buckets by the low bits, and if every key of a stripe shared them, each stripe would
     * be one treeified bucket.
     */
    private int hashStripe(Labels l) {
        return mask == 0 ? 0 : (l.hashCode() * 0x9E3779B9) >>> shift;
    }

    MemSeries getByRef(long ref) {
        return byRef.get(ref);
    }

    MemSeries getByLabels(Labels l) {
        int i = hashStripe(l);
        synchronized (hashLocks[i]) {
            return byLabels[i].get(l);
        }
    }

    /** The series with labels {@code l}, created with the next ref when absent. */
    Created getOrCreate(Labels l) {
        return getOrCreate(l, 0);
    }

    /**
     * The series with labels {@code l}; when absent it is created with {@code ref} (WAL replay) or, when
     * {@code ref} is 0, with the next ref. Refs handed out later are above every ref seen here.
     */
    Created getOrCreate(Labels l, long ref) {
        int h = hashStripe(l);
        MemSeries s;
        synchronized (hashLocks[h]) {
            MemSeries existing = byLabels[h].get(l);
            if (existing != null) {
                return new Created(existing, false);
            }
            long r = ref == 0 ? lastRef.incrementAndGet() : ref;
            if (ref != 0) {
                lastRef.accumulateAndGet(ref, Math::max);
            }
            s = new MemSeries(r, l.interned());
            byLabels[h].put(s.labels, s);
            byRef.put(s);
        }
        size.incrementAndGet();
        return new Created(s, true);
    }

    /** Removes {@code s} from both maps. */
    void remove(MemSeries s) {
        int h = hashStripe(s.labels);
        synchronized (hashLocks[h]) {
            if (byLabels[h].get(s.labels) == s) {
                byLabels[h].remove(s.labels);
            }
            byRef.remove(s);
        }
        size.decrementAndGet();
    }

    /** Visits every series in ref order; {@code action} may take other locks. */
    void forEach(Consumer<MemSeries> action) {
        byRef.forEach(action);
    }

    long size() {
        return size.get();
    }

    long lastRef() {
        return lastRef.get();
    }
}
