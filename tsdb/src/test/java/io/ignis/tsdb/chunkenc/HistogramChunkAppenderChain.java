package io.ignis.tsdb.chunkenc;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import java.util.ArrayList;
import java.util.List;

/** Appends through histogram chunks as the head would: cut on a new chunk, replace on a recode. */
final class HistogramChunkAppenderChain {
    final List<Chunk> chunks = new ArrayList<>();
    int recodes;
    private HistogramChunkAppender app;

    static Histogram stale() {
        return new Histogram(CounterResetHint.UNKNOWN, 0, 0, 0, 0, HistogramSamples.STALE_NAN,
                HistogramSamples.NO_SPANS, new long[0], HistogramSamples.NO_SPANS, new long[0], new double[0]);
    }

    void append(long t, Histogram h) {
        if (app == null) {
            HistogramChunk c = new HistogramChunk();
            chunks.add(c);
            app = c.appender();
        }
        accept(app.appendHistogram(prevOf(), t, h, false));
    }

    void appendFloat(long t, FloatHistogram h) {
        if (app == null) {
            FloatHistogramChunk c = new FloatHistogramChunk();
            chunks.add(c);
            app = c.appender();
        }
        accept(app.appendFloatHistogram(prevOf(), t, h, false));
    }

    // The head passes the previous chunk's appender only when it starts a chunk itself (e.g. one cut for
    // size); the chains here cut only when the appender says so, and then the appender has decided the header.
    private HistogramChunkAppender prevOf() {
        return null;
    }

    void accept(HistogramChunkAppender.AppendResult r) {
        if (r.chunk() != null) {
            if (r.recoded()) {
                recodes++;
                chunks.set(chunks.size() - 1, r.chunk());
            } else {
                chunks.add(r.chunk());
            }
        }
        app = r.appender();
    }

    String describeChunks() {
        StringBuilder sb = new StringBuilder();
        for (Chunk c : chunks) {
            CounterResetHeader h = c instanceof HistogramChunk hc ? hc.counterResetHeader()
                    : ((FloatHistogramChunk) c).counterResetHeader();
            sb.append(sb.isEmpty() ? "" : " ").append("UNRG".charAt(h.ordinal())).append(c.numSamples());
        }
        return sb.toString();
    }
}
