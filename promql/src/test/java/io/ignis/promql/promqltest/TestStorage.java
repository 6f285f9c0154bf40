package io.ignis.promql.promqltest;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.model.CounterResetHint;
import io.ignis.model.Exemplar;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricMetadata;
import io.ignis.promql.value.LabelOrder;
import io.ignis.storage.Annotations;
import io.ignis.storage.Appendable;
import io.ignis.storage.Appender;
import io.ignis.storage.Querier;
import io.ignis.storage.Queryable;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.storage.SelectHints;
import io.ignis.storage.Series;
import io.ignis.storage.SeriesSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * In-memory storage behaving like the TSDB the scripts were written against: samples sorted per series,
 * stale markers kept, out-of-order samples rejected, identical duplicates accepted, and histogram
 * counter-reset hints reported on read as chunked storage reports them (README §6).
 */
public final class TestStorage implements Queryable, Appendable {
    private final Map<Labels, MemSeries> series = new HashMap<>();

    @Override
    public Appender appender() {
        return new BatchAppender();
    }

    @Override
    public Querier querier(long mint, long maxt) {
        return new MemQuerier(mint, maxt);
    }

    private final class BatchAppender implements Appender {
        private final List<Object[]> pending = new ArrayList<>();

        @Override
        public long append(long ref, Labels labels, long t, double v) {
            pending.add(new Object[] {labels, t, v, null, 0L});
            return 0;
        }

        long appendWithStart(Labels labels, long st, long t, double v, FloatHistogram h) {
            pending.add(new Object[] {labels, t, v, h, st});
            return 0;
        }

        @Override
        public long appendHistogram(long ref, Labels labels, long t, Histogram h, FloatHistogram fh) {
            if (fh == null) {
                throw new UnsupportedOperationException("test storage takes float histograms only");
            }
            pending.add(new Object[] {labels, t, 0.0, fh, 0L});
            return 0;
        }

        @Override
        public long appendExemplar(long ref, Labels labels, Exemplar e) {
            return 0;
        }

        @Override
        public long updateMetadata(long ref, Labels labels, MetricMetadata m) {
            return 0;
        }

        @Override
        public void commit() {
            for (Object[] p : pending) {
                Labels l = (Labels) p[0];
                series.computeIfAbsent(l, MemSeries::new)
                        .append((Long) p[1], (Double) p[2], (FloatHistogram) p[3], (Long) p[4]);
            }
            pending.clear();
        }

        @Override
        public void rollback() {
            pending.clear();
        }
    }

    /** Appends one sample with its start timestamp (0 = unknown) directly. */
    void add(Labels labels, long st, long t, double v, FloatHistogram h) {
        series.computeIfAbsent(labels, MemSeries::new).append(t, v, h, st);
    }

    /** The series whose metric name ends in one of the given suffixes, for NHCB conversion. */
    List<MemSeries> all() {
        return new ArrayList<>(series.values());
    }

    private final class MemQuerier implements Querier {
        private final long mint;
        private final long maxt;

        MemQuerier(long mint, long maxt) {
            this.mint = mint;
            this.maxt = maxt;
        }

        @Override
        public SeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
            List<MemSeries> out = new ArrayList<>();
            for (MemSeries s : series.values()) {
                if (matchesAll(s.labels, matchers)) {
                    out.add(s);
                }
            }
            out.sort((a, b) -> LabelOrder.compare(a.labels, b.labels));
            return new ListSeriesSet(out, mint, maxt);
        }

        @Override
        public List<String> labelValues(String name, Matcher... matchers) {
            TreeSet<String> out = new TreeSet<>();
            for (MemSeries s : series.values()) {
                if (matchesAll(s.labels, matchers) && s.labels.has(name)) {
                    out.add(s.labels.get(name));
                }
            }
            return new ArrayList<>(out);
        }

        @Override
        public List<String> labelNames(Matcher... matchers) {
            TreeSet<String> out = new TreeSet<>();
            for (MemSeries s : series.values()) {
                if (matchesAll(s.labels, matchers)) {
                    out.addAll(s.labels.names());
                }
            }
            return new ArrayList<>(out);
        }

