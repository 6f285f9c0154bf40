package io.ignis.tsdb.index;

import io.ignis.labels.Labels;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * The head's inverted index, as Prometheus's {@code index.MemPostings}: for every label pair the sorted
 * series refs carrying it, plus the list of all refs under the pair {@code ("", "")}. Readers get a copy of
 * a list, so later additions never disturb an open cursor. Thread-safe (one read-write lock: additions are
 * rare, one per new series).
 */
public final class MemPostings implements PostingsReader {
    /** The key of the list of every series, as in Prometheus's index format. */
    public static final String ALL_NAME = "";
    public static final String ALL_VALUE = "";

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Map<String, LongArrayList>> byName = new HashMap<>();

    /** Adds {@code ref} under each of its label pairs and under the all-series key. */
    public void add(long ref, Labels labels) {
        lock.writeLock().lock();
        try {
            addTo(ALL_NAME, ALL_VALUE, ref);
            for (int i = 0; i < labels.size(); i++) {
                addTo(labels.name(i), labels.value(i), ref);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void addTo(String name, String value, long ref) {
        LongArrayList list = byName.computeIfAbsent(name, k -> new HashMap<>())
                .computeIfAbsent(value, k -> new LongArrayList(4));
        list.add(ref);
        // Refs are handed out in increasing order, but two series created concurrently may be added in the
        // other order: move the new ref back to its place.
        long[] a = list.elements();
        for (int i = list.size() - 1; i > 0 && a[i - 1] > a[i]; i--) {
            long t = a[i - 1];
            a[i - 1] = a[i];
            a[i] = t;
        }
    }

    /** Removes every ref for which {@code deleted} holds; the caller passes the labels it knows them by. */
    public void delete(LongPredicate deleted, List<Labels> labelsOfDeleted) {
        lock.writeLock().lock();
        try {
            removeFrom(ALL_NAME, ALL_VALUE, deleted);
            for (Labels l : labelsOfDeleted) {
                for (int i = 0; i < l.size(); i++) {
                    removeFrom(l.name(i), l.value(i), deleted);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void removeFrom(String name, String value, LongPredicate deleted) {
        Map<String, LongArrayList> values = byName.get(name);
        LongArrayList list = values == null ? null : values.get(value);
        if (list == null) {
            return;
        }
        long[] a = list.elements();
        int n = 0;
        for (int i = 0; i < list.size(); i++) {
            if (!deleted.test(a[i])) {
                a[n++] = a[i];
            }
        }
        list.size(n);
        if (n == 0) {
            values.remove(value);
            if (values.isEmpty()) {
                byName.remove(name);
            }
        }
    }

    @Override
    public Postings postings(String name, String value) {
        return get(name, value);
    }

    @Override
    public Postings postingsForLabelMatching(String name, Predicate<String> match) {
        return matching(name, match);
    }

    /** The refs of series with label {@code name="value"}. */
    public Postings get(String name, String value) {
        lock.readLock().lock();
        try {
            Map<String, LongArrayList> values = byName.get(name);
            LongArrayList list = values == null ? null : values.get(value);
            return list == null || list.isEmpty() ? Postings.empty() : new ListPostings(list.toLongArray());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The refs of every series. */
    public Postings all() {
        return get(ALL_NAME, ALL_VALUE);
    }

    /** The union of the lists of every value of {@code name} that {@code accept} holds for. */
    public Postings matching(String name, Predicate<String> accept) {
        List<Postings> its = new ArrayList<>();
        lock.readLock().lock();
        try {
            Map<String, LongArrayList> values = byName.get(name);
            if (values == null || name.isEmpty()) {
                return Postings.empty();
            }
            for (Map.Entry<String, LongArrayList> e : values.entrySet()) {
                if (accept.test(e.getKey())) {
                    its.add(new ListPostings(e.getValue().toLongArray()));
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return Postings.merge(its);
    }

    /** Receives one label pair of the index and how many series carry it. */
    @FunctionalInterface
    public interface PairVisitor {
        void visit(String name, String value, int series);
    }

    /** Calls {@code v} for every label pair (not the all-series key), under the read lock: keep it short. */
    public void forEachPair(PairVisitor v) {
        lock.readLock().lock();
        try {
            for (Map.Entry<String, Map<String, LongArrayList>> n : byName.entrySet()) {
                if (n.getKey().isEmpty()) {
                    continue;
                }
                for (Map.Entry<String, LongArrayList> e : n.getValue().entrySet()) {
                    v.visit(n.getKey(), e.getKey(), e.getValue().size());
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Sorted label names, without the all-series key. */
    public List<String> labelNames() {
        lock.readLock().lock();
        try {
            List<String> out = new ArrayList<>(byName.size());
            for (String n : byName.keySet()) {
                if (!n.isEmpty()) {
                    out.add(n);
                }
            }
            out.sort(null);
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Sorted values of {@code name}. */
    @Override
    public List<String> labelValues(String name) {
        lock.readLock().lock();
        try {
            Map<String, LongArrayList> values = byName.get(name);
            if (values == null || name.isEmpty()) {
                return List.of();
            }
            String[] out = values.keySet().toArray(new String[0]);
            Arrays.sort(out);
            return Arrays.asList(out);
        } finally {
            lock.readLock().unlock();
        }
    }
}
