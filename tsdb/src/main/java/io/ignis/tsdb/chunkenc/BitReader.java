package io.ignis.tsdb.chunkenc;

import io.ignis.tsdb.encoding.DecodeException;
import io.ignis.tsdb.encoding.Varint;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads bits MSB-first from a window of a (possibly memory-mapped) {@link ByteBuffer} in place, the
 * counterpart of {@link BitWriter}. Up to 64 bits are buffered in a long. Reading past the window throws
 * {@link DecodeException}. Not thread-safe; re-point with {@link #reset}.
 */
public final class BitReader {
    private ByteBuffer buf;
    private int start;
    private int pos;
    private int end;
    private long buffer; // the low `valid` bits are unread, higher bits are stale
    private int valid;

    public BitReader reset(ByteBuffer b, int off, int len) {
        buf = b.order() == ByteOrder.BIG_ENDIAN ? b : b.duplicate().order(ByteOrder.BIG_ENDIAN);
        start = off;
        pos = off;
        end = off + len;
        buffer = 0;
        valid = 0;
        return this;
    }

    /** Bits consumed since the window start. */
    public long bitPosition() {
        return (long) (pos - start) * 8 - valid;
    }

    private void fill() {
        if (valid == 0 && end - pos >= 8) {
            buffer = buf.getLong(pos);
            pos += 8;
            valid = 64;
            return;
        }
        while (valid <= 56 && pos < end) {
            buffer = (buffer << 8) | (buf.get(pos++) & 0xff);
            valid += 8;
        }
    }

    private DecodeException truncated(int wanted) {
        return new DecodeException("chunk truncated: need " + wanted + " more bits", end - start);
    }

    private static long mask(int n) {
        return n == 64 ? -1L : (1L << n) - 1;
    }

    /** One bit: 0 or 1. */
    public int readBit() {
        if (valid == 0) {
            fill();
            if (valid == 0) {
                throw truncated(1);
            }
        }
        valid--;
        return (int) (buffer >>> valid) & 1;
    }

    /** The next {@code n} bits ({@code 0 <= n <= 64}) as an unsigned value. */
    public long readBits(int n) {
        if (n <= valid) {
            valid -= n;
            return (buffer >>> valid) & mask(n);
        }
        long hi = buffer & mask(valid);
        int rest = n - valid;
        valid = 0;
        fill();
        if (valid < rest) {
            throw truncated(rest - valid);
        }
        valid -= rest;
        long lo = (buffer >>> valid) & mask(rest);
        return rest == 64 ? lo : (hi << rest) | lo;
    }

    public int readByte() {
        return (int) readBits(8);
    }

    /** An unsigned varint read byte by byte from the bit stream, as Go's {@code binary.ReadUvarint}. */
    public long readUvarint() {
        long x = 0;
        int s = 0;
        for (int i = 0; i < Varint.MAX_LEN_64; i++) {
            int b = readByte();
            if (b < 0x80) {
                if (i == Varint.MAX_LEN_64 - 1 && b > 1) {
                    break;
                }
                return x | ((long) b << s);
            }
            x |= (long) (b & 0x7f) << s;
            s += 7;
        }
        throw new DecodeException("invalid uvarint in bit stream: overflows 64 bits", (bitPosition() + 7) / 8);
    }

    public long readVarint() {
        return Varint.unZigZag(readUvarint());
    }
}
