package io.ignis.tsdb.index;

/**
 * A chunk as the index records it for a series: its reference into the block's chunk segments and the
 * closed time range {@code [minTime, maxTime]} (ms) of its samples.
 */
public record ChunkMeta(long ref, long minTime, long maxTime) {
    /** Whether the chunk has samples that may fall in {@code [mint, maxt]}. */
    public boolean overlaps(long mint, long maxt) {
        return minTime <= maxt && mint <= maxTime;
    }
}
