package io.ignis.tsdb.encoding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A cursor decoding a window of a byte array or (memory-mapped) {@link ByteBuffer} in place: big-endian
 * fixed-width integers and Go-compatible varints. Positions are relative to the start of the window.
 * Reading past the window or an overflowing varint throws {@link DecodeException}; nothing is copied
 * except by the methods returning strings or arrays. Not thread-safe; re-point one instance with
 * {@link #reset}.
 */
public final class DecodeBuffer {
    private ByteBuffer buf;
    private int start;
    private int end;
    private int pos;

    public DecodeBuffer(byte[] b) {
        this(ByteBuffer.wrap(b), 0, b.length);
    }

    public DecodeBuffer(byte[] b, int off, int len) {
        this(ByteBuffer.wrap(b), off, len);
    }

    /** Decodes {@code len} bytes at absolute offset {@code off} of {@code b}; {@code b} is never moved. */
    public DecodeBuffer(ByteBuffer b, int off, int len) {
        reset(b, off, len);
    }

    public DecodeBuffer reset(ByteBuffer b, int off, int len) {
        if (off < 0 || len < 0 || off + len > b.limit() || off + len < 0) {
            throw new IllegalArgumentException("window [" + off + ", +" + len + ") outside buffer of " + b.limit());
        }
        this.buf = b.order() == ByteOrder.BIG_ENDIAN ? b : b.duplicate().order(ByteOrder.BIG_ENDIAN);
        this.start = off;
        this.end = off + len;
        this.pos = off;
        return this;
    }

    /** The position relative to the window start. */
    public int position() {
        return pos - start;
    }

    /** Moves to {@code p} relative to the window start. */
    public DecodeBuffer position(int p) {
        if (p < 0 || p > end - start) {
            throw new DecodeException("invalid position " + p + " in window of " + (end - start), pos - start);
        }
        pos = start + p;
        return this;
    }

    public int remaining() {
        return end - pos;
    }

    /** The underlying buffer and absolute offset of the current position, for in-place readers. */
    public ByteBuffer buffer() {
        return buf;
    }

    public int absolutePosition() {
        return pos;
    }

    private void need(int n) {
        if (end - pos < n) {
            throw new DecodeException("invalid size: need " + n + " bytes, have " + (end - pos), pos - start);
        }
    }

    public DecodeBuffer skip(int n) {
        need(n);
        pos += n;
        return this;
    }

    /** One byte, unsigned. */
    public int getByte() {
        need(1);
        return buf.get(pos++) & 0xff;
    }

    public int be16() {
        need(2);
        int v = buf.getShort(pos) & 0xffff;
        pos += 2;
        return v;
    }

    public int be32() {
        need(4);
        int v = buf.getInt(pos);
        pos += 4;
        return v;
    }

    /** A big-endian uint32 widened to long. */
    public long be32Unsigned() {
        return be32() & 0xffffffffL;
    }

    public long be64() {
        need(8);
        long v = buf.getLong(pos);
        pos += 8;
        return v;
    }

    public double be64Float() {
        return Double.longBitsToDouble(be64());
    }

    /** An unsigned varint as Go's {@code binary.Uvarint}, rejecting encodings that overflow 64 bits. */
    public long uvarint() {
        long x = 0;
        int s = 0;
        int begin = pos;
        for (int i = 0; i < Varint.MAX_LEN_64; i++) {
            if (pos >= end) {
                throw new DecodeException("invalid uvarint: truncated", begin - start);
            }
            int b = buf.get(pos++) & 0xff;
            if (b < 0x80) {
                if (i == Varint.MAX_LEN_64 - 1 && b > 1) {
                    break;
                }
                return x | ((long) b << s);
            }
            x |= (long) (b & 0x7f) << s;
            s += 7;
        }
        throw new DecodeException("invalid uvarint: overflows 64 bits", begin - start);
    }

    /** A signed (zig-zag) varint as Go's {@code binary.Varint}. */
    public long varint() {
        return Varint.unZigZag(uvarint());
    }

    /** An unsigned varint that must fit in 32 bits, as Prometheus's {@code Uvarint32}. */
    public int uvarint32() {
        int begin = pos;
        long v = uvarint();
        if ((v >>> 32) != 0) {
            throw new DecodeException("invalid uvarint32: " + Long.toUnsignedString(v) + " overflows 32 bits",
                    begin - start);
        }
        return (int) v;
    }

    /** A uvarint length followed by that many UTF-8 bytes. */
    public String uvarintStr() {
        int n = uvarintLength();
        String s = readString(pos, n);
        pos += n;
        return s;
    }

    /** A uvarint length followed by that many bytes, copied. */
    public byte[] uvarintBytes() {
        int n = uvarintLength();
        byte[] out = new byte[n];
        buf.get(pos, out, 0, n);
        pos += n;
        return out;
    }

    /** Skips a uvarint-prefixed byte string and returns its length; the bytes start at position - length. */
    public int skipUvarintBytes() {
        int n = uvarintLength();
        pos += n;
        return n;
    }

    private int uvarintLength() {
        int begin = pos;
        long n = uvarint();
        if (n < 0 || n > end - pos) {
            throw new DecodeException("invalid size: string of " + Long.toUnsignedString(n) + " bytes, have "
                    + (end - pos), begin - start);
        }
        return (int) n;
    }

    /** Copies {@code n} bytes into {@code dst}. */
    public void get(byte[] dst, int off, int n) {
        need(n);
        buf.get(pos, dst, off, n);
        pos += n;
    }

    private String readString(int absOff, int n) {
        if (buf.hasArray()) {
            return new String(buf.array(), buf.arrayOffset() + absOff, n, StandardCharsets.UTF_8);
        }
        byte[] tmp = new byte[n];
        buf.get(absOff, tmp, 0, n);
        return new String(tmp, StandardCharsets.UTF_8);
    }

    /** CRC32C of {@code len} bytes starting {@code from} (relative to the window start). */
    public int crc32c(int from, int len) {
        if (from < 0 || len < 0 || start + from + len > end) {
            throw new DecodeException("invalid size: checksum range " + from + "+" + len + " outside window",
                    from);
        }
        return Crc32c.checksum(buf, start + from, len);
    }
}
