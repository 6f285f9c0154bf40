package io.ignis.promql.engine;

import io.ignis.labels.Labels;
import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Span;
import io.ignis.model.StaleNaN;
import io.ignis.promql.functions.HistogramMath;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import java.util.Arrays;

/**
 * The samples of one selected series within the querier's range, loaded once per query into primitive
 * arrays (histogram slot null for floats). Stale markers are kept: lookups treat them as "no value".
 */
final class SeriesData {
    final Labels labels;
    long[] ts;
    double[] vs;
    FloatHistogram[] hs;
    /** Start timestamps per sample (0 = unknown), or null when the series has none. */
    long[] sts;
    /** True when this series came from a subquery whose result carries a drop-name flag. */
    boolean dropName;
    int size;

    SeriesData(Labels labels, int capacity) {
        this.labels = labels;
        this.ts = new long[Math.max(1, capacity)];
        this.vs = new double[Math.max(1, capacity)];
        this.hs = new FloatHistogram[Math.max(1, capacity)];
    }

    static SeriesData load(Labels labels, SampleIterator it) {
        return load(labels, it, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Loads the samples with timestamps in [mint, maxt]. */
    static SeriesData load(Labels labels, SampleIterator it, long mint, long maxt) {
        return load(labels, it, mint, maxt, 16);
    }

    /**
     * As {@link #load(Labels, SampleIterator, long, long)}, sized for {@code capacity} samples (the size of
     * the previous series of the same selector is a good guess: it saves the regrowth copies).
     */
    static SeriesData load(Labels labels, SampleIterator it, long mint, long maxt, int capacity) {
        SeriesData d = new SeriesData(labels, capacity);
        for (SampleType st = it.seek(mint); st != SampleType.NONE && it.atT() <= maxt; st = it.next()) {
            switch (st) {
                case FLOAT -> d.add(it.atT(), it.atV(), null);
                case HISTOGRAM, FLOAT_HISTOGRAM -> {
                    FloatHistogram h = it.atFloatHistogram();
                    d.add(it.atT(), 0, h);
                }
                default -> throw new IllegalStateException("bug: sample type " + st);
            }
            long startTs = it.atStartTimestamp();
            if (startTs != 0) {
                if (d.sts == null) {
                    d.sts = new long[d.ts.length];
                }
                d.sts[d.size - 1] = startTs;
            }
        }
        return d;
    }

    /** Its samples as Prometheus counts them against the limit (Matrix.TotalSamples), stale markers included. */
    long sampleCount() {
        long n = 0;
        for (int i = 0; i < size; i++) {
            n += hs[i] == null ? 1 : SampleSizes.point(hs[i]);
        }
        return n;
    }

    void add(long t, double v, FloatHistogram h) {
        if (size == ts.length) {
            ts = Arrays.copyOf(ts, size * 2);
            vs = Arrays.copyOf(vs, size * 2);
            hs = Arrays.copyOf(hs, size * 2);
            if (sts != null) {
                sts = Arrays.copyOf(sts, size * 2);
            }
        }
        ts[size] = t;
        vs[size] = v;
        hs[size] = h;
        size++;
    }

    /**
     * Keeps only count and sum of histograms and sets counter-reset hints by detecting resets between
     * consecutive histograms, as Prometheus's HistogramStatsIterator (used under histogram_count/sum/avg).
     */
    void toStatsOnly() {
        FloatHistogram last = null;
        for (int i = 0; i < size; i++) {
            FloatHistogram h = hs[i];
            if (h == null || isStale(i)) {
                continue;
            }
            CounterResetHint hint = h.counterResetHint();
            if (hint == CounterResetHint.UNKNOWN && last != null) {
                hint = HistogramMath.detectReset(h, last)
                        ? CounterResetHint.COUNTER_RESET
                        : CounterResetHint.NOT_COUNTER_RESET;
            }
            last = h;
            Span[] none = new Span[0];
            hs[i] = new FloatHistogram(hint, h.schema(), 0, 0, h.count(), h.sum(), none, new double[0], none,
                    new double[0], new double[0]);
        }
    }

    /** Whether every sample is a float and none is a stale marker, so any window is a plain array slice. */
    boolean plainFloats() {
        for (int i = 0; i < size; i++) {
            if (hs[i] != null || StaleNaN.is(vs[i])) {
                return false;
            }
        }
        return true;
    }

    /** The start timestamp of sample {@code i}, 0 when unknown. */
    long startTimestamp(int i) {
        return sts == null ? 0 : sts[i];
    }

    /** Index of the last sample with timestamp <= t, or -1. */
    int indexAtOrBefore(long t) {
        int lo = 0;
        int hi = size - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    boolean isStale(int i) {
        if (hs[i] != null) {
            return StaleNaN.is(hs[i].sum());
        }
        return StaleNaN.is(vs[i]);
    }
}
