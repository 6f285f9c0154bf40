package io.ignis.tsdb.chunkenc;

import io.ignis.storage.EncodedChunk;
import io.ignis.storage.SampleIterator;
import java.nio.ByteBuffer;

/**
 * One encoded chunk of samples of a single series. A chunk is either being written (it owns a growing heap
 * array and hands out an {@link #appender()}) or is a read-only view over stored bytes (a memory-mapped
 * segment), decoded in place. Readers may iterate concurrently with each other but not with an appender.
 */
public interface Chunk extends EncodedChunk {
    ChunkEncoding encoding();

    @Override
    default int encodingCode() {
        return encoding().code();
    }

    /** Number of samples, from the chunk's 2-byte header. */
    @Override
    int numSamples();

    /** Length in bytes of the encoded data (what {@link #bytes()} holds). */
    int size();

    /**
     * A read-only view of the encoded bytes: position 0, limit {@link #size()}. The view shares the chunk's
     * storage and is only valid while the chunk (and, for mapped chunks, its file) is open.
     */
    @Override
    ByteBuffer bytes();

    /** An appender positioned after the last sample; throws if the chunk is a read-only view. */
    ChunkAppender appender();

    /** Iterates the samples; pass the previous iterator to reuse it. */
    @Override
    SampleIterator iterator(SampleIterator reuse);
}
