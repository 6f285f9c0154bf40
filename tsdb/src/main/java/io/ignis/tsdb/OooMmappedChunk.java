package io.ignis.tsdb;

import io.ignis.tsdb.chunkenc.ChunkEncoding;
import io.ignis.tsdb.chunks.ChunkDiskMapper;
import io.ignis.tsdb.chunks.HeadChunkFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cut out-of-order chunk of a series: XOR, histogram or float-histogram bytes in {@code chunks_head/} (encoding
 * byte with the out-of-order bit) or, without a mapper, on the heap. An open chunk holding several kinds of
 * samples is cut into several of these, with the same {@code seq}. {@code seq} orders cuts across the whole head,
 * so out-of-order compaction can take "everything cut up to now" and truncation can drop exactly that. {@code
 * epochs} are the per-sample commit epochs in time order (null when every sample is visible to every reader, as
 * after replay).
 */
final class OooMmappedChunk {
    /** The top bit of a head chunk's encoding byte marks an out-of-order chunk (Prometheus's head_chunks.md). */
    static final int OUT_OF_ORDER_BIT = HeadChunkFile.OUT_OF_ORDER_BIT;

    final long seq;
    final ChunkEncoding encoding;
    final long mint;
    final long maxt;
    final int numSamples;
    final long diskRef;
    final long maxEpoch;
    final long[] epochs;
    private final byte[] bytes;

    OooMmappedChunk(long seq, ChunkEncoding encoding, long mint, long maxt, int numSamples, long diskRef,
            byte[] bytes, long[] epochs) {
        this.seq = seq;
        this.encoding = encoding;
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

    /**
     * Cuts {@code head} into one chunk per {@link OooHeadChunk.Part}, each going to {@code chunks_head/} when
     * {@code mapper} takes it.
     */
    static List<OooMmappedChunk> cut(long seq, long seriesRef, OooHeadChunk head, ChunkDiskMapper mapper) {
        List<OooMmappedChunk> out = new ArrayList<>(1);
        boolean allVisible = head.maxEpoch() == 0;
        for (OooHeadChunk.Part p : head.encode()) {
            long[] epochs = allVisible ? null : Arrays.copyOfRange(head.epochs, p.from(), p.from() + p.n());
            long ref = mapper == null ? -1 : mapper.writeNow(seriesRef, p.mint(), p.maxt(),
                    (byte) (p.encoding().code() | OUT_OF_ORDER_BIT), p.data());
            out.add(new OooMmappedChunk(seq, p.encoding(), p.mint(), p.maxt(), p.n(), ref, ref < 0 ? p.data() : null,
                    epochs));
        }
        return out;
    }

    /** The chunk's bytes: the heap copy, or a fresh read from {@code chunks_head/}. */
    byte[] data(ChunkDiskMapper mapper) {
        return bytes != null ? bytes : mapper.read(diskRef);
    }
}
