package io.ignis.tsdb.chunkenc;

/**
 * Appends samples to the end of one chunk. Timestamps must increase; the caller (head, block writer) checks
 * order and cuts a new chunk before {@link Chunk#numSamples()} reaches 65535. Not thread-safe.
 */
public interface ChunkAppender {
    void append(long t, double v);
}
