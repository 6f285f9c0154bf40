package io.ignis.server.remote;

import io.ignis.labels.Labels;
import io.ignis.model.Exemplar;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricMetadata;
import io.ignis.storage.Appendable;
import io.ignis.storage.Appender;
import io.ignis.storage.SampleRejection;

/**
 * Wraps the receiver's storage so that samples, histograms and exemplars stamped after {@code maxT} are rejected as
 * out of bounds, as Prometheus's {@code remoteWriteAppender} does with its ten-minute allowance.
 */
final class AheadLimit implements Appendable {
    private final Appendable inner;
    private final long maxT;

    AheadLimit(Appendable inner, long maxT) {
        this.inner = inner;
        this.maxT = maxT;
    }

    @Override
    public Appender appender() {
        Appender a = inner.appender();
        return new Appender() {
            @Override
            public long append(long ref, Labels labels, long t, double v) {
                if (t > maxT) {
                    throw SampleRejection.OUT_OF_BOUNDS;
                }
                return a.append(ref, labels, t, v);
            }

            @Override
            public long appendHistogram(long ref, Labels labels, long t, Histogram h, FloatHistogram fh) {
                if (t > maxT) {
                    throw SampleRejection.OUT_OF_BOUNDS;
                }
                return a.appendHistogram(ref, labels, t, h, fh);
            }

            @Override
            public long appendExemplar(long ref, Labels labels, Exemplar e) {
                if (e.timestamp() > maxT) {
                    throw SampleRejection.OUT_OF_BOUNDS;
                }
                return a.appendExemplar(ref, labels, e);
            }

            @Override
            public long updateMetadata(long ref, Labels labels, MetricMetadata m) {
                return a.updateMetadata(ref, labels, m);
            }

            @Override
            public void commit() {
                a.commit();
            }

            @Override
            public void rollback() {
                a.rollback();
            }
        };
    }
}
