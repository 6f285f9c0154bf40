package io.ignis.server.remote;

import io.ignis.labels.Labels;
import java.util.Arrays;

/**
 * The entries a shard takes from its queue for one send: float samples, exemplars and native histograms in arrival
 * order, each with its series' (relabelled, external-labelled) labels. Owned and reused by one shard; not
 * thread-safe.
 */
final class Batch {
    static final byte SAMPLE = 0;
    static final byte EXEMPLAR = 1;
    /** An integer {@link io.ignis.model.Histogram} in {@code extra}. */
    static final byte HISTOGRAM = 2;
    /** A {@link io.ignis.model.FloatHistogram} in {@code extra}. */
    static final byte FLOAT_HISTOGRAM = 3;

    Labels[] series;
    long[] t;
    double[] v;
    byte[] kind;
    /** The exemplar's own labels, the histogram, or null for float samples. */
    Object[] extra;
    int size;
    int samples;
    int exemplars;
    int histograms;

    Batch(int capacity) {
        series = new Labels[capacity];
        t = new long[capacity];
        v = new double[capacity];
        kind = new byte[capacity];
        extra = new Object[capacity];
    }

    void add(Labels s, long ts, double val, byte k, Object x) {
        if (size == t.length) {
            int n = Math.max(16, size * 2);
            series = Arrays.copyOf(series, n);
            t = Arrays.copyOf(t, n);
            v = Arrays.copyOf(v, n);
            kind = Arrays.copyOf(kind, n);
            extra = Arrays.copyOf(extra, n);
        }
        series[size] = s;
        t[size] = ts;
        v[size] = val;
        kind[size] = k;
        extra[size++] = x;
        switch (k) {
            case SAMPLE -> samples++;
            case EXEMPLAR -> exemplars++;
            default -> histograms++;
        }
    }

    void clear() {
        Arrays.fill(series, 0, size, null);
        Arrays.fill(extra, 0, size, null);
        size = 0;
        samples = 0;
        exemplars = 0;
        histograms = 0;
    }

    long highestSampleTimestamp() {
        long max = 0;
        for (int i = 0; i < size; i++) {
            if (kind[i] != EXEMPLAR && t[i] > max) {
                max = t[i];
            }
        }
        return max;
    }
}
