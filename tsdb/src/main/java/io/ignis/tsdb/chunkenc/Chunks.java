package io.ignis.tsdb.chunkenc;

import io.ignis.storage.EncodedChunk;
import java.nio.ByteBuffer;

/** Turns stored chunk bytes into a {@link Chunk} of the right encoding. */
public final class Chunks {
    private Chunks() {
    }

    /**
     * A read-only chunk over {@code len} bytes at absolute offset {@code off} of {@code buf}, decoded in place.
     *
     * @throws UnsupportedChunkEncodingException for an encoding Ignis cannot decode yet (XOR2, the start-timestamp
     *         encodings)
     */
    public static Chunk view(ChunkEncoding encoding, ByteBuffer buf, int off, int len) {
        return switch (encoding) {
            case XOR -> XorChunk.view(buf, off, len);
            case HISTOGRAM -> HistogramChunk.view(buf, off, len);
            case FLOAT_HISTOGRAM -> FloatHistogramChunk.view(buf, off, len);
            default -> throw new UnsupportedChunkEncodingException(encoding);
        };
    }

    /**
     * {@code c} as a {@link Chunk}: itself when it already is one, else a read-only view of its bytes.
     *
     * @throws IllegalArgumentException if its encoding byte names no known encoding
     * @throws UnsupportedChunkEncodingException for an encoding Ignis cannot decode yet
     */
    public static Chunk of(EncodedChunk c) {
        if (c instanceof Chunk own) {
            return own;
        }
        ChunkEncoding enc = ChunkEncoding.fromCode(c.encodingCode());
        if (enc == null || enc == ChunkEncoding.NONE) {
            throw new IllegalArgumentException("invalid chunk encoding " + c.encodingCode());
        }
        ByteBuffer b = c.bytes();
        return view(enc, b, b.position(), b.remaining());
    }

    /** As {@link #view(ChunkEncoding, ByteBuffer, int, int)} over a heap array. */
    public static Chunk view(ChunkEncoding encoding, byte[] b) {
        return view(encoding, ByteBuffer.wrap(b), 0, b.length);
    }
}
