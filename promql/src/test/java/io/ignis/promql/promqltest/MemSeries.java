package io.ignis.promql.promqltest;

import io.ignis.labels.Labels;
import io.ignis.model.FloatHistogram;
import io.ignis.storage.SampleRejection;
import java.util.Arrays;

/** One series of {@link TestStorage}: samples in time order, floats and histograms interleaved. */
final class MemSeries {
    final Labels labels;
    long[] ts = new long[16];
    double[] vs = new double[16];
    FloatHistogram[] hs = new FloatHistogram[16];
    long[] sts = new long[16];
    int size;

    MemSeries(Labels labels) {
        this.labels = labels;
    }

    /** Appends in order; an identical duplicate is accepted silently, as the TSDB does. */
    void append(long t, double v, FloatHistogram h, long st) {
        if (size > 0) {
            long last = ts[size - 1];
            if (t < last) {
                throw SampleRejection.OUT_OF_ORDER;
            }
            if (t == last) {
                boolean same = h == null ? hs[size - 1] == null
                        && Double.doubleToRawLongBits(vs[size - 1]) == Double.doubleToRawLongBits(v)
                        : h.equals(hs[size - 1]);
                if (same) {
                    return;
                }
                throw SampleRejection.DUPLICATE;
            }
        }
        if (size == ts.length) {
            int c = size * 2;
            ts = Arrays.copyOf(ts, c);
            vs = Arrays.copyOf(vs, c);
            hs = Arrays.copyOf(hs, c);
            sts = Arrays.copyOf(sts, c);
        }
        ts[size] = t;
        vs[size] = v;
        hs[size] = h;
        sts[size] = st;
        size++;
    }
}
