package io.ignis.scrape;

import io.ignis.labels.Labels;
import io.ignis.model.Exemplar;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricMetadata;
import io.ignis.model.StaleNaN;
import io.ignis.storage.Appendable;
import io.ignis.storage.Appender;
import io.ignis.storage.SampleRejection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-written storage fake: keeps committed samples in order, hands out refs per label set, rejects samples
 * older than the series' last committed one as out of order, and counts commits, rollbacks and refs passed in.
 */
final class RecordingAppendable implements Appendable {
    record Sample(Labels labels, long t, double v, long refIn) {
        boolean isStale() {
            return StaleNaN.is(v);
        }
    }

    private final List<Sample> committed = new ArrayList<>();
    private final Map<Labels, Long> refs = new HashMap<>();
    private final Map<Labels, Long> lastT = new HashMap<>();
    private final List<Histogram> histograms = new ArrayList<>();
    private int commits;
    /** The refs each batch's prefetch hint named, in order. */
    private final List<long[]> prefetches = new ArrayList<>();
    /** The thread that committed each sample of {@link #committed}, for tests of where a scrape is appended. */
    private final List<String> commitThreads = new ArrayList<>();
    private int rollbacks;
    private long nextRef = 1;

    @Override
    public synchronized Appender appender() {
        return new Batch();
    }

    synchronized List<long[]> prefetches() {
        return List.copyOf(prefetches);
    }

    /** The name of the thread that committed {@code s}, one of the committed samples. */
    synchronized String commitThreadOf(Sample s) {
        for (int i = 0; i < committed.size(); i++) {
            if (committed.get(i) == s) {
                return commitThreads.get(i);
            }
        }
        throw new IllegalArgumentException("not committed: " + s);
    }

    synchronized List<Sample> samples() {
        return List.copyOf(committed);
    }

    /** Committed samples of the series with this metric name (any labels). */
    synchronized List<Sample> samples(String metricName) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : committed) {
            if (s.labels().metricName().equals(metricName)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Committed samples of series matching all given label pairs. */
    synchronized List<Sample> samples(String metricName, String... pairs) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples(metricName)) {
            boolean ok = true;
            for (int i = 0; i < pairs.length; i += 2) {
                ok &= s.labels().get(pairs[i]).equals(pairs[i + 1]);
            }
            if (ok) {
                out.add(s);
            }
        }
        return out;
    }

    synchronized int commits() {
        return commits;
    }

    synchronized int rollbacks() {
        return rollbacks;
    }

    synchronized int histogramCount() {
        return histograms.size();
    }

    /** The committed integer histograms, in order (null for float ones). */
    synchronized List<Histogram> histograms() {
        return new ArrayList<>(histograms);
    }

    private final class Batch implements Appender {
        private final List<Sample> pending = new ArrayList<>();
        private final List<Histogram> pendingHistograms = new ArrayList<>();

        @Override
        public void prefetch(long[] refs, int count) {
            synchronized (RecordingAppendable.this) {
                prefetches.add(java.util.Arrays.copyOf(refs, count));
            }
        }

        @Override
        public long append(long ref, Labels labels, long t, double v) {
            synchronized (RecordingAppendable.this) {
                Long last = lastT.get(labels);
                boolean stale = StaleNaN.is(v);
                if (last != null && t < last) {
                    throw SampleRejection.OUT_OF_ORDER;
                }
                if (last != null && t == last && !stale) {
                    throw SampleRejection.DUPLICATE;
                }
                pending.add(new Sample(labels, t, v, ref));
                return refs.computeIfAbsent(labels, l -> nextRef++);
            }
        }

        @Override
        public long appendHistogram(long ref, Labels labels, long t, Histogram h, FloatHistogram fh) {
            pendingHistograms.add(h);
            return append(ref, labels, t, h != null ? h.sum() : fh.sum());
        }

        @Override
        public long appendExemplar(long ref, Labels labels, Exemplar e) {
            return ref;
        }

        @Override
        public long updateMetadata(long ref, Labels labels, MetricMetadata m) {
            return ref;
        }

        @Override
        public void commit() {
            synchronized (RecordingAppendable.this) {
                for (Sample s : pending) {
                    lastT.merge(s.labels(), s.t(), Math::max);
                }
                committed.addAll(pending);
                histograms.addAll(pendingHistograms);
                commits++;
                for (int i = 0; i < pending.size(); i++) {
                    commitThreads.add(Thread.currentThread().getName());
                }
            }
        }

        @Override
        public void rollback() {
            synchronized (RecordingAppendable.this) {
                rollbacks++;
            }
        }
    }
}
