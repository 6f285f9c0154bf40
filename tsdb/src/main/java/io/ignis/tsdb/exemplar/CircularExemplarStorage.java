package io.ignis.tsdb.exemplar;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.labels.XxHash64;
import io.ignis.model.Exemplar;
import io.ignis.storage.ExemplarQuerier;
import io.ignis.storage.ExemplarQueryResult;
import io.ignis.storage.SampleRejection;
import io.ignis.storage.StorageException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Prometheus's {@code CircularExemplarStorage}: one ring of {@code maxExemplars} entries shared by every series, so
 * the newest exemplars overall are kept, whatever series they belong to. Each series' entries form a doubly linked
 * list through the ring in timestamp order, found by the series' labels; an entry about to be overwritten is
 * unlinked first, and a series whose last entry goes leaves the index. Entries are columns of primitive arrays.
 *
 * <p>Validation as Prometheus's: label sets longer than {@link #MAX_LABEL_SET_LENGTH} characters are refused; an
 * exemplar equal to the series' newest is a duplicate (timestamps count only when one of the two was exposed with
 * one); one older than the series' newest by at least the out-of-order window, or at the same timestamp with a lower
 * value (or the same value and a lower label hash), is out of order. Within the window an older exemplar is linked in
 * its place, unless one with its timestamp is already there.
 *
 * <p>Thread-safe: validation and queries share a read lock; appends, resizes and window changes take the write
 * lock. The head appends from one thread at a time (its commit lock), so the write lock is never contended by writers.
 */
public final class CircularExemplarStorage implements ExemplarQuerier {
    /**
     * Fixed by OpenMetrics and Prometheus ({@code ExemplarMaxLabelSetLength}): the label names and values of an
     * exemplar together hold at most 128 UTF-8 characters.
     */
    public static final int MAX_LABEL_SET_LENGTH = 128;
    private static final int NONE = -1;
    /** Java arrays end a little below 2^31 entries. */
    private static final long MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Labels, SeriesEntry> index = new HashMap<>();
    private long[] ts;
    private double[] values;
    private boolean[] hasTs;
    private Labels[] labels;
    private int[] next;
    private int[] prev;
    /** The series of each slot; null for an empty slot. */
    private SeriesEntry[] owner;
    /** The slot written next. Slots {@code [0, nextIndex)} are taken until the ring first fills (see compact). */
    private int nextIndex;
    /** The ring's length, readable without the lock for the appenders' cheap "is it on" check. */
    private volatile int capacity;
    private long oooWindowMillis;
    private long appended;
    private long outOfOrder;

    /**
     * @param maxExemplars the ring's length; 0 or less stores nothing until {@link #resize}
     * @param oooWindowMillis how much older than a series' newest exemplar an exemplar may be; 0 or less accepts
     *     none older
     */
    public CircularExemplarStorage(long maxExemplars, long oooWindowMillis) {
        allocate(capacityOf(maxExemplars));
        this.oooWindowMillis = Math.max(0, oooWindowMillis);
    }

    private static int capacityOf(long maxExemplars) {
        if (maxExemplars > MAX_CAPACITY) {
            throw new IllegalArgumentException("max exemplars must be at most " + MAX_CAPACITY + ": " + maxExemplars);
        }
        return (int) Math.max(0, maxExemplars);
    }

    private void allocate(int n) {
        ts = new long[n];
        values = new double[n];
        hasTs = new boolean[n];
        labels = new Labels[n];
        next = new int[n];
        prev = new int[n];
        owner = new SeriesEntry[n];
        capacity = n;
    }

    /** Whether exemplars are stored at all ({@code max_exemplars} above 0). */
    public boolean enabled() {
        return capacity > 0;
    }

    /** The ring's length. */
    public long maxExemplars() {
        return capacity;
    }

