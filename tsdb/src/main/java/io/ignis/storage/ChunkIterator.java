package io.ignis.storage;

/**
 * A cursor over one series' chunks in time order: {@link #next()}, then the current chunk and its closed time
 * range. What {@link #chunk()} returns is valid until the querier that produced it is closed. Not thread-safe.
 */
public interface ChunkIterator {
    boolean next();

    /** Timestamp (ms) of the current chunk's first sample. */
    long minTime();

    /** Timestamp (ms) of the current chunk's last sample. */
    long maxTime();

    EncodedChunk chunk();
}