        @Override
        public void close() {
        }
    }

    private static boolean matchesAll(Labels l, Matcher[] matchers) {
        for (Matcher m : matchers) {
            if (!m.matches(l.get(m.name()))) {
                return false;
            }
        }
        return true;
    }

    private static final class ListSeriesSet implements SeriesSet {
        private final List<MemSeries> list;
        private final long mint;
        private final long maxt;
        private int i = -1;

        ListSeriesSet(List<MemSeries> list, long mint, long maxt) {
            this.list = list;
            this.mint = mint;
            this.maxt = maxt;
        }

        @Override
        public boolean next() {
            return ++i < list.size();
        }

        @Override
        public Series at() {
            MemSeries s = list.get(i);
            return new Series() {
                @Override
                public Labels labels() {
                    return s.labels;
                }

                @Override
                public SampleIterator iterator(SampleIterator reuse) {
                    return new MemIterator(s, mint, maxt);
                }
            };
        }

        @Override
        public Annotations warnings() {
            return Annotations.EMPTY;
        }
    }

    /** Iterates one series within [mint, maxt], with chunk-derived counter-reset hints on histograms. */
    static final class MemIterator implements SampleIterator {
        private static final long CHUNK_RANGE_MS = 24 * 3_600_000L;
        private final MemSeries s;
        private final long maxt;
        private final CounterResetHint[] hints;
        private int i;

        MemIterator(MemSeries s, long mint, long maxt) {
            this.s = s;
            this.maxt = maxt;
            this.hints = readHints(s);
            int k = 0;
            while (k < s.size && s.ts[k] < mint) {
                k++;
            }
            this.i = k - 1;
        }

        @Override
        public SampleType next() {
            if (i + 1 >= s.size || s.ts[i + 1] > maxt) {
                i = s.size;
                return SampleType.NONE;
            }
            i++;
            return s.hs[i] != null ? SampleType.FLOAT_HISTOGRAM : SampleType.FLOAT;
        }

        @Override
        public SampleType seek(long t) {
            if (i >= 0 && i < s.size && s.ts[i] >= t) {
                return s.hs[i] != null ? SampleType.FLOAT_HISTOGRAM : SampleType.FLOAT;
            }
            SampleType st;
            do {
                st = next();
            } while (st != SampleType.NONE && s.ts[i] < t);
            return st;
        }

        @Override
        public long atT() {
            return s.ts[i];
        }

        @Override
        public double atV() {
            return s.vs[i];
        }

        @Override
        public FloatHistogram atFloatHistogram() {
            FloatHistogram h = s.hs[i];
            if (h.counterResetHint() == hints[i]) {
                return h;
            }
            return new FloatHistogram(hints[i], h.schema(), h.zeroThreshold(), h.zeroCount(), h.count(), h.sum(),
                    h.positiveSpans(), h.positiveBuckets(), h.negativeSpans(), h.negativeBuckets(), h.customValues());
        }

        @Override
        public long atStartTimestamp() {
            return s.sts[i];
        }

        /** As chunkenc's counterResetHint: gauge chunks say gauge, a chunk's first sample unknown, the rest not_reset. */
        private static CounterResetHint[] readHints(MemSeries s) {
            CounterResetHint[] out = new CounterResetHint[s.size];
            FloatHistogram prev = null;
            boolean prevGauge = false;
            long chunkEnd = Long.MIN_VALUE;
            for (int k = 0; k < s.size; k++) {
                FloatHistogram h = s.hs[k];
                if (h == null) {
                    prev = null;
                    continue;
                }
                boolean gauge = h.counterResetHint() == CounterResetHint.GAUGE;
                boolean newChunk = prev == null || gauge != prevGauge || s.ts[k] >= chunkEnd
                        || h.schema() != prev.schema() || h.zeroThreshold() != prev.zeroThreshold()
                        || (!gauge && (h.counterResetHint() == CounterResetHint.COUNTER_RESET || isReset(prev, h)));
                if (newChunk) {
                    chunkEnd = Math.floorDiv(s.ts[k], CHUNK_RANGE_MS) * CHUNK_RANGE_MS + CHUNK_RANGE_MS;
                }
                out[k] = gauge ? CounterResetHint.GAUGE
                        : newChunk ? CounterResetHint.UNKNOWN : CounterResetHint.NOT_COUNTER_RESET;
                prev = h;
                prevGauge = gauge;
            }
            return out;
        }

        private static boolean isReset(FloatHistogram prev, FloatHistogram cur) {
            if (cur.count() < prev.count() || cur.zeroCount() < prev.zeroCount()) {
                return true;
            }
            if (!java.util.Arrays.equals(prev.customValues(), cur.customValues())) {
                return true;
            }
            return sideReset(HistogramBuckets.side(prev.positiveSpans(), prev.positiveBuckets(), true),
                    HistogramBuckets.side(cur.positiveSpans(), cur.positiveBuckets(), false))
                    || sideReset(HistogramBuckets.side(prev.negativeSpans(), prev.negativeBuckets(), true),
                    HistogramBuckets.side(cur.negativeSpans(), cur.negativeBuckets(), false));
        }

        private static boolean sideReset(Map<Integer, Double> prev, Map<Integer, Double> cur) {
            for (Map.Entry<Integer, Double> e : prev.entrySet()) {
                Double c = cur.get(e.getKey());
                if (c == null || c < e.getValue()) {
                    return true;
                }
            }
            return false;
        }
    }
}
