package io.ignis.tsdb.tombstones;

import java.util.Arrays;

/**
 * An immutable, sorted list of disjoint, non-adjacent closed time intervals {@code [mint, maxt]} (ms), as
 * Prometheus's {@code tombstones.Intervals}. Adding an interval merges it with every interval it overlaps or
 * touches (intervals one millisecond apart become one).
 */
public final class Intervals {
    public static final Intervals EMPTY = new Intervals(new long[0]);

    private final long[] bounds; // mint0, maxt0, mint1, maxt1, …

    private Intervals(long[] bounds) {
        this.bounds = bounds;
    }

    public static Intervals of(long mint, long maxt) {
        return EMPTY.add(mint, maxt);
    }

    public int size() {
        return bounds.length / 2;
    }

    public boolean isEmpty() {
        return bounds.length == 0;
    }

    public long mint(int i) {
        return bounds[2 * i];
    }

    public long maxt(int i) {
        return bounds[2 * i + 1];
    }

    /** This list with {@code [mint, maxt]} added and merged; {@code this} is unchanged. */
    public Intervals add(long mint, long maxt) {
        if (maxt < mint) {
            throw new IllegalArgumentException("interval maxt " + maxt + " < mint " + mint);
        }
        int n = size();
        // First interval that ends at or after mint - 1 (touching counts), guarding overflow at the extremes.
        int lo = 0;
        while (lo < n && maxt(lo) < mint && (mint == Long.MIN_VALUE || maxt(lo) < mint - 1)) {
            lo++;
        }
        // One past the last interval that starts at or before maxt + 1.
        int hi = lo;
        while (hi < n && (maxt == Long.MAX_VALUE || mint(hi) <= maxt + 1)) {
            hi++;
        }
        long newMin = mint;
        long newMax = maxt;
        if (hi > lo) {
            newMin = Math.min(mint, mint(lo));
            newMax = Math.max(maxt, maxt(hi - 1));
        }
        long[] out = new long[2 * (n - (hi - lo) + 1)];
        System.arraycopy(bounds, 0, out, 0, 2 * lo);
        out[2 * lo] = newMin;
        out[2 * lo + 1] = newMax;
        System.arraycopy(bounds, 2 * hi, out, 2 * lo + 2, 2 * (n - hi));
        return new Intervals(out);
    }

    /** This list with every interval of {@code other} added. */
    public Intervals addAll(Intervals other) {
        Intervals r = this;
        for (int i = 0; i < other.size(); i++) {
            r = r.add(other.mint(i), other.maxt(i));
        }
        return r;
    }

    /** Whether {@code t} falls in one of the intervals. */
    public boolean contains(long t) {
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (maxt(mid) < t) {
                lo = mid + 1;
            } else if (mint(mid) > t) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Whether one interval covers all of {@code [mint, maxt]} (Prometheus's {@code IsSubrange}). */
    public boolean covers(long mint, long maxt) {
        for (int i = 0; i < size(); i++) {
            if (mint(i) <= mint && maxt <= maxt(i)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any interval overlaps {@code [mint, maxt]}. */
    public boolean overlaps(long mint, long maxt) {
        for (int i = 0; i < size(); i++) {
            if (mint(i) <= maxt && mint <= maxt(i)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Intervals other && Arrays.equals(bounds, other.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append('[').append(mint(i)).append(", ").append(maxt(i)).append(']');
        }
        return sb.append(']').toString();
    }
}
