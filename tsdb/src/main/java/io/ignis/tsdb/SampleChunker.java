package io.ignis.tsdb;

import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.chunkenc.Chunk;
import io.ignis.tsdb.chunkenc.ChunkAppender;
import io.ignis.tsdb.chunkenc.FloatHistogramChunk;
import io.ignis.tsdb.chunkenc.HistogramChunk;
import io.ignis.tsdb.chunkenc.HistogramChunkAppender;
import io.ignis.tsdb.chunkenc.XorChunk;

/**
 * Re-encodes a run of samples of any kind into chunks, for the head's chunk querier where it cannot hand out a
 * stored chunk as it is (trimmed by range, deletions or isolation, or merged with out-of-order samples). A chunk
 * holds one kind of sample; it ends where the kind changes, where the histogram appender starts a new chunk
 * (a counter reset or schema change), or at {@code maxSamples}. Not thread-safe.
 */
final class SampleChunker {
    private final int maxSamples;
    private Chunk chunk;
    private ChunkAppender app;
    private HistogramChunkAppender histApp;
    private SampleType type = SampleType.NONE;
    private long minTime;
    private long maxTime;

    SampleChunker(int maxSamples) {
        this.maxSamples = maxSamples;
    }

    /**
     * Appends the sample {@code it} is on, of type {@code st}. Returns the chunk this sample closed (it went into
     * a new one), or null when it extended the open chunk.
     */
    TimedChunk add(SampleType st, SampleIterator it) {
        long t = it.atT();
        TimedChunk done = null;
        if (chunk != null && (st != type || chunk.numSamples() >= maxSamples)) {
            done = finish();
        }
        if (chunk == null) {
            start(st, t);
        }
        switch (st) {
            case FLOAT -> app.append(t, it.atV());
            case HISTOGRAM -> {
                TimedChunk cut = histogramResult(histApp.appendHistogram(null, t, it.atHistogram(), false), t);
                done = done == null ? cut : done;
            }
            case FLOAT_HISTOGRAM -> {
                TimedChunk cut = histogramResult(histApp.appendFloatHistogram(null, t, it.atFloatHistogram(),
                        false), t);
                done = done == null ? cut : done;
            }
            default -> throw new IllegalStateException("bug: no sample to chunk");
        }
        maxTime = t;
        return done;
    }

    /** Takes the appender's verdict; returns the chunk closed when it started a new one. */
    private TimedChunk histogramResult(HistogramChunkAppender.AppendResult r, long t) {
        histApp = r.appender();
        if (r.chunk() == null) {
            return null;
        }
        if (r.recoded()) {
            chunk = r.chunk();
            return null;
        }
        // The sample is already in the appender's new chunk: close the old one without it.
        TimedChunk closed = new TimedChunk(chunk, minTime, maxTime);
        chunk = r.chunk();
        minTime = t;
        return closed;
    }

    private void start(SampleType st, long t) {
        type = st;
        minTime = t;
        switch (st) {
            case FLOAT -> {
                chunk = new XorChunk();
                app = chunk.appender();
            }
            case HISTOGRAM -> {
                chunk = new HistogramChunk();
                histApp = (HistogramChunkAppender) chunk.appender();
            }
            case FLOAT_HISTOGRAM -> {
                chunk = new FloatHistogramChunk();
                histApp = (HistogramChunkAppender) chunk.appender();
            }
            default -> throw new IllegalStateException("bug: no sample to chunk");
        }
    }

    /** Closes and returns the open chunk, or null when there is none. */
    TimedChunk finish() {
        if (chunk == null) {
            return null;
        }
        TimedChunk c = new TimedChunk(chunk, minTime, maxTime);
        chunk = null;
        app = null;
        histApp = null;
        type = SampleType.NONE;
        return c;
    }
}
