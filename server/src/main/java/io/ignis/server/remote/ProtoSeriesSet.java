package io.ignis.server.remote;

import io.ignis.labels.Labels;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.server.remote.proto.TimeSeries;
import io.ignis.storage.Annotations;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.storage.Series;
import io.ignis.storage.SeriesSet;
import java.util.List;

/** The series of a remote-read SAMPLES response, sorted by the caller; floats and histograms merged by time. */
final class ProtoSeriesSet implements SeriesSet {
    record Entry(Labels labels, TimeSeries ts) implements Series {
        @Override
        public SampleIterator iterator(SampleIterator reuse) {
            return new Iter(ts);
        }
    }

    private final List<Entry> entries;
    private final Annotations warnings;
    private int i = -1;

    ProtoSeriesSet(List<Entry> entries, Annotations warnings) {
        this.entries = entries;
        this.warnings = warnings;
    }

    @Override
    public boolean next() {
        return ++i < entries.size();
    }

    @Override
    public Series at() {
        return entries.get(i);
    }

    @Override
    public Annotations warnings() {
        return warnings;
    }

    private static final class Iter implements SampleIterator {
        private final TimeSeries ts;
        private int si;
        private int hi;
        private SampleType cur = SampleType.NONE;
        private long t;
        private double v;
        private io.ignis.server.remote.proto.Histogram h;

        Iter(TimeSeries ts) {
            this.ts = ts;
        }

        @Override
        public SampleType next() {
            boolean hasS = si < ts.getSamplesCount();
            boolean hasH = hi < ts.getHistogramsCount();
            if (hasS && (!hasH || ts.getSamples(si).getTimestamp() <= ts.getHistograms(hi).getTimestamp())) {
                t = ts.getSamples(si).getTimestamp();
                v = ts.getSamples(si++).getValue();
                cur = SampleType.FLOAT;
            } else if (hasH) {
                h = ts.getHistograms(hi++);
                t = h.getTimestamp();
                cur = h.hasCountFloat() ? SampleType.FLOAT_HISTOGRAM : SampleType.HISTOGRAM;
            } else {
                cur = SampleType.NONE;
            }
            return cur;
        }

        @Override
        public SampleType seek(long target) {
            if (cur != SampleType.NONE && t >= target) {
                return cur;
            }
            while (next() != SampleType.NONE) {
                if (t >= target) {
                    return cur;
                }
            }
            return SampleType.NONE;
        }

        @Override
        public long atT() {
            return t;
        }

        @Override
        public double atV() {
            return v;
        }

        @Override
        public Histogram atHistogram() {
            return HistogramCodec.toInt(h);
        }

        @Override
        public FloatHistogram atFloatHistogram() {
            return cur == SampleType.FLOAT_HISTOGRAM ? HistogramCodec.toFloat(h) : toFloat(HistogramCodec.toInt(h));
        }

        private static FloatHistogram toFloat(Histogram x) {
            return new FloatHistogram(x.counterResetHint(), x.schema(), x.zeroThreshold(), x.zeroCount(), x.count(),
                    x.sum(), x.positiveSpans(), absolute(x.positiveDeltas()), x.negativeSpans(),
                    absolute(x.negativeDeltas()), x.customValues());
        }

        private static double[] absolute(long[] deltas) {
            double[] out = new double[deltas.length];
            long c = 0;
            for (int k = 0; k < deltas.length; k++) {
                c += deltas[k];
                out[k] = c;
            }
            return out;
        }
    }
}
