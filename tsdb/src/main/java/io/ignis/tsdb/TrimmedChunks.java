package io.ignis.tsdb;

import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.storage.StorageException;
import io.ignis.tsdb.chunkenc.Chunk;
import io.ignis.tsdb.chunkenc.ChunkAppender;
import io.ignis.tsdb.chunkenc.FloatHistogramChunk;
import io.ignis.tsdb.chunkenc.HistogramChunk;
import io.ignis.tsdb.chunkenc.HistogramChunkAppender;
import io.ignis.tsdb.chunkenc.XorChunk;
import io.ignis.tsdb.tombstones.Intervals;

/**
 * Re-encodes a chunk without its deleted samples, as Prometheus's {@code populateCurrForSingleChunk}: the new
 * chunk has the old one's encoding and takes the remaining samples in order. Histograms are appended with no
 * previous appender and in append-only mode, since samples of one chunk never need a new chunk or a recode; the
 * first one's hint (unknown unless the chunk is a gauge chunk) sets the new chunk's counter-reset header, so a
 * counter-reset header is not kept, as in Prometheus.
 */
final class TrimmedChunks {
    private TrimmedChunks() {
    }

    /**
     * The samples of {@code c} outside {@code deleted} as a new chunk with their time range; null if none remain.
     *
     * @throws StorageException if the chunk holds a sample of another kind than its encoding
     */
    static TimedChunk without(Chunk c, Intervals deleted) {
        Chunk out = switch (c.encoding()) {
            case XOR -> new XorChunk();
            case HISTOGRAM -> new HistogramChunk();
            case FLOAT_HISTOGRAM -> new FloatHistogramChunk();
            default -> throw new StorageException("re-encode chunk: encoding " + c.encoding().promName()
                    + " unsupported");
        };
        ChunkAppender app = out.appender();
        SampleIterator it = c.iterator(null);
        long mint = 0;
        long maxt = 0;
        int n = 0;
        for (SampleType st = it.next(); st != SampleType.NONE; st = it.next()) {
            long t = it.atT();
            if (deleted.contains(t)) {
                continue;
            }
            switch (st) {
                case FLOAT -> app.append(t, it.atV());
                case HISTOGRAM -> app = ((HistogramChunkAppender) app)
                        .appendHistogram(null, t, it.atHistogram(), true).appender();
                case FLOAT_HISTOGRAM -> app = ((HistogramChunkAppender) app)
                        .appendFloatHistogram(null, t, it.atFloatHistogram(), true).appender();
                case NONE -> throw new IllegalStateException("bug: NONE sample");
            }
            if (n++ == 0) {
                mint = t;
            }
            maxt = t;
        }
        return n == 0 ? null : new TimedChunk(out, mint, maxt);
    }
}