    /** Changes the out-of-order window for exemplars appended from now on. */
    public void setOutOfOrderTimeWindow(long millis) {
        lock.writeLock().lock();
        try {
            oooWindowMillis = Math.max(0, millis);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Checks an exemplar against what is stored now, as an appender does before batching it. Returns the rejection
     * ({@link SampleRejection#DUPLICATE_EXEMPLAR}, {@link SampleRejection#OUT_OF_ORDER_EXEMPLAR},
     * {@link ExemplarRejection#LABEL_LENGTH}, {@link ExemplarRejection#DISABLED}) or null when it may be added.
     */
    public StorageException validate(Labels series, Labels exemplarLabels, double v, long t, boolean hasTimestamp) {
        lock.readLock().lock();
        try {
            return check(index.get(series), exemplarLabels, v, t, hasTimestamp, false);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@link #add(Labels, Labels, double, long, boolean)} for an {@link Exemplar}. */
    public StorageException add(Labels series, Exemplar e) {
        return add(series, e.labels(), e.value(), e.timestamp(), e.hasTimestamp());
    }

    /**
     * Stores an exemplar of the series {@code series}, overwriting the oldest entry of the ring when it is full.
     * Returns null when stored or when it duplicates one stored (a no-op, as in Prometheus), else the rejection as
     * {@link #validate} names it; an out-of-order one is counted.
     */
    public StorageException add(Labels series, Labels exemplarLabels, double v, long t, boolean hasTimestamp) {
        lock.writeLock().lock();
        try {
            return insert(series, exemplarLabels, v, t, hasTimestamp);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private StorageException check(SeriesEntry s, Labels l, double v, long t, boolean hasT, boolean appending) {
        if (capacity == 0) {
            return ExemplarRejection.DISABLED;
        }
        if (labelSetLength(l) > MAX_LABEL_SET_LENGTH) {
            return ExemplarRejection.LABEL_LENGTH;
        }
        if (s == null) {
            return null;
        }
        int newest = s.newest;
        long nt = ts[newest];
        double nv = values[newest];
        // As Prometheus's Exemplar.Equals: without a timestamp on either side, the scrape time given in its place
        // does not count, so an exemplar exposed unchanged scrape after scrape is stored once.
        if (v == nv && l.equals(labels[newest]) && (t == nt || !(hasT || hasTs[newest]))) {
            return SampleRejection.DUPLICATE_EXEMPLAR;
        }
        if ((t < nt && t <= nt - oooWindowMillis) || (t == nt && v < nv)
                || (t == nt && v == nv && Long.compareUnsigned(XxHash64.hash(l), XxHash64.hash(labels[newest])) < 0)) {
            if (appending) {
                outOfOrder++;
            }
            return SampleRejection.OUT_OF_ORDER_EXEMPLAR;
        }
        return null;
    }

    /** Characters (code points) of every name and value, as Prometheus counts runes. */
    private static int labelSetLength(Labels l) {
        int n = 0;
        for (int i = 0; i < l.size(); i++) {
            String name = l.name(i);
            String value = l.value(i);
            n += name.codePointCount(0, name.length()) + value.codePointCount(0, value.length());
            if (n > MAX_LABEL_SET_LENGTH) {
                return n;
            }
        }
        return n;
    }

    private StorageException insert(Labels series, Labels l, double v, long t, boolean hasT) {
        SeriesEntry s = index.get(series);
        StorageException rejected = check(s, l, v, t, hasT, true);
        if (rejected != null) {
            return rejected == SampleRejection.DUPLICATE_EXEMPLAR ? null : rejected;
        }
        boolean linked = s != null;
        boolean outOfOrderInsert = false;
        int after = NONE;
        if (linked) {
            outOfOrderInsert = t >= ts[s.oldest] && t < ts[s.newest];
            if (outOfOrderInsert) {
                after = insertionPoint(s, t);
                if (ts[after] == t) {
                    // As Prometheus: taken for a duplicate without comparing values and labels, which would cost a
                    // walk of every entry at that timestamp under the write lock.
                    return null;
                }
            }
        } else {
            s = new SeriesEntry(series);
            index.put(series, s);
        }
        int slot = nextIndex;
        SeriesEntry evicted = owner[slot];
        if (evicted != null) {
            if (unlink(slot)) {
                if (evicted == s) {
                    linked = false; // its only entry is the one overwritten: keep the index entry, start over
                } else {
                    index.remove(evicted.labels);
                }
            } else if (outOfOrderInsert && after == slot && evicted == s) {
                after = insertionPoint(s, t);
            }
        }
        ts[slot] = t;
        values[slot] = v;
        hasTs[slot] = hasT;
        labels[slot] = l;
        owner[slot] = s;
        link(s, slot, t, linked, after);
        nextIndex = (slot + 1) % capacity;
        appended++;
        return null;
    }

    private void link(SeriesEntry s, int slot, long t, boolean linked, int after) {
        if (!linked) {
            s.oldest = slot;
            s.newest = slot;
            prev[slot] = NONE;
            next[slot] = NONE;
        } else if (t >= ts[s.newest]) {
            next[s.newest] = slot;
            prev[slot] = s.newest;
            next[slot] = NONE;
            s.newest = slot;
        } else if (t < ts[s.oldest]) {
            prev[s.oldest] = slot;
            prev[slot] = NONE;
            next[slot] = s.oldest;
            s.oldest = slot;
        } else {
            int following = next[after];
            prev[slot] = after;
            next[slot] = following;
            next[after] = slot;
            if (following != NONE) {
                prev[following] = slot;
            }
        }
    }

    /**
     * The newest entry of {@code s} at or before {@code t}, walking back from the newest: late exemplars usually land
     * near it. The oldest entry when every one is later.
     */
    private int insertionPoint(SeriesEntry s, long t) {
        for (int i = s.newest; i != NONE; i = prev[i]) {
            if (ts[i] <= t) {
                return i;
            }
        }
        return s.oldest;
    }

    /** Takes {@code slot} out of its series' list; true when that list is now empty. */
    private boolean unlink(int slot) {
        SeriesEntry s = owner[slot];
        int p = prev[slot];
        int n = next[slot];
        if (p != NONE) {
            next[p] = n;
        } else {
            s.oldest = n;
        }
        if (n != NONE) {
            prev[n] = p;
        } else {
            s.newest = p;
        }
        owner[slot] = null;
        labels[slot] = null;
        return s.oldest == NONE && s.newest == NONE;
    }

    /**
     * Changes the ring's length, keeping the newest exemplars (in the order they were added) that fit, as
     * Prometheus's {@code Resize}; 0 drops them all and disables the storage. Returns how many were kept.
     */
    public int resize(long maxExemplars) {
        int size = capacityOf(maxExemplars);
        lock.writeLock().lock();
        try {
            int old = capacity;
            if (size == old) {
                return 0;
            }
            for (int i = 0; i < old - size; i++) {
                // Oldest first: the slots from nextIndex on, which are empty until the ring has filled once.
                int slot = (nextIndex + i) % old;
                SeriesEntry s = owner[slot];
                if (s != null && unlink(slot)) {
                    index.remove(s.labels);
                }
            }
            return compact(size);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Moves the entries into new arrays of {@code size}, oldest added first from slot 0, and points nextIndex after
     * them. Unlike Prometheus's copy, which keeps the empty slots in place, this keeps the taken slots at the front
     * until the ring fills; the same exemplars are overwritten in the same order either way.
     */
    private int compact(int size) {
        int old = capacity;
        long[] ts2 = new long[size];
        double[] values2 = new double[size];
        boolean[] hasTs2 = new boolean[size];
        Labels[] labels2 = new Labels[size];
        int[] next2 = new int[size];
        int[] prev2 = new int[size];
        SeriesEntry[] owner2 = new SeriesEntry[size];
        int[] moved = new int[old];
        int k = 0;
        for (int i = 0; i < old; i++) {
            int slot = (nextIndex + i) % old;
            if (owner[slot] == null) {
                moved[slot] = NONE;
                continue;
            }
            moved[slot] = k;
            ts2[k] = ts[slot];
            values2[k] = values[slot];
            hasTs2[k] = hasTs[slot];
            labels2[k] = labels[slot];
            next2[k] = next[slot];
            prev2[k] = prev[slot];
            owner2[k++] = owner[slot];
        }
        for (int i = 0; i < k; i++) {
            next2[i] = next2[i] == NONE ? NONE : moved[next2[i]];
            prev2[i] = prev2[i] == NONE ? NONE : moved[prev2[i]];
        }
        for (SeriesEntry s : index.values()) {
            s.oldest = moved[s.oldest];
            s.newest = moved[s.newest];
        }
        ts = ts2;
        values = values2;
        hasTs = hasTs2;
        labels = labels2;
        next = next2;
        prev = prev2;
        owner = owner2;
        capacity = size;
        nextIndex = size == 0 ? 0 : k % size;
        return k;
    }

    @Override
    public List<ExemplarQueryResult> select(long start, long end, List<Matcher[]> matcherSets) {
        List<ExemplarQueryResult> out = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (SeriesEntry s : index.values()) {
                if (ts[s.oldest] > end || ts[s.newest] < start || !matchesAny(s.labels, matcherSets)) {
                    continue;
                }
                List<Exemplar> found = new ArrayList<>();
                for (int i = s.oldest; i != NONE && ts[i] <= end; i = next[i]) {
                    if (ts[i] >= start) {
                        found.add(new Exemplar(labels[i], values[i], ts[i], hasTs[i]));
                    }
                }
                if (!found.isEmpty()) {
                    out.add(new ExemplarQueryResult(s.labels, found));
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        out.sort((a, b) -> a.seriesLabels().compareTo(b.seriesLabels()));
        return out;
    }

    private static boolean matchesAny(Labels l, List<Matcher[]> matcherSets) {
        for (Matcher[] set : matcherSets) {
            if (matchesAll(l, set)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAll(Labels l, Matcher[] set) {
        for (Matcher m : set) {
            if (!m.matches(l.get(m.name()))) {
                return false;
            }
        }
        return true;
    }

    /** The self-metrics now. */
    public ExemplarStats stats() {
        lock.readLock().lock();
        try {
            long stored = 0;
            double oldestSeconds = 0;
            if (capacity > 0) {
                // Taken slots are [0, nextIndex) until the ring fills; then the oldest is the one written next.
                boolean full = owner[nextIndex] != null;
                stored = full ? capacity : nextIndex;
                int oldest = full ? nextIndex : 0;
                oldestSeconds = owner[oldest] == null ? 0 : ts[oldest] / 1000.0;
            }
            return new ExemplarStats(appended, stored, index.size(), oldestSeconds, capacity, outOfOrder);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** One series' list in the ring, by timestamp: its first and last slot. */
    private static final class SeriesEntry {
        final Labels labels;
        int oldest = NONE;
        int newest = NONE;

        SeriesEntry(Labels labels) {
            this.labels = labels;
        }
    }
}
