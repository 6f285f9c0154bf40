package io.ignis.storage;

/** Source of chunk queriers; implementations are thread-safe. */
public interface ChunkQueryable {
    /** Opens a chunk querier over [mint, maxt], both inclusive, in milliseconds; the caller closes it. */
    ChunkQuerier chunkQuerier(long mint, long maxt);
}
