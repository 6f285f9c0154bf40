package io.ignis.storage;

import io.ignis.labels.Labels;
import io.ignis.model.Exemplar;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricMetadata;

/**
 * One batch of samples, used by one thread, ended by exactly one {@link #commit()} or {@link #rollback()}.
 * Each append returns the series reference to pass next time; 0 means "look it up by labels". Labels are
 * immutable and may be kept; histogram arguments stay the caller's and are copied if kept.
 * Nothing appended is visible to queriers before {@link #commit()} returns.
 *
 * <p>Expected per-sample rejections (out of order, out of bounds, duplicate) throw one of the
 * pre-allocated {@link StorageException} instances in {@link SampleRejection}; the caller counts them
 * and goes on with the batch.
 */
public interface Appender {
    /** Appends a float sample at {@code t} (ms since the epoch). */
    long append(long ref, Labels labels, long t, double v);

    /** Appends a native histogram sample: exactly one of {@code h} and {@code fh} is non-null. */
    long appendHistogram(long ref, Labels labels, long t, Histogram h, FloatHistogram fh);

    /** Attaches an exemplar to the series. */
    long appendExemplar(long ref, Labels labels, Exemplar e);

    /** Records the series' metadata; stored only when it changed. */
    long updateMetadata(long ref, Labels labels, MetricMetadata m);

    /**
     * A hint that this batch is about to append to the series {@code refs[0, count)} (refs earlier appends
     * returned), so the storage can bring them into the CPU cache in one go, their memory loads overlapping,
     * instead of one cache miss after another as the samples arrive between other work. Optional and without
     * effect on the outcome; refs the storage does not know are ignored.
     */
    default void prefetch(long[] refs, int count) {
    }

    /** Makes the whole batch visible at once and durable in the WAL. */
    void commit();

    /** Discards the whole batch. */
    void rollback();
}
