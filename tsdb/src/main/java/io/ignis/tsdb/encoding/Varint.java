package io.ignis.tsdb.encoding;

/**
 * Varints exactly as Go's {@code encoding/binary}: unsigned LEB128 of at most 10 bytes, and signed values
 * zig-zag encoded ({@code (x << 1) ^ (x >> 63)}).
 */
public final class Varint {
    /** The longest encoding of a 64-bit varint. */
    public static final int MAX_LEN_64 = 10;

    private Varint() {
    }

    /** Writes {@code v} as an unsigned varint at {@code off}; returns the number of bytes written. */
    public static int putUvarint(byte[] dst, int off, long v) {
        int i = off;
        while (Long.compareUnsigned(v, 0x80) >= 0) {
            dst[i++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        dst[i++] = (byte) v;
        return i - off;
    }

    /** Writes {@code v} as a signed (zig-zag) varint at {@code off}; returns the number of bytes written. */
    public static int putVarint(byte[] dst, int off, long v) {
        return putUvarint(dst, off, zigZag(v));
    }

    /** The number of bytes {@link #putUvarint} writes for {@code v}. */
    public static int uvarintSize(long v) {
        int n = 1;
        while (Long.compareUnsigned(v, 0x80) >= 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    /** The number of bytes {@link #putVarint} writes for {@code v}. */
    public static int varintSize(long v) {
        return uvarintSize(zigZag(v));
    }

    public static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    public static long unZigZag(long u) {
        return (u >>> 1) ^ -(u & 1);
    }
}
