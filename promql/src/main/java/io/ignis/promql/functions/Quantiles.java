package io.ignis.promql.functions;

import java.util.Arrays;

/** The quantile of a set of floats by linear interpolation between ranks (Prometheus's quantile()). */
public final class Quantiles {
    private Quantiles() {
    }

    /** Sorts the first {@code n} entries of {@code values} in place and returns their {@code q}-quantile. */
    public static double quantile(double q, double[] values, int n) {
        if (n == 0 || Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        sortNaNFirst(values, n);
        double rank = q * (n - 1);
        double lower = Math.max(0, Math.floor(rank));
        double upper = Math.min(n - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        return values[(int) lower] * (1 - weight) + values[(int) upper] * weight;
    }

    /** Go's vectorByValueHeap order: NaN sorts first. */
    private static void sortNaNFirst(double[] v, int n) {
        Arrays.sort(v, 0, n);
        int nans = 0;
        for (int i = n - 1; i >= 0 && Double.isNaN(v[i]); i--) {
            nans++;
        }
        if (nans > 0) {
            System.arraycopy(v, 0, v, nans, n - nans);
            Arrays.fill(v, 0, nans, Double.NaN);
        }
    }
}
