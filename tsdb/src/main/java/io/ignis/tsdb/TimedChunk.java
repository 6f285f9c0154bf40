package io.ignis.tsdb;

import io.ignis.tsdb.chunkenc.Chunk;

/** A chunk with the closed time range {@code [minTime, maxTime]} of its samples. */
record TimedChunk(Chunk chunk, long minTime, long maxTime) {
}
