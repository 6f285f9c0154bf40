package io.ignis.promql.engine;

import io.ignis.promql.value.FloatPoints;

/**
 * The experimental {@code anchored} and {@code smoothed} range selectors: the window is extended by the
 * lookback delta and its ends replaced by the sample before the range (anchored) or by values interpolated
 * at the range bounds (smoothed), as Prometheus's extendFloats.
 */
final class ExtendedWindows {
    private ExtendedWindows() {
    }

    /** Writes into {@code out} the extended window of {@code in} for the range (mint, maxt]. */
    static void extend(FloatPoints in, long mint, long maxt, boolean smoothed, FloatPoints out) {
        out.clear();
        if (in.isEmpty()) {
            return;
        }
        int last = in.size() - 1;
        int first = Math.max(0, search(in, last, mint, false) - 1);
        if (smoothed) {
            last = search(in, last, maxt, true);
        }
        if (in.t(last) <= mint) {
            return;
        }
        double left = smoothed && in.t(first) < mint ? interpolate(in, first, first + 1, mint) : in.v(first);
        double right = smoothed && last > 0 && in.t(last) > maxt ? interpolate(in, last - 1, last, maxt) : in.v(last);
        if (in.t(first) <= mint) {
            first++;
        }
        if (in.t(last) >= maxt) {
            last--;
        }
        out.add(mint, left);
        for (int i = first; i <= last; i++) {
            out.add(in.t(i), in.v(i));
        }
        out.add(maxt, right);
    }

    /** Go's sort.Search over [0, n): the first index whose time is > t (or >= t when {@code inclusive}). */
    private static int search(FloatPoints p, int n, long t, boolean inclusive) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            boolean ok = inclusive ? p.t(mid) >= t : p.t(mid) > t;
            if (ok) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static double interpolate(FloatPoints p, int a, int b, long t) {
        double y1 = p.v(a);
        double y2 = p.v(b);
        return y1 + (y2 - y1) * (double) (t - p.t(a)) / (double) (p.t(b) - p.t(a));
    }
}
