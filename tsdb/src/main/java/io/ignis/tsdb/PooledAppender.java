package io.ignis.tsdb;

import io.ignis.labels.Labels;
import io.ignis.model.Exemplar;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricMetadata;
import io.ignis.storage.Appender;

/**
 * What {@link Head#appender()} hands out: it borrows a {@link HeadAppender} (its sample arrays and WAL encode
 * buffers) from the head's pool on first use and gives it back at commit or rollback. A scrape loop opens an
 * appender per scrape; borrowing keeps its buffers at the size of the target instead of growing fresh ones from
 * empty every few seconds, as Prometheus pools its append buffers. A second commit or rollback, or appends after
 * one, are safe: this handle no longer holds the borrowed state, and borrows again if asked to append.
 */
final class PooledAppender implements Appender {
    private final Head head;
    private HeadAppender borrowed;

    PooledAppender(Head head) {
        this.head = head;
    }

    private HeadAppender state() {
        HeadAppender a = borrowed;
        if (a == null) {
            a = head.borrowAppender();
            borrowed = a;
        }
        return a;
    }

    @Override
    public long append(long ref, Labels labels, long t, double v) {
        return state().append(ref, labels, t, v);
    }

    @Override
    public void prefetch(long[] refs, int count) {
        state().prefetch(refs, count);
    }

    @Override
    public long appendHistogram(long ref, Labels labels, long t, Histogram h, FloatHistogram fh) {
        return state().appendHistogram(ref, labels, t, h, fh);
    }

    @Override
    public long appendExemplar(long ref, Labels labels, Exemplar e) {
        return state().appendExemplar(ref, labels, e);
    }

    @Override
    public long updateMetadata(long ref, Labels labels, MetricMetadata m) {
        return state().updateMetadata(ref, labels, m);
    }

    @Override
    public void commit() {
        HeadAppender a = borrowed;
        if (a == null) {
            return;
        }
        borrowed = null;
        try {
            a.commit();
        } finally {
            head.returnAppender(a);
        }
    }

    @Override
    public void rollback() {
        HeadAppender a = borrowed;
        if (a == null) {
            return;
        }
        borrowed = null;
        try {
            a.rollback();
        } finally {
            head.returnAppender(a);
        }
    }
}
