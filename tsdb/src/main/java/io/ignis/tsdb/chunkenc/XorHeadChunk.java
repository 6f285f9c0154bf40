package io.ignis.tsdb.chunkenc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An XOR chunk being written: its own appender and bit writer, in one object instead of three because the head
 * appends to one open chunk per series per scrape, in an order that jumps between series, and each extra object
 * is another cache miss per sample. The layout is sketched in {@link XorChunk}, whose writable chunks append
 * through this class. Not thread-safe; the head's series lock guards it.
 */
public final class XorHeadChunk implements ChunkAppender {
    private static final int INITIAL_CAPACITY = 128;
    /** Reads and writes 8 bytes big-endian at any offset: a write of up to 57 bits is one read and one store. */
    private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    private int len = XorChunk.HEADER_SIZE; // the 2-byte sample count comes first
    private int free; // unwritten low bits of buf[len - 1]; bytes from len on are zero
    private int num;
    private long t;
    private double v;
    private long tDelta;
    private int leading = 0xff; // 0xff: no window yet, so the first non-zero XOR writes a full header
    private int trailing;

    public XorHeadChunk() {
        this(INITIAL_CAPACITY);
    }

    /**
     * An empty chunk with room for {@code capacity} bytes before it grows: a series' next chunk is usually about
     * as long as its last, so sizing it that way spares the doubling copies and most of the unused tail.
     */
    public XorHeadChunk(int capacity) {
        buf = new byte[Math.max(XorChunk.HEADER_SIZE + 1, capacity)];
    }

    public int numSamples() {
        return num;
    }

    /** Bytes written so far, header included. */
    public int size() {
        return len;
    }

    /** A copy of the encoded chunk, as {@link XorChunk#bytes()} would hold it. */
    public byte[] copyBytes() {
        return Arrays.copyOf(buf, len);
    }

    /**
     * The encoded chunk for a caller that appends no more: the backing array itself when the chunk fills it
     * exactly, else a copy.
     */
    public byte[] finish() {
        return len == buf.length ? buf : copyBytes();
    }

    /** The backing array; bytes {@code [0, size())} are the chunk. An append may replace it. */
    byte[] array() {
        return buf;
    }

    /**
     * Continues the chunk {@code bytes} after its last sample, which {@code it} (over the same bytes) has just
     * read: the appender state is the iterator's, and writing goes on right after the last sample's bits, not
     * after the padding of its last byte.
     */
    static XorHeadChunk resume(byte[] bytes, XorIterator it, int numSamples) {
        XorHeadChunk c = new XorHeadChunk();
        c.buf = Arrays.copyOf(bytes, Math.max(INITIAL_CAPACITY, bytes.length));
        long bits = XorChunk.HEADER_SIZE * 8L + it.bitPosition();
        c.len = (int) ((bits + 7) >>> 3);
        c.free = (int) ((long) c.len * 8 - bits);
        if (c.free > 0) {
            c.buf[c.len - 1] &= (byte) (0xff << c.free);
        }
        Arrays.fill(c.buf, c.len, c.buf.length, (byte) 0);
        c.num = numSamples;
        c.t = it.atT();
        c.v = it.atV();
        c.tDelta = it.tDelta();
        c.leading = it.leading();
        c.trailing = it.trailing();
        return c;
    }

    /** Appends a sample; {@code t} must be after the last one (the caller checks). */
    @Override
    public void append(long t, double v) {
        long delta = 0;
        if (num == 0) {
            writeUvarint((t << 1) ^ (t >> 63));
            writeBits(Double.doubleToRawLongBits(v), 64);
        } else if (num == 1) {
            delta = t - this.t;
            writeUvarint(delta);
            writeValue(v);
        } else if (num == XorChunk.maxSamples()) {
            throw new IllegalStateException("bug: XOR chunk capacity of 65535 samples exceeded");
        } else {
            delta = t - this.t;
            writeTimestampDelta(delta - tDelta);
            writeValue(v);
        }
        this.t = t;
        this.v = v;
        this.tDelta = delta;
        num++;
        buf[0] = (byte) (num >>> 8);
        buf[1] = (byte) num;
    }

    /** Reads the state an append uses and the byte it writes next (for prefetching); the value means nothing. */
    public long touch() {
        return t ^ num ^ buf[len - 1];
    }

