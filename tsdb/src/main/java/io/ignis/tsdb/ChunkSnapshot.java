package io.ignis.tsdb;

/**
 * The chunks of one series a reader may see, taken under the series lock: immutable bytes (the open head
 * chunk is copied), how many samples of each are visible to the reader's isolation epoch, and the deleted
 * intervals (tombstones) as {@code [mint0, maxt0, mint1, maxt1, …]}.
 */
record ChunkSnapshot(byte[][] chunks, int[] visible, long[] mints, long[] maxts, int size, long[] deleted) {
}
