package io.ignis.server.remote;

import io.ignis.labels.Labels;
import io.ignis.model.Exemplar;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricMetadata;
import io.ignis.storage.Appendable;
import io.ignis.storage.Appender;
import io.ignis.storage.SampleRejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake storage that keeps every committed float sample (and exemplar, histogram) in arrival order, duplicates
 * included, so tests can check that nothing was lost or sent twice. A sample older than its series' newest is
 * rejected as out of order.
 */
final class RecordingAppendable implements Appendable {
    record Point(Labels labels, long t, double v) {
    }

    /** A committed native histogram: {@code h} or {@code fh}, the other null. */
    record HistogramPoint(Labels labels, long t, Histogram h, FloatHistogram fh) {
    }

    final List<Point> committed = new ArrayList<>();
    final List<Exemplar> exemplars = new ArrayList<>();
    final List<HistogramPoint> histograms = new ArrayList<>();
    final Map<String, MetricMetadata> metadata = new ConcurrentHashMap<>();
    final Map<Labels, Long> newest = new ConcurrentHashMap<>();

    synchronized List<HistogramPoint> histogramPoints() {
        return List.copyOf(histograms);
    }

    synchronized List<Exemplar> exemplarList() {
        return List.copyOf(exemplars);
    }

    synchronized List<Point> points() {
        return List.copyOf(committed);
    }

    synchronized int size() {
        return committed.size();
    }

    @Override
    public Appender appender() {
        return new Appender() {
            private final List<Point> pending = new ArrayList<>();
            private final List<Exemplar> pendingEx = new ArrayList<>();
            private final List<HistogramPoint> pendingHist = new ArrayList<>();

            @Override
            public long append(long ref, Labels labels, long t, double v) {
                Long n = newest.get(labels);
                for (Point p : pending) {
                    if (p.labels().equals(labels) && p.t() > (n == null ? Long.MIN_VALUE : n)) {
                        n = p.t();
                    }
                }
                if (n != null && t < n) {
                    throw SampleRejection.OUT_OF_ORDER;
                }
                pending.add(new Point(labels, t, v));
                return 1;
            }

            @Override
            public long appendHistogram(long ref, Labels labels, long t, Histogram h, FloatHistogram fh) {
                pendingHist.add(new HistogramPoint(labels, t, h, fh));
                return 1;
            }

            @Override
            public long appendExemplar(long ref, Labels labels, Exemplar e) {
                pendingEx.add(e);
                return 1;
            }

            @Override
            public long updateMetadata(long ref, Labels labels, MetricMetadata m) {
                metadata.put(labels.metricName(), m);
                return 1;
            }

            @Override
            public void commit() {
                synchronized (RecordingAppendable.this) {
                    for (Point p : pending) {
                        committed.add(p);
                        newest.merge(p.labels(), p.t(), Math::max);
                    }
                    exemplars.addAll(pendingEx);
                    histograms.addAll(pendingHist);
                }
            }

            @Override
            public void rollback() {
                pending.clear();
                pendingEx.clear();
                pendingHist.clear();
            }
        };
    }
}
