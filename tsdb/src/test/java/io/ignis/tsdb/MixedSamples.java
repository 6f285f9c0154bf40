package io.ignis.tsdb;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.model.StaleNaN;
import io.ignis.storage.ChunkIterator;
import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.ChunkSeriesSet;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.storage.SeriesSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test helpers for series that mix floats, histograms and float histograms: a sample of any kind as a value,
 * an iterator over a list of them, and reading samples back from chunks and queriers in a form that compares
 * equal however empty buckets are laid out.
 */
final class MixedSamples {
    static final double STALE_NAN = StaleNaN.VALUE;
    private static final Span[] NO_SPANS = new Span[0];

    private MixedSamples() {
    }

    /** One sample; exactly one of v (FLOAT), h (HISTOGRAM), fh (FLOAT_HISTOGRAM) is meaningful. */
    record Sample(long t, SampleType type, double v, Histogram h, FloatHistogram fh) {
        static Sample f(long t, double v) {
            return new Sample(t, SampleType.FLOAT, v, null, null);
        }

        static Sample h(long t, Histogram h) {
            return new Sample(t, SampleType.HISTOGRAM, 0, h, null);
        }

        static Sample fh(long t, FloatHistogram fh) {
            return new Sample(t, SampleType.FLOAT_HISTOGRAM, 0, null, fh);
        }

        /** Timestamp, kind and value; bucket layout and counter-reset hint left out. */
        String describe() {
            return switch (type) {
                case FLOAT -> t + " f " + (StaleNaN.is(v)
                        ? "stale" : Double.toString(v));
                case HISTOGRAM -> t + " h " + MixedSamples.describe(toFloat(h));
                case FLOAT_HISTOGRAM -> t + " fh " + MixedSamples.describe(fh);
                case NONE -> "none";
            };
        }

        CounterResetHint hint() {
            return switch (type) {
                case HISTOGRAM -> h.counterResetHint();
                case FLOAT_HISTOGRAM -> fh.counterResetHint();
                default -> null;
            };
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /** A counter histogram of schema 0 with the given absolute positive bucket counts from bucket 0 on. */
    static Histogram hist(CounterResetHint hint, int schema, double sum, long... counts) {
        long count = 0;
        long[] deltas = new long[counts.length];
        long prev = 0;
        for (int i = 0; i < counts.length; i++) {
            count += counts[i];
            deltas[i] = counts[i] - prev;
            prev = counts[i];
        }
        Span[] spans = counts.length == 0 ? NO_SPANS : new Span[] {new Span(0, counts.length)};
        return new Histogram(hint, schema, Math.scalb(1.0, -128), 0, count, sum, spans, deltas, NO_SPANS, new long[0],
                new double[0]);
    }

    static Histogram hist(double sum, long... counts) {
        return hist(CounterResetHint.UNKNOWN, 0, sum, counts);
    }

    static FloatHistogram floatHist(CounterResetHint hint, double sum, double... counts) {
        double count = 0;
        for (double c : counts) {
            count += c;
        }
        Span[] spans = counts.length == 0 ? NO_SPANS : new Span[] {new Span(0, counts.length)};
        return new FloatHistogram(hint, 0, Math.scalb(1.0, -128), 0, count, sum, spans, counts.clone(), NO_SPANS,
                new double[0], new double[0]);
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

    /** Equal for equal histograms however their empty buckets are laid out. */
    static String describe(FloatHistogram h) {
        if (StaleNaN.is(h.sum())) {
            return "stale";
        }
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

    static SampleIterator iterator(List<Sample> samples) {
        return new SampleIterator() {
            private int i = -1;

            @Override
            public SampleType next() {
                return ++i < samples.size() ? samples.get(i).type() : SampleType.NONE;
            }

            @Override
            public SampleType seek(long t) {
                if (i < 0) {
                    i = 0;
                }
                while (i < samples.size() && samples.get(i).t() < t) {
                    i++;
                }
                return i < samples.size() ? samples.get(i).type() : SampleType.NONE;
            }

            @Override
            public long atT() {
                return samples.get(i).t();
            }

            @Override
            public double atV() {
                return samples.get(i).v();
            }

            @Override
            public Histogram atHistogram() {
                return samples.get(i).h();
            }

            @Override
            public FloatHistogram atFloatHistogram() {
                Sample s = samples.get(i);
                return s.type() == SampleType.HISTOGRAM ? toFloat(s.h()) : s.fh();
            }
        };
    }

    /** Reads everything {@code it} yields. */
    static List<Sample> drain(SampleIterator it) {
        List<Sample> out = new ArrayList<>();
        for (SampleType st = it.next(); st != SampleType.NONE; st = it.next()) {
            out.add(switch (st) {
                case FLOAT -> Sample.f(it.atT(), it.atV());
                case HISTOGRAM -> Sample.h(it.atT(), it.atHistogram());
                case FLOAT_HISTOGRAM -> Sample.fh(it.atT(), it.atFloatHistogram());
                case NONE -> throw new IllegalStateException();
            });
        }
        return out;
    }

    static List<Sample> drain(List<TimedChunk> chunks) {
        List<Sample> out = new ArrayList<>();
        for (TimedChunk c : chunks) {
            out.addAll(drain(c.chunk().iterator(null)));
        }
        return out;
    }

    static List<String> describe(List<Sample> samples) {
        List<String> out = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            out.add(s.describe());
        }
        return out;
    }

    static Map<Labels, List<Sample>> read(Querier q, Matcher... ms) {
        Map<Labels, List<Sample>> out = new LinkedHashMap<>();
        SeriesSet set = q.select(true, null, ms);
        SampleIterator it = null;
        while (set.next()) {
            it = set.at().iterator(it);
            out.put(set.at().labels(), drain(it));
        }
        return out;
    }

    /** Each series' chunks as {@code encoding:samples [min,max]}, plus its samples decoded in order. */
    record ChunkView(List<String> chunks, List<Sample> samples) {
    }

    static Map<Labels, ChunkView> readChunks(ChunkQuerier q, Matcher... ms) {
        Map<Labels, ChunkView> out = new LinkedHashMap<>();
        ChunkSeriesSet set = q.select(true, null, ms);
        while (set.next()) {
            List<String> chunks = new ArrayList<>();
            List<Sample> samples = new ArrayList<>();
            ChunkIterator it = set.at().iterator(null);
            while (it.next()) {
                chunks.add(it.chunk().encodingCode() + ":" + it.chunk().numSamples() + " [" + it.minTime() + ","
                        + it.maxTime() + "]");
                samples.addAll(drain(it.chunk().iterator(null)));
            }
            out.put(set.at().labels(), new ChunkView(chunks, samples));
        }
        return out;
    }
}
