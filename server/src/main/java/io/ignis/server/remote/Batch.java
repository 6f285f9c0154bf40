package io.ignis.server.remote;

import io.ignis.labels.Labels;
import java.util.Arrays;

/**
 * The entries a shard takes from its queue for one send: float samples and exemplars in arrival order, each with
 * its series' (relabelled, external-labelled) labels. Owned and reused by one shard; not thread-safe.
 */
final class Batch {
    static final byte SAMPLE = 0;
    static final byte EXEMPLAR = 1;

    Labels[] series;
    long[] t;
    double[] v;
    byte[] kind;
    /** The exemplar's own labels, null for samples. */
    Labels[] exemplarLabels;
    int size;
    int samples;
    int exemplars;

    Batch(int capacity) {
        series = new Labels[capacity];
        t = new long[capacity];
        v = new double[capacity];
        kind = new byte[capacity];
        exemplarLabels = new Labels[capacity];
    }

    void add(Labels s, long ts, double val, byte k, Labels ex) {
        if (size == t.length) {
            int n = Math.max(16, size * 2);
            series = Arrays.copyOf(series, n);
            t = Arrays.copyOf(t, n);
            v = Arrays.copyOf(v, n);
            kind = Arrays.copyOf(kind, n);
            exemplarLabels = Arrays.copyOf(exemplarLabels, n);
        }
        series[size] = s;
        t[size] = ts;
        v[size] = val;
        kind[size] = k;
        exemplarLabels[size++] = ex;
        if (k == SAMPLE) {
            samples++;
        } else {
            exemplars++;
        }
    }

    void clear() {
        Arrays.fill(series, 0, size, null);
        Arrays.fill(exemplarLabels, 0, size, null);
        size = 0;
        samples = 0;
        exemplars = 0;
    }

    long highestSampleTimestamp() {
        long max = 0;
        for (int i = 0; i < size; i++) {
            if (kind[i] == SAMPLE && t[i] > max) {
                max = t[i];
            }
        }
        return max;
    }
}
