package io.ignis.bench.remote;

/**
 * Just enough of the protobuf wire format to walk a {@code prometheus.WriteRequest} without generated classes:
 * varints, fixed 64-bit values and length-delimited fields over one byte array.
 */
final class WireReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;

    private final byte[] buf;
    private int pos;
    private final int end;

    WireReader(byte[] buf, int from, int to) {
        this.buf = buf;
        this.pos = from;
        this.end = to;
    }

    boolean more() {
        return pos < end;
    }

    int pos() {
        return pos;
    }

    long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new IllegalArgumentException("truncated varint at " + pos);
            }
            byte b = buf[pos++];
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("varint too long at " + pos);
    }

    long fixed64() {
        if (pos + 8 > end) {
            throw new IllegalArgumentException("truncated fixed64 at " + pos);
        }
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    /** Reads a length prefix and returns the end of the field's bytes, which start at {@link #pos()}. */
    int lengthEnd() {
        long n = varint();
        if (n < 0 || pos + n > end) {
            throw new IllegalArgumentException("length " + n + " past the end at " + pos);
        }
        return pos + (int) n;
    }

    void skipTo(int p) {
        pos = p;
    }

    void skip(int wireType) {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> pos += 8;
            case LEN -> pos = lengthEnd();
            case FIXED32 -> pos += 4;
            default -> throw new IllegalArgumentException("unsupported wire type " + wireType + " at " + pos);
        }
    }
}
