package io.ignis.tsdb.tombstones;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Deleted time ranges per series reference, as Prometheus's {@code MemTombstones}. Thread-safe; iteration is in
 * increasing reference order so the file written is deterministic.
 */
public final class Tombstones {
    private final TreeMap<Long, Intervals> byRef = new TreeMap<>();

    /** Marks {@code [mint, maxt]} of series {@code ref} as deleted. */
    public synchronized void addInterval(long ref, long mint, long maxt) {
        byRef.put(ref, byRef.getOrDefault(ref, Intervals.EMPTY).add(mint, maxt));
    }

    /** The deleted intervals of {@code ref}; {@link Intervals#EMPTY} when none. */
    public synchronized Intervals get(long ref) {
        return byRef.getOrDefault(ref, Intervals.EMPTY);
    }

    public synchronized boolean isEmpty() {
        return byRef.isEmpty();
    }

    /** Number of intervals over all series (Prometheus's {@code Total}, reported as {@code numTombstones}). */
    public synchronized long total() {
        long n = 0;
        for (Intervals iv : byRef.values()) {
            n += iv.size();
        }
        return n;
    }

    /** Calls {@code action} per series, in increasing reference order, on a snapshot. */
    public void forEach(BiConsumer<Long, Intervals> action) {
        List<Map.Entry<Long, Intervals>> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(byRef.entrySet());
        }
        for (Map.Entry<Long, Intervals> e : snapshot) {
            action.accept(e.getKey(), e.getValue());
        }
    }

    /** Drops the tombstones of the given series. */
    public synchronized void deleteTombstones(Collection<Long> refs) {
        for (Long r : refs) {
            byRef.remove(r);
        }
    }

    /** Drops every interval that ends before {@code beforeT}, as Prometheus's {@code TruncateBefore}. */
    public synchronized void truncateBefore(long beforeT) {
        byRef.replaceAll((ref, ivs) -> {
            Intervals kept = Intervals.EMPTY;
            for (int i = 0; i < ivs.size(); i++) {
                if (ivs.maxt(i) >= beforeT) {
                    kept = kept.add(ivs.mint(i), ivs.maxt(i));
                }
            }
            return kept;
        });
        byRef.values().removeIf(Intervals::isEmpty);
    }
}
