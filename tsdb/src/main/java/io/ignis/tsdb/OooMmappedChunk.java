package io.ignis.tsdb;

import io.ignis.tsdb.chunks.ChunkDiskMapper;
import java.util.Arrays;

/**
 * A cut out-of-order chunk of a series: XOR bytes in {@code chunks_head/} (encoding byte with the out-of-order
 * bit) or, without a mapper, on the heap. {@code seq} orders cuts across the whole head, so out-of-order
 * compaction can take "everything cut up to now" and truncation can drop exactly that. {@code epochs} are the
 * per-sample commit epochs in time order (null when every sample is visible to every reader, as after replay).
 */
final class OooMmappedChunk {
    /** The top bit of a head chunk's encoding byte marks an out-of-order chunk (Prometheus's head_chunks.md). */
    static final byte OUT_OF_ORDER_XOR = (byte) (1 | 0x80);

    final long seq;
    final long mint;
    final long maxt;
    final int numSamples;
    final long diskRef;
    final long maxEpoch;
    final long[] epochs;
    private final byte[] bytes;

    OooMmappedChunk(long seq, long mint, long maxt, int numSamples, long diskRef, byte[] bytes, long[] epochs) {
        this.seq = seq;
        this.mint = mint;
        this.maxt = maxt;
        this.numSamples = numSamples;
        this.diskRef = diskRef;
        this.bytes = bytes;
        this.epochs = epochs;
        long m = 0;
        if (epochs != null) {
            for (long e : epochs) {
                m = Math.max(m, e);
            }
        }
        this.maxEpoch = m;
    }

    /** Cuts {@code head}; its samples go to {@code chunks_head/} when {@code mapper} takes them. */
    static OooMmappedChunk cut(long seq, long seriesRef, OooHeadChunk head, ChunkDiskMapper mapper) {
        byte[] data = head.encode();
        long[] epochs = head.maxEpoch() == 0 ? null : Arrays.copyOf(head.epochs, head.n);
        long ref = mapper == null ? -1 : mapper.writeNow(seriesRef, head.minTime(), head.maxTime(),
                OUT_OF_ORDER_XOR, data);
        return new OooMmappedChunk(seq, head.minTime(), head.maxTime(), head.n, ref, ref < 0 ? data : null, epochs);
    }

    /** The chunk's bytes: the heap copy, or a fresh read from {@code chunks_head/}. */
    byte[] data(ChunkDiskMapper mapper) {
        return bytes != null ? bytes : mapper.read(diskRef);
    }
}
