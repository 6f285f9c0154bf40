package io.ignis.tsdb.index;

import java.nio.ByteBuffer;

/** Postings read in place from a list of big-endian uint32 series IDs (an index postings list). */
final class BigEndianPostings implements Postings {
    private final ByteBuffer buf;
    private final int start;
    private final int n;
    private int i = -1;

    BigEndianPostings(ByteBuffer buf, int start, int n) {
        this.buf = buf;
        this.start = start;
        this.n = n;
    }

    private long get(int k) {
        return buf.getInt(start + 4 * k) & 0xffffffffL;
    }

    @Override
    public boolean next() {
        if (i < n) {
            i++;
        }
        return i < n;
    }

    @Override
    public boolean seek(long v) {
        if (i < 0) {
            i = 0;
        }
        if (i >= n) {
            return false;
        }
        if (get(i) >= v) {
            return true;
        }
        int lo = i + 1;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (get(mid) < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        i = lo;
        return i < n;
    }

    @Override
    public long at() {
        return get(i);
    }
}
