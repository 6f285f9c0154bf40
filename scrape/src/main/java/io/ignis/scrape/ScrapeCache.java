package io.ignis.scrape;

import io.ignis.labels.Labels;
import io.ignis.model.MetricMetadata;
import io.ignis.model.MetricType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus's scrape cache for one target: maps the raw series text of the exposition (name and label block as
 * written) to the series' final labels and storage reference, so an unchanged series costs one hash over its bytes
 * and no label parsing or allocation; remembers series that metric relabeling dropped; tracks which label sets
 * the previous scrape produced, for staleness markers; and keeps the metadata of each metric family.
 *
 * <p>Used by one scrape loop thread at a time, except {@link #metadata()}, which any thread may call. A new loop
 * for the same target (after a reload) may take over the cache, keeping refs and staleness state.
 */
final class ScrapeCache {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Staleness state of one final label set, shared by every raw text that produces it. */
    static class Tracked {
        final Labels labels;
        long seenIter = -1;

        Tracked(Labels labels) {
            this.labels = labels;
        }
    }

    /**
     * One raw series text: its final labels (null when dropped by relabeling) and storage reference. The first
     * text producing a label set is that set's {@link Tracked} itself, so the usual series, produced by one text,
     * costs one object and its staleness check reads no other (#5 profiles); a later text with the same labels
     * shares the first one's.
     */
    static final class Entry extends Tracked {
        long ref;
        /** This entry, or the entry that produced these labels first; null when dropped. */
        Tracked tracked;
        long lastIter;
        /** Where the raw text is in the arena. */
        int keyOffset;
        int keyLength;
        /** Its place in the order of the scrape that last met it; see {@link #expectedEnd}. */
        int orderIndex = -1;

        Entry(Labels labels) {
            super(labels);
        }
    }

    /** Metadata of one metric family; fields replaced whole, read by API threads. */
    static final class Meta {
        final String family;
        /** The name as the text formats escape it, compared with the input in place. */
        final byte[] familyEscaped;
        volatile MetricType type = MetricType.UNKNOWN;
        volatile String help = "";
        volatile String unit = "";
        long lastIter;

        Meta(String family) {
            this.family = family;
            this.familyEscaped = io.ignis.scrape.textparse.Parser.escapeName(family);
        }
    }

    /** How far past a missing family the scrape order is searched for the family met instead. */
    private static final int FAMILY_RESYNC = 16;

    /**
     * The raw series texts, back to back in the order they were first scraped, so that the lookups of one scrape,
     * which come in that same order, read this array front to back instead of chasing one array per key.
     */
    private byte[] arena = new byte[4096];
    private int arenaUsed;
    /** Open addressing over parallel arrays: a slot is free when its entry is null. */
    private int[] hashes = new int[64];
    private Entry[] entries = new Entry[64];
    private int size;

    /**
     * The raw texts of the last successful scrape in the order it met them, and those of this scrape so far. A
     * target writes its series in the same order every time, so the text expected next is checked against the
     * input in place ({@link #expectedEnd}): no scan for where the text ends, no hash, no probe (#5 profiles).
     */
    private Entry[] order = new Entry[64];
    private int orderCount;
    private Entry[] orderCur = new Entry[64];
    private int orderCurCount;
    private int cursor;
    /** The input range {@link #expectedEnd} matched last, which {@link #lookup} then takes without hashing. */
    private byte[] expectedIn;
    private int expectedFrom;
    private int expectedTo;

    private final Map<Labels, Tracked> tracked = new HashMap<>();
    /** The label sets this scrape produced so far, and those of the previous scrape: plain arrays, reused. */
    private Tracked[] seriesCur = new Tracked[64];
    private int seriesCurSize;
    private Tracked[] seriesPrev = new Tracked[64];
    private int seriesPrevSize;
    private final Map<String, Meta> metadata = new ConcurrentHashMap<>();
    /**
     * The families of the last successful scrape in the order it met them, and those of this scrape so far: a
     * target writes its families in the same order every time, so the next family is checked against the expected
     * one in place, with no String for its name and no map lookup.
     */
    private Meta[] familyOrder = new Meta[16];
    private int familyCount;
    private Meta[] familyCur = new Meta[16];
    private int familyCurCount;
    private int familyCursor;

    private long iter;
    private int successfulCount;
    /** The refs of the series expected in this scrape, in their order, collected as it begins; see {@link #refs}. */
    private long[] refs = new long[64];
    private int refCount;
    /** What {@link #beginScrape} read ahead, kept only so that the compiler keeps those loads. */
    private long prefetched;

    /**
     * Starts a scrape: entries seen from now on are marked with the new iteration. Collects the refs of the series
     * of the previous scrape, reading their entries in one tight loop (the CPU overlaps those cache misses) for
     * {@link io.ignis.storage.Appender#prefetch}, and reads the families' metadata ahead the same way.
     */
    void beginScrape() {
        iter++;
        familyCurCount = 0;
        familyCursor = 0;
        Arrays.fill(orderCur, 0, orderCurCount, null);
        orderCurCount = 0;
        cursor = 0;
        expectedIn = null;
        if (refs.length < orderCount) {
            refs = new long[order.length];
        }
        int n = 0;
        for (int i = 0; i < orderCount; i++) {
            long ref = order[i].ref;
            if (ref != 0) {
                refs[n++] = ref; // 0: dropped by relabeling, or not stored yet
            }
        }
        refCount = n;
        // The same for the metadata the HELP and TYPE lines are compared with: the family entries, their escaped
        // names and help texts (String.length reads the text's array), read now so those misses overlap too.
        long touched = 0;
        for (int i = 0; i < familyCount; i++) {
            Meta m = familyOrder[i];
            touched += m.familyEscaped.length + m.help.length() + m.lastIter;
        }
        prefetched = touched;
    }

    /** The storage refs of the series expected in this scrape, collected by {@link #beginScrape}: {@link #refCount}. */
    long[] refs() {
        return refs;
    }

    int refCount() {
        return refCount;
    }

    long iter() {
        return iter;
    }

    /**
     * If {@code b[from, limit)} starts with the raw text this scrape is expected to meet next (the one that came
     * next in the last successful scrape), the end of that text in {@code b}; else -1. Only a guess: the caller
     * checks that a series text ends there before it looks the text up with {@link #lookup}, which then costs
     * nothing more.
     */
    int expectedEnd(byte[] b, int from, int limit) {
        if (cursor >= orderCount) {
            return -1;
        }
        Entry e = order[cursor];
        int to = from + e.keyLength;
        if (to > limit || !Arrays.equals(arena, e.keyOffset, e.keyOffset + e.keyLength, b, from, to)) {
            return -1;
        }
        expectedIn = b;
        expectedFrom = from;
        expectedTo = to;
        return to;
    }

    /**
     * The entry for the raw series bytes {@code b[from, to)} met by this scrape, or null: as {@link #get}, and
     * notes the entry in this scrape's order, following the expected order where it can.
     */
    Entry lookup(byte[] b, int from, int to) {
        Entry e;
        if (b == expectedIn && from == expectedFrom && to == expectedTo) {
            e = order[cursor++];
        } else {
            e = get(b, from, to);
            if (e == null) {
                return null;
            }
            int k = e.orderIndex;
            if (k >= 0 && k < orderCount && order[k] == e) {
                cursor = k + 1; // a series came or went: the expected order resumes after this one
            }
        }
        expectedIn = null;
        met(e);
        return e;
    }

    private void met(Entry e) {
        if (orderCurCount == orderCur.length) {
            orderCur = Arrays.copyOf(orderCur, 2 * orderCurCount);
        }
        e.orderIndex = orderCurCount;
        orderCur[orderCurCount++] = e;
    }

    /** The entry for the raw series bytes {@code b[from, to)}, or null; allocation-free. */
    Entry get(byte[] b, int from, int to) {
        int h = hash(b, from, to);
        int len = to - from;
        int mask = entries.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            Entry e = entries[i];
            if (e == null) {
                return null;
            }
            if (hashes[i] == h && e.keyLength == len
                    && Arrays.equals(arena, e.keyOffset, e.keyOffset + len, b, from, to)) {
                return e;
            }
        }
    }

    /** Adds the raw series bytes with their final labels (null when dropped); copies the key bytes. */
    Entry add(byte[] b, int from, int to, Labels labels, long ref) {
        Entry e = new Entry(labels);
        e.ref = ref;
        e.lastIter = iter;
        if (labels != null) {
            Tracked first = tracked.putIfAbsent(labels, e);
            e.tracked = first == null ? e : first;
        }
        if (2 * (size + 1) > entries.length) {
            rehash(entries.length * 2);
        }
        e.keyOffset = store(b, from, to - from);
        e.keyLength = to - from;
        insert(hash(b, from, to), e);
        size++;
        met(e);
        return e;
    }

    int size() {
        return size;
    }

    /** Marks the label set as produced by this scrape, so it is not marked stale. */
    void trackStaleness(Tracked t) {
        if (t.seenIter != iter) {
            t.seenIter = iter;
            if (seriesCurSize == seriesCur.length) {
                seriesCur = Arrays.copyOf(seriesCur, 2 * seriesCurSize);
            }
            seriesCur[seriesCurSize++] = t;
        }
    }

    /** Calls {@code stale} for every label set of the previous scrape that this scrape did not produce. */
    void forEachStale(java.util.function.Consumer<Labels> stale) {
        for (int i = 0; i < seriesPrevSize; i++) {
            Tracked t = seriesPrev[i];
            if (t.seenIter != iter) {
                stale.accept(t.labels);
            }
        }
    }

    /**
     * Ends a scrape. After a successful one ({@code flush}), drops entries not seen in it, as Prometheus does
     * against series churn; a failing target whose cache doubled since is flushed too, and then this returns
     * true.
     */
    boolean iterDone(boolean flush) {
        boolean forced = false;
        int count = size + metadata.size();
        if (flush) {
            successfulCount = count;
        } else if (count > 2 * successfulCount + 1000) {
            flush = true;
            forced = true;
        }
        if (flush) {
            evictUnseen();
            // Keep metadata for 10 scrapes after its metric disappeared, as Prometheus.
            if (metadata.values().removeIf(m -> iter - m.lastIter > 10)) {
                // The expected order may name a removed family, which must not be found without the map.
                familyCount = 0;
            }
        }
        Arrays.fill(order, 0, orderCount, null);
        orderCount = 0;
        if (!forced && flush) {
            // This scrape's order is the one to expect; after a failed one, nothing is (its entries may be gone).
            Entry[] o = order;
            order = orderCur;
            orderCount = orderCurCount;
            orderCur = o;
        } else {
            Arrays.fill(orderCur, 0, orderCurCount, null);
        }
        orderCurCount = 0;
        Tracked[] swap = seriesPrev;
        Arrays.fill(swap, 0, seriesPrevSize, null);
        seriesPrev = seriesCur;
        seriesPrevSize = seriesCurSize;
        seriesCur = swap;
        seriesCurSize = 0;
        if (familyCurCount > 0) {
            Meta[] order = familyOrder;
            familyOrder = familyCur;
            familyCount = familyCurCount;
            familyCur = order;
            Arrays.fill(familyCur, null);
            familyCurCount = 0;
        }
        return forced;
    }

    /**
     * Undoes the staleness tracking of a scrape that failed part way, so that the empty scrape that follows marks
     * every series of the previous scrape stale.
     */
    void abortScrape() {
        for (int i = 0; i < seriesCurSize; i++) {
            seriesCur[i].seenIter = -1;
        }
        Arrays.fill(seriesCur, 0, seriesCurSize, null);
        seriesCurSize = 0;
    }

    /** The meta entry of a family, for attaching metadata to the samples that follow it. */
    Meta metaEntry(String family) {
        return meta(family);
    }

    /**
     * The meta entry of the family of the parser's current HELP, TYPE or UNIT entry. When the family is the one
     * the previous scrape met next, it costs one comparison of the name bytes; otherwise a String and a lookup.
     */
    Meta metaEntry(io.ignis.scrape.textparse.Parser p) {
        Meta m = familyCursor < familyCount ? familyOrder[familyCursor] : null;
        if (m != null && p.metricFamilyEquals(m.family, m.familyEscaped)) {
            familyCursor++;
            m.lastIter = iter;
        } else {
            m = meta(p.metricFamily());
            // A family gone since the last scrape leaves the cursor behind: catch up if this one comes soon after.
            for (int k = familyCursor, end = Math.min(familyCount, familyCursor + FAMILY_RESYNC); k < end; k++) {
                if (familyOrder[k] == m) {
                    familyCursor = k + 1;
                    break;
                }
            }
        }
        if (familyCurCount == familyCur.length) {
            familyCur = Arrays.copyOf(familyCur, 2 * familyCur.length);
        }
        familyCur[familyCurCount++] = m;
        return m;
    }

    void setType(String family, MetricType type) {
        meta(family).type = type;
    }

    void setHelp(String family, String help) {
        meta(family).help = help;
    }

    void setUnit(String family, String unit) {
        meta(family).unit = unit;
    }

    private Meta meta(String family) {
        // get first: computeIfAbsent locks the bin even when the family is there, as it is on every scrape but one.
        Meta m = metadata.get(family);
        if (m == null) {
            m = metadata.computeIfAbsent(family, Meta::new);
        }
        m.lastIter = iter;
        return m;
    }

    /** A snapshot of the metadata by metric family name. */
    Map<String, MetricMetadata> metadata() {
        Map<String, MetricMetadata> out = new java.util.TreeMap<>();
        metadata.forEach((name, m) -> out.put(name, new MetricMetadata(m.type, m.unit, m.help)));
        return out;
    }

    private void evictUnseen() {
        int live = 0;
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] != null && entries[i].lastIter == iter) {
                live++;
            }
        }
        if (live == size) {
            return;
        }
        // Survivors keep their first-scraped order in the new arena: (offset, slot) pairs sorted by offset.
        long[] byOffset = new long[live];
        int n = 0;
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] != null && entries[i].lastIter == iter) {
                byOffset[n++] = ((long) entries[i].keyOffset << 32) | i;
            }
        }
        Arrays.sort(byOffset);
        byte[] oldArena = arena;
        int[] oldHashes = hashes;
        Entry[] oldEntries = entries;
        int capacity = entries.length;
        arena = new byte[Math.max(4096, arenaUsed)];
        arenaUsed = 0;
        hashes = new int[capacity];
        entries = new Entry[capacity];
        size = 0;
        for (long o : byOffset) {
            int slot = (int) o;
            Entry e = oldEntries[slot];
            e.keyOffset = store(oldArena, e.keyOffset, e.keyLength);
            insert(oldHashes[slot], e);
            size++;
        }
        tracked.values().removeIf(t -> t.seenIter != iter);
    }

    private void rehash(int capacity) {
        int[] oldHashes = hashes;
        Entry[] oldEntries = entries;
        hashes = new int[capacity];
        entries = new Entry[capacity];
        for (int i = 0; i < oldEntries.length; i++) {
            if (oldEntries[i] != null) {
                insert(oldHashes[i], oldEntries[i]);
            }
        }
    }

    /** Copies {@code len} bytes to the end of the arena; returns their offset. */
    private int store(byte[] b, int from, int len) {
        if (arenaUsed + len > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arenaUsed + len, 2 * arena.length));
        }
        System.arraycopy(b, from, arena, arenaUsed, len);
        int off = arenaUsed;
        arenaUsed += len;
        return off;
    }

    private void insert(int h, Entry e) {
        int mask = entries.length - 1;
        int i = h & mask;
        while (entries[i] != null) {
            i = (i + 1) & mask;
        }
        hashes[i] = h;
        entries[i] = e;
    }

    /**
     * A hash of the raw series bytes, eight at a time: every scraped sample pays it, so it reads longs rather than
     * bytes (series texts are 30 to 150 bytes).
     */
    static int hash(byte[] b, int from, int to) {
        long h = 0x9E3779B97F4A7C15L ^ (to - from);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = (h ^ (long) LONGS.get(b, i)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
        }
        long tail = 0;
        for (int shift = 0; i < to; i++, shift += 8) {
            tail |= (b[i] & 0xffL) << shift;
        }
        h = (h ^ tail) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return (int) (h ^ (h >>> 32));
    }
}
