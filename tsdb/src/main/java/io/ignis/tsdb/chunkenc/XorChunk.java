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

    private final XorHeadChunk open; // null for a read-only view
    private final ByteBuffer view;
    private final int viewOff;
    private final int viewLen;

    /** An empty chunk to append to. */
    public XorChunk() {
        this(new XorHeadChunk());
    }

    private XorChunk(XorHeadChunk open) {
        this.open = open;
        view = null;
        viewOff = 0;
        viewLen = 0;
    }

    private XorChunk(ByteBuffer buf, int off, int len) {
        open = null;
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
        int n = ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
        if (n == 0) {
            return new XorChunk();
        }
        XorIterator it = new XorIterator();
        it.reset(ByteBuffer.wrap(bytes), 0, bytes.length);
        while (it.next() != SampleType.NONE) {
            // decode to the end: the appender goes on from the last sample's state
        }
        return new XorChunk(XorHeadChunk.resume(bytes, it, n));
    }

    @Override
    public ChunkEncoding encoding() {
        return ChunkEncoding.XOR;
    }

    @Override
    public int numSamples() {
        return open != null ? open.numSamples() : view.getShort(viewOff) & 0xffff;
    }

    @Override
    public int size() {
        return open != null ? open.size() : viewLen;
    }

    @Override
    public ByteBuffer bytes() {
        if (open != null) {
            return ByteBuffer.wrap(open.array(), 0, open.size()).slice().asReadOnlyBuffer();
        }
        return view.duplicate().limit(viewOff + viewLen).position(viewOff).slice().asReadOnlyBuffer();
    }

    @Override
    public ChunkAppender appender() {
        if (open == null) {
            throw new IllegalStateException("bug: appender on a read-only XOR chunk");
        }
        return open;
    }

    @Override
    public SampleIterator iterator(SampleIterator reuse) {
        XorIterator it = reuse instanceof XorIterator x ? x : new XorIterator();
        if (open != null) {
            it.reset(ByteBuffer.wrap(open.array()), 0, open.size());
        } else {
            it.reset(view, viewOff, viewLen);
        }
        return it;
    }

    static int maxSamples() {
        return MAX_SAMPLES;
    }
}
