package io.ignis.tsdb;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The head's series by ref, for the appender's per-sample lookup: refs are handed out from 1 upwards, so they index
 * pages of {@value #PAGE_SIZE} slots through a directory, and a lookup is two array reads with no lock. The series of
 * one scrape target were created together, so their slots share cache lines. Writers (series creation and removal)
 * take this table's monitor; readers see a slot's series once its put has returned (release/acquire on the slots).
 *
 * <p>Churn moves the live refs upwards: a page whose series are all removed is dropped, and the directory forgets
 * its empty low end, so old refs cost nothing once their series are gone. Replaced the per-stripe fastutil maps
 * under stripe locks, which cost a lock and about four cache misses per sample (HeadScrapeCommitBenchmark, #5).
 */
final class SeriesRefTable {
    static final int PAGE_BITS = 9;
    static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(MemSeries[].class);
    private static final VarHandle PAGE = MethodHandles.arrayElementVarHandle(MemSeries[][].class);

    /** The pages from page number {@code base} on, published whole; slots and page entries change in place. */
    private record Directory(long base, MemSeries[][] pages) {
    }

    private volatile Directory dir = new Directory(0, new MemSeries[16][]);
    /** Live series per page of {@link #dir}, under this monitor. */
    private int[] counts = new int[16];
    /** Live series in the table, under this monitor. */
    private long live;

    MemSeries get(long ref) {
        Directory d = dir;
        long p = (ref >>> PAGE_BITS) - d.base;
        if (ref <= 0 || p < 0 || p >= d.pages.length) {
            return null;
        }
        MemSeries[] page = (MemSeries[]) PAGE.getAcquire(d.pages, (int) p);
        return page == null ? null : (MemSeries) SLOT.getAcquire(page, (int) ref & (PAGE_SIZE - 1));
    }

    /** Puts {@code s} at its ref, which must be positive and free. */
    synchronized void put(MemSeries s) {
        if (s.ref <= 0) {
            throw new IllegalArgumentException("bug: series ref must be positive: " + s.ref);
        }
        int p = cover(s.ref >>> PAGE_BITS);
        MemSeries[][] pages = dir.pages;
        MemSeries[] page = pages[p];
        if (page == null) {
            page = new MemSeries[PAGE_SIZE];
            PAGE.setRelease(pages, p, page);
        }
        int slot = (int) s.ref & (PAGE_SIZE - 1);
        if (page[slot] == null) {
            counts[p]++;
            live++;
        }
        SLOT.setRelease(page, slot, s);
    }

    /** Removes the series at {@code s.ref} if it is {@code s}. */
    synchronized void remove(MemSeries s) {
        Directory d = dir;
        long p = (s.ref >>> PAGE_BITS) - d.base;
        if (s.ref <= 0 || p < 0 || p >= d.pages.length || d.pages[(int) p] == null) {
            return;
        }
        MemSeries[] page = d.pages[(int) p];
        int slot = (int) s.ref & (PAGE_SIZE - 1);
        if (page[slot] != s) {
            return;
        }
        SLOT.setRelease(page, slot, null);
        live--;
        if (--counts[(int) p] == 0) {
            PAGE.setRelease(d.pages, (int) p, null);
            trimLowEnd();
        }
    }

    /** Visits every series in ref order; a page is copied first, so {@code action} may take other locks. */
    void forEach(Consumer<MemSeries> action) {
        Directory d = dir;
        MemSeries[] copy = new MemSeries[PAGE_SIZE];
        for (int p = 0; p < d.pages.length; p++) {
            MemSeries[] page = (MemSeries[]) PAGE.getAcquire(d.pages, p);
            if (page == null) {
                continue;
            }
            for (int i = 0; i < PAGE_SIZE; i++) {
                copy[i] = (MemSeries) SLOT.getAcquire(page, i);
            }
            for (MemSeries s : copy) {
                if (s != null) {
                    action.accept(s);
                }
            }
        }
    }

    /** The index in the directory of page number {@code pageNo}, growing the directory to cover it. */
    private int cover(long pageNo) {
        Directory d = dir;
        if (live == 0 && (pageNo < d.base || pageNo >= d.base + d.pages.length)) {
            d = new Directory(pageNo, new MemSeries[d.pages.length][]);
            counts = new int[d.pages.length];
            dir = d;
        }
        if (pageNo < d.base) {
            int shift = (int) Math.min(Integer.MAX_VALUE / 2, d.base - pageNo);
            MemSeries[][] pages = new MemSeries[d.pages.length + shift][];
            System.arraycopy(d.pages, 0, pages, shift, d.pages.length);
            int[] c = new int[pages.length];
            System.arraycopy(counts, 0, c, shift, counts.length);
            counts = c;
            d = new Directory(pageNo, pages);
            dir = d;
        } else if (pageNo - d.base >= d.pages.length) {
            long need = pageNo - d.base + 1;
            if (need > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("series ref beyond the ref table: " + (pageNo << PAGE_BITS));
            }
            int len = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, 2L * d.pages.length));
            counts = Arrays.copyOf(counts, len);
            d = new Directory(d.base, Arrays.copyOf(d.pages, len));
            dir = d;
        }
        return (int) (pageNo - d.base);
    }

    /** Drops the leading empty pages once they are at least half the directory, so old refs stop costing. */
    private void trimLowEnd() {
        Directory d = dir;
        int lead = 0;
        while (lead < counts.length && counts[lead] == 0) {
            lead++;
        }
        if (lead == counts.length || lead < d.pages.length / 2) {
            return;
        }
        MemSeries[][] pages = Arrays.copyOfRange(d.pages, lead, Math.max(lead + 16, d.pages.length));
        counts = Arrays.copyOfRange(counts, lead, lead + pages.length);
        dir = new Directory(d.base + lead, pages);
    }
}