    private void writeTimestampDelta(long dod) {
        if (dod == 0) {
            writeBit(false);
        } else if (bitRange(dod, 14)) {
            writeBits((0b10L << 14) | (dod & 0x3fff), 16);
        } else if (bitRange(dod, 17)) {
            writeBits((0b110L << 17) | (dod & 0x1ffff), 20);
        } else if (bitRange(dod, 20)) {
            writeBits((0b1110L << 20) | (dod & 0xfffff), 24);
        } else {
            writeBits(0b1111, 4);
            writeBits(dod, 64);
        }
    }

    // As Prometheus's bitRange: the range is asymmetric, [-(2^(n-1) - 1), 2^(n-1)].
    private static boolean bitRange(long x, int nbits) {
        long half = 1L << (nbits - 1);
        return -(half - 1) <= x && x <= half;
    }

    private void writeValue(double value) {
        long delta = Double.doubleToRawLongBits(value) ^ Double.doubleToRawLongBits(v);
        if (delta == 0) {
            writeBit(false);
            return;
        }
        int newLeading = Math.min(Long.numberOfLeadingZeros(delta), 31); // 5 bits hold at most 31
        int newTrailing = Long.numberOfTrailingZeros(delta);
        if (leading != 0xff && newLeading >= leading && newTrailing >= trailing) {
            int sigbits = 64 - leading - trailing;
            if (sigbits <= 62) {
                writeBits((0b10L << sigbits) | (delta >>> trailing), sigbits + 2);
            } else {
                writeBits(0b10, 2);
                writeBits(delta >>> trailing, sigbits);
            }
            return;
        }
        leading = newLeading;
        trailing = newTrailing;
        int sigbits = 64 - newLeading - newTrailing;
        // Control bits 11, 5 bits of leading zeros, 6 bits of significant bits (64 written as 0).
        long control = (0b11L << 11) | ((long) newLeading << 6) | (sigbits & 0x3f);
        if (sigbits <= 51) {
            writeBits((control << sigbits) | (delta >>> newTrailing), sigbits + 13);
        } else {
            writeBits(control, 13);
            writeBits(delta >>> newTrailing, sigbits);
        }
    }

    private void writeUvarint(long u) {
        while (Long.compareUnsigned(u, 0x80) >= 0) {
            writeBits((u | 0x80) & 0xff, 8);
            u >>>= 7;
        }
        writeBits(u, 8);
    }

    private void writeBit(boolean bit) {
        if (free == 0) {
            newByte();
        }
        free--;
        if (bit) {
            buf[len - 1] |= (byte) (1 << free);
        }
    }

    /**
     * Writes the low {@code n} bits of {@code x}, most significant first; {@code 0 <= n <= 64} and the bits of
     * {@code x} above them are zero. Up to 57 bits go in one 8-byte OR at the current byte, which relies on the
     * bytes from {@code len} on being zero.
     */
    private void writeBits(long x, int n) {
        assert n == 64 || x >>> n == 0 : "bug: bits above n set";
        int used = (8 - free) & 7; // bits already in the byte at start
        if (used + n > 64) {
            writeBits(x >>> 32, n - 32);
            writeBits(x & 0xffffffffL, 32);
            return;
        }
        int start = free == 0 ? len : len - 1;
        int bits = used + n;
        if (start + 8 > buf.length) {
            if (start + ((bits + 7) >>> 3) <= buf.length) {
                writeBitsBytewise(x, n); // the bits fit: grow no sooner than byte-wise writing would
                return;
            }
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, start + 8));
        }
        if (n == 0) {
            return;
        }
        long word = (long) BE_LONG.get(buf, start);
        BE_LONG.set(buf, start, word | (x << (64 - bits)));
        len = start + ((bits + 7) >>> 3);
        free = (8 - (bits & 7)) & 7;
    }

    /** As {@link #writeBits}, a byte at a time, for the last bytes of the buffer. */
    private void writeBitsBytewise(long x, int n) {
        while (n > 0) {
            if (free == 0) {
                buf[len++] = 0;
                free = 8;
            }
            int take = Math.min(free, n);
            int bits = (int) (x >>> (n - take)) & ((1 << take) - 1);
            buf[len - 1] |= (byte) (bits << (free - take));
            free -= take;
            n -= take;
        }
    }

    private void newByte() {
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[len++] = 0;
        free = 8;
    }
}
