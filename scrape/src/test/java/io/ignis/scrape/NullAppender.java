package io.ignis.scrape;

import io.ignis.labels.Labels;
import io.ignis.model.Exemplar;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricMetadata;
import io.ignis.storage.Appender;

/** An appender that keeps nothing and allocates nothing, for allocation checks. */
final class NullAppender implements Appender {
    @Override
    public long append(long ref, Labels labels, long t, double v) {
        return ref == 0 ? 1 : ref;
    }

    @Override
    public long appendHistogram(long ref, Labels labels, long t, Histogram h, FloatHistogram fh) {
        return 1;
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
    }

    @Override
    public void rollback() {
    }
}
