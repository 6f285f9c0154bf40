package io.ignis.tsdb.chunkenc;

import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;

/**
 * Appends native histograms to a histogram or float-histogram chunk, as Prometheus's
 * {@code Appender.AppendHistogram}/{@code AppendFloatHistogram}. An append either extends this chunk, or
 * recodes it into a new chunk with a wider bucket layout (then the caller replaces the current chunk with
 * {@link AppendResult#chunk()}), or starts a new chunk (counter reset, schema or zero-threshold change,
 * stale marker, gauge/counter switch; the caller cuts the current chunk). The histogram argument stays the
 * caller's. Timestamps must increase. Not thread-safe.
 */
public sealed interface HistogramChunkAppender extends ChunkAppender
        permits HistogramAppender, FloatHistogramAppender {

    /** How an append ended: {@code chunk} is null when the sample went into this appender's chunk. */
    record AppendResult(Chunk chunk, boolean recoded, HistogramChunkAppender appender) {
        /** True when the caller must cut a new chunk (not a recode of the current one). */
        public boolean isNewChunk() {
            return chunk != null && !recoded;
        }
    }

    /**
     * Appends an integer histogram. {@code prev} matters only when this chunk is still empty: as in Prometheus's
     * head, pass the previous chunk's appender when the caller itself cut this chunk (size or time), so that
     * chunk decides the counter-reset header; pass null otherwise. With {@code appendOnly} (out-of-order
     * chunks) nothing is recoded or cut: a sample that would need it throws.
     *
     * @throws UnappendableHistogramException only with {@code appendOnly}, with Prometheus's reason
     */
    default AppendResult appendHistogram(HistogramChunkAppender prev, long t, Histogram h, boolean appendOnly) {
        throw new IllegalStateException("bug: integer histogram appended to a float histogram chunk");
    }

    /** As {@link #appendHistogram} for a float histogram. */
    default AppendResult appendFloatHistogram(HistogramChunkAppender prev, long t, FloatHistogram h,
            boolean appendOnly) {
        throw new IllegalStateException("bug: float histogram appended to an integer histogram chunk");
    }

    /** Float samples never go into histogram chunks. */
    @Override
    default void append(long t, double v) {
        throw new IllegalStateException("bug: float sample appended to a histogram chunk");
    }

    /** Number of samples in this appender's chunk. */
    int numSamples();

    /** The counter-reset header of this appender's chunk. */
    CounterResetHeader counterResetHeader();
}
