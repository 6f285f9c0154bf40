package io.ignis.tsdb;

import io.ignis.tsdb.chunks.ChunkDiskMapper;

/**
 * A full (cut) head chunk: the bytes (XOR, histogram or float histogram, as {@code encoding} says) of exactly
 * {@code numSamples} samples in {@code [mint, maxt]}, whose
 * first sample is the series' {@code firstIndex}-th since it was created. The bytes start on the heap; once
 * the {@link ChunkDiskMapper} has written them to {@code chunks_head/} the heap copy is dropped and reads go
 * through the mapping. The two fields change without the series lock (the mapper's writer thread sets them),
 * so they are volatile and written in order: reference first, then the heap copy cleared.
 */
final class MemChunk {
    /** The chunk encoding's code ({@link io.ignis.tsdb.chunkenc.ChunkEncoding#code()}). */
    final byte encoding;
    final long mint;
    final long maxt;
    final int numSamples;
    final long firstIndex;
    private volatile byte[] bytes;
    private volatile long diskRef = -1;

    MemChunk(byte[] bytes, byte encoding, long mint, long maxt, int numSamples, long firstIndex) {
        this.bytes = bytes;
        this.encoding = encoding;
        this.mint = mint;
        this.maxt = maxt;
        this.numSamples = numSamples;
        this.firstIndex = firstIndex;
    }

    /** A chunk found in {@code chunks_head/} on open. */
    static MemChunk mapped(long ref, byte encoding, long mint, long maxt, int numSamples, long firstIndex) {
        MemChunk c = new MemChunk(null, encoding, mint, maxt, numSamples, firstIndex);
        c.diskRef = ref;
        return c;
    }

    /** Called by the mapper's writer once the chunk is on disk. */
    void onDisk(long ref) {
        diskRef = ref;
        bytes = null;
    }

    boolean onHeap() {
        return bytes != null;
    }

    /** Where the mapper wrote the chunk; -1 before that. */
    long diskRef() {
        return diskRef;
    }

    /** The chunk's bytes; read from disk (a fresh copy) once the heap copy is gone. */
    byte[] data(ChunkDiskMapper mapper) {
        byte[] b = bytes;
        return b != null ? b : mapper.read(diskRef);
    }
}
