package io.ignis.server.remote;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Test histograms for the remote-read and block interop tests: a counter series with positive and negative
 * buckets and a zero bucket that resets every 100 samples, an iterator over such samples, and a description that
 * compares equal however empty buckets are laid out.
 */
final class HistogramSeries {
    private static final Span[] POSITIVE = {new Span(-1, 2), new Span(2, 1)};
    private static final Span[] NEGATIVE = {new Span(0, 1)};

    private HistogramSeries() {
    }

    /** A timestamped integer or float histogram. */
    record Point(long t, Histogram h, FloatHistogram fh) {
        String describe() {
            return t + " " + HistogramSeries.describe(h != null ? toFloat(h) : fh);
        }
    }

    /** The i-th integer histogram of the series (schema 1): counts grow with i and reset every 100 samples. */
    static Histogram hist(int i) {
        long k = i % 100;
        long[] pos = {k + 1, 2 * k + 1, k};
        long[] neg = {k / 2};
        long zero = k % 7;
        long count = zero + pos[0] + pos[1] + pos[2] + neg[0];
        return new Histogram(CounterResetHint.UNKNOWN, 1, 0.001, zero, count, k * 1.25, POSITIVE,
                new long[] {pos[0], pos[1] - pos[0], pos[2] - pos[1]}, NEGATIVE, new long[] {neg[0]}, new double[0]);
    }

    /** The i-th float histogram: the integer one with every count halved. */
    static FloatHistogram floatHist(int i) {
        FloatHistogram f = toFloat(hist(i));
        return new FloatHistogram(CounterResetHint.UNKNOWN, f.schema(), f.zeroThreshold(), f.zeroCount() / 2,
                f.count() / 2, f.sum(), f.positiveSpans(), halve(f.positiveBuckets()), f.negativeSpans(),
                halve(f.negativeBuckets()), f.customValues());
    }

    private static double[] halve(double[] in) {
        double[] out = in.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] /= 2;
        }
        return out;
    }

    static FloatHistogram toFloat(Histogram h) {
        return new FloatHistogram(h.counterResetHint(), h.schema(), h.zeroThreshold(), h.zeroCount(), h.count(),
                h.sum(), h.positiveSpans(), absolute(h.positiveDeltas()), h.negativeSpans(),
                absolute(h.negativeDeltas()), h.customValues());
    }

    private static double[] absolute(long[] deltas) {
        double[] out = new double[deltas.length];
        long c = 0;
        for (int i = 0; i < deltas.length; i++) {
            c += deltas[i];
            out[i] = c;
        }
        return out;
    }

    static String describe(FloatHistogram h) {
        return "schema=" + h.schema() + " count=" + h.count() + " zero=" + h.zeroCount() + " sum=" + h.sum()
                + " pos=" + buckets(h.positiveSpans(), h.positiveBuckets())
                + " neg=" + buckets(h.negativeSpans(), h.negativeBuckets());
    }

    private static TreeMap<Integer, Double> buckets(Span[] spans, double[] counts) {
        TreeMap<Integer, Double> m = new TreeMap<>();
        int idx = 0;
        int k = 0;
        for (Span s : spans) {
            idx += s.offset();
            for (int j = 0; j < s.length(); j++, idx++, k++) {
                if (counts[k] != 0) {
                    m.put(idx, counts[k]);
                }
            }
        }
        return m;
    }

    static List<String> describe(List<Point> points) {
        List<String> out = new ArrayList<>();
        for (Point p : points) {
            out.add(p.describe());
        }
        return out;
    }

    /** Reads every histogram {@code it} yields; a float sample fails the test. */
    static List<Point> drain(SampleIterator it) {
        List<Point> out = new ArrayList<>();
        for (SampleType st = it.next(); st != SampleType.NONE; st = it.next()) {
            switch (st) {
                case HISTOGRAM -> out.add(new Point(it.atT(), it.atHistogram(), null));
                case FLOAT_HISTOGRAM -> out.add(new Point(it.atT(), null, it.atFloatHistogram()));
                default -> throw new AssertionError("unexpected " + st + " at " + it.atT());
            }
        }
        return out;
    }

    static SampleIterator iterator(List<Point> points) {
        return new SampleIterator() {
            private int i = -1;

            @Override
            public SampleType next() {
                if (++i >= points.size()) {
                    return SampleType.NONE;
                }
                return points.get(i).h() != null ? SampleType.HISTOGRAM : SampleType.FLOAT_HISTOGRAM;
            }

            @Override
            public SampleType seek(long t) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long atT() {
                return points.get(i).t();
            }

            @Override
            public double atV() {
                throw new IllegalStateException();
            }

            @Override
            public Histogram atHistogram() {
                return points.get(i).h();
            }

            @Override
            public FloatHistogram atFloatHistogram() {
                Point p = points.get(i);
                return p.fh() != null ? p.fh() : toFloat(p.h());
            }
        };
    }
}
