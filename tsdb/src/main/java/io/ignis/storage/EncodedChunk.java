package io.ignis.storage;

import java.nio.ByteBuffer;

/**
 * One chunk of encoded samples as it crosses the storage seam (compaction, remote read, federation of raw
 * data). The TSDB's chunk types implement it; callers that only copy chunks never decode them.
 */
public interface EncodedChunk {
    /** Prometheus's encoding byte: 1 XOR, 2 histogram, 3 float histogram, 4 XOR2, … */
    int encodingCode();

    /** A read-only view of the encoded bytes (position 0), valid while the chunk's source is open. */
    ByteBuffer bytes();

    /** Number of samples in the chunk. */
    int numSamples();

    /** Decodes the samples; pass the previous iterator to reuse it. */
    SampleIterator iterator(SampleIterator reuse);
}
