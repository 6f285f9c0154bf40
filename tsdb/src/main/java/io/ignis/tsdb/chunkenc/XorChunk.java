package io.ignis.tsdb.chunkenc;

import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A chunk of float samples in Prometheus's XOR encoding (Gorilla-style), byte-compatible with
 * {@code chunkenc.XORChunk}:
 *
 * <pre>
 * +----------------------+-------------+--------------+------------------+-----------+----------------------+
 * | num_samples (2B, BE) | varint t0   | float64 v0   | uvarint t1 - t0  | xor(v1)   | (dod(ti), xor(vi))*  |
 * +----------------------+-------------+--------------+------------------+-----------+----------------------+
 * dod:  0 -> 0 | 10 + 14 bits | 110 + 17 bits | 1110 + 20 bits | 1111 + 64 bits  (two's complement)
 * xor:  0 -> same value | 10 + bits in the previous leading/trailing window
 *       | 11 + 5-bit leading zeros (<= 31) + 6-bit significant bits (64 written as 0) + bits
 * </pre>
 *
 * Bits are MSB-first and the last byte is zero-padded. See Prometheus's {@code tsdb/docs/format/chunks.md}
 * and {@code tsdb/docs/bstream.md}.
 */
public final class XorChunk implements Chunk {
    /** Prometheus's target number of samples per float chunk. */
    public static final int TARGET_SAMPLES = 120;
    /** Prometheus cuts a float chunk before it would exceed 1024 bytes ({@code MaxBytesPerXORChunk}). */
    public static final int MAX_BYTES = 1024;
    /** Cut a new chunk when the current one is at least this large before an append (1024 - 19). */
    public static final int MAX_BYTES_BEFORE_APPEND = MAX_BYTES - 19;

    static final int HEADER_SIZE = 2;
    private static final int MAX_SAMPLES = 0xffff;

    private final BitWriter writer; // null for a read-only view
    private final ByteBuffer view;
    private final int viewOff;
    private final int viewLen;

    /** An empty chunk to append to. */
    public XorChunk() {
        writer = new BitWriter(128);
        writer.writeBits(0, 16);
        view = null;
        viewOff = 0;
        viewLen = 0;
    }

    private XorChunk(ByteBuffer buf, int off, int len) {
        writer = null;
        view = buf;
        viewOff = off;
        viewLen = len;
    }

    /** A read-only chunk over stored bytes, decoded in place. */
    public static XorChunk view(ByteBuffer buf, int off, int len) {
        Objects.requireNonNull(buf, "buf");
        if (len < HEADER_SIZE) {
            throw new IllegalArgumentException("XOR chunk of " + len + " bytes is shorter than its header");
        }
        return new XorChunk(buf, off, len);
    }

    /** A writable copy of stored XOR bytes; its {@link #appender()} continues after the last sample. */
    public static XorChunk copyOf(byte[] bytes) {
        if (bytes.length < HEADER_SIZE) {
            throw new IllegalArgumentException("XOR chunk of " + bytes.length + " bytes is shorter than its header");
        }
        XorChunk c = new XorChunk();
        c.writer.reset(bytes, 0, bytes.length);
        return c;
    }

    @Override
    public ChunkEncoding encoding() {
        return ChunkEncoding.XOR;
    }

    @Override
    public int numSamples() {
        return writer != null ? writer.getBE16(0) : view.getShort(viewOff) & 0xffff;
    }

    @Override
    public int size() {
        return writer != null ? writer.len() : viewLen;
    }

    @Override
    public ByteBuffer bytes() {
        if (writer != null) {
            return ByteBuffer.wrap(writer.array(), 0, writer.len()).slice().asReadOnlyBuffer();
        }
        return view.duplicate().limit(viewOff + viewLen).position(viewOff).slice().asReadOnlyBuffer();
    }

    @Override
    public ChunkAppender appender() {
        if (writer == null) {
            throw new IllegalStateException("bug: appender on a read-only XOR chunk");
        }
        if (writer.getBE16(0) == 0) {
            return new XorAppender(this);
        }
        XorIterator it = (XorIterator) iterator(null);
        while (it.next() != SampleType.NONE) {
            // replay to recover the appender state
        }
        // Continue exactly after the last sample's bits, not after the padding of its last byte.
        writer.truncateBits(HEADER_SIZE * 8L + it.bitPosition());
        return new XorAppender(this, it);
    }

    @Override
    public SampleIterator iterator(SampleIterator reuse) {
        XorIterator it = reuse instanceof XorIterator x ? x : new XorIterator();
        if (writer != null) {
            it.reset(ByteBuffer.wrap(writer.array()), 0, writer.len());
        } else {
            it.reset(view, viewOff, viewLen);
        }
        return it;
    }

    BitWriter writer() {
        return writer;
    }

    static int maxSamples() {
        return MAX_SAMPLES;
    }
}
