package io.ignis.tsdb.index;

import java.util.Arrays;

/** Postings over a sorted, duplicate-free {@code long[]} (not copied: the caller must not change it). */
public final class ListPostings implements Postings {
    private final long[] refs;
    private final int end;
    private int i = -1;

    public ListPostings(long[] refs) {
        this(refs, refs.length);
    }

    /** Over the first {@code len} references of {@code refs}. */
    public ListPostings(long[] refs, int len) {
        this.refs = refs;
        this.end = len;
    }

    @Override
    public boolean next() {
        if (i < end) {
            i++;
        }
        return i < end;
    }

    @Override
    public boolean seek(long v) {
        if (i < 0) {
            i = 0;
        }
        if (i >= end) {
            return false;
        }
        if (refs[i] >= v) {
            return true;
        }
        int found = Arrays.binarySearch(refs, i + 1, end, v);
        i = found >= 0 ? found : -found - 1;
        return i < end;
    }

    @Override
    public long at() {
        return refs[i];
    }
}
