package io.ignis.tsdb.chunkenc;

import java.nio.ByteBuffer;

/** Turns stored chunk bytes into a {@link Chunk} of the right encoding. */
public final class Chunks {
    private Chunks() {
    }

    /**
     * A read-only chunk over {@code len} bytes at absolute offset {@code off} of {@code buf}, decoded in place.
     *
     * @throws UnsupportedChunkEncodingException for an encoding Ignis cannot decode yet (histograms, XOR2)
     */
    public static Chunk view(ChunkEncoding encoding, ByteBuffer buf, int off, int len) {
        if (encoding == ChunkEncoding.XOR) {
            return XorChunk.view(buf, off, len);
        }
        throw new UnsupportedChunkEncodingException(encoding);
    }

    /** As {@link #view(ChunkEncoding, ByteBuffer, int, int)} over a heap array. */
    public static Chunk view(ChunkEncoding encoding, byte[] b) {
        return view(encoding, ByteBuffer.wrap(b), 0, b.length);
    }
}
