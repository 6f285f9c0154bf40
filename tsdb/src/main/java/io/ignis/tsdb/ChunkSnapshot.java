package io.ignis.tsdb;

/**
 * The chunks of one series a reader may see, taken under the series lock: immutable bytes (the open head
 * chunk is copied) with their encoding codes (XOR, histogram, float histogram), how many samples of each are visible to the reader's isolation epoch, and the deleted
 * intervals (tombstones) as {@code [mint0, maxt0, mint1, maxt1, …]}. The in-order chunks come in time order and
 * do not overlap; the out-of-order samples visible to the reader ({@code oooN} of them, sorted, no repeated
 * timestamp, null arrays when none) are a separate run that readers merge in.
 */
record ChunkSnapshot(byte[][] chunks, byte[] encodings, int[] visible, long[] mints, long[] maxts, int size,
                     long[] deleted, long[] oooTs, double[] oooVs, int oooN) {
}
