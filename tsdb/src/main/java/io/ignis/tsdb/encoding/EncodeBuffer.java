package io.ignis.tsdb.encoding;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer for encoding records and file sections: big-endian fixed-width integers and
 * Go-compatible varints. Reuse one instance with {@link #reset()}; the backing array is exposed by
 * {@link #array()} so it can be written out without a copy. Not thread-safe.
 */
public final class EncodeBuffer {
    private byte[] buf;
    private int len;

    public EncodeBuffer() {
        this(256);
    }

    public EncodeBuffer(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Forgets the content, keeping the capacity. */
    public EncodeBuffer reset() {
        len = 0;
        return this;
    }

    /** Number of bytes written. */
    public int len() {
        return len;
    }

    /** The backing array; bytes {@code [0, len())} are the content. Invalidated by the next write. */
    public byte[] array() {
        return buf;
    }

    /** A copy of the content. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int extra) {
        int need = len + extra;
        if (need > buf.length) {
            if (need < 0) {
                throw new IllegalStateException("encode buffer larger than 2 GiB");
            }
            buf = Arrays.copyOf(buf, Math.max(need, buf.length < (1 << 29) ? buf.length * 2 : need + (1 << 20)));
        }
    }

    public EncodeBuffer putByte(int b) {
        ensure(1);
        buf[len++] = (byte) b;
        return this;
    }

    public EncodeBuffer putBytes(byte[] b) {
        return putBytes(b, 0, b.length);
    }

    public EncodeBuffer putBytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** Appends the remaining bytes of {@code b} without moving its position. */
    public EncodeBuffer putBytes(ByteBuffer b) {
        int n = b.remaining();
        ensure(n);
        b.get(b.position(), buf, len, n);
        len += n;
        return this;
    }

    /** Appends {@code n} zero bytes. */
    public EncodeBuffer putZeros(int n) {
        ensure(n);
        Arrays.fill(buf, len, len + n, (byte) 0);
        len += n;
        return this;
    }

    public EncodeBuffer putBE16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public EncodeBuffer putBE32(int v) {
        ensure(4);
        setBE32(len, v);
        len += 4;
        return this;
    }

    public EncodeBuffer putBE64(long v) {
        ensure(8);
        for (int s = 56; s >= 0; s -= 8) {
            buf[len++] = (byte) (v >>> s);
        }
        return this;
    }

    /** The IEEE 754 bits of {@code v}, big-endian, as Go's {@code math.Float64bits}. */
    public EncodeBuffer putBE64Float(double v) {
        return putBE64(Double.doubleToRawLongBits(v));
    }

    public EncodeBuffer putUvarint(long v) {
        ensure(Varint.MAX_LEN_64);
        len += Varint.putUvarint(buf, len, v);
        return this;
    }

    public EncodeBuffer putVarint(long v) {
        ensure(Varint.MAX_LEN_64);
        len += Varint.putVarint(buf, len, v);
        return this;
    }

    /** A UTF-8 string prefixed by its byte length as a uvarint. */
    public EncodeBuffer putUvarintStr(String s) {
        return putUvarintBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes prefixed by their length as a uvarint. */
    public EncodeBuffer putUvarintBytes(byte[] b) {
        putUvarint(b.length);
        return putBytes(b);
    }

    /** Overwrites 4 bytes at {@code pos} (already written), e.g. to patch a length placeholder. */
    public void setBE32(int pos, int v) {
        buf[pos] = (byte) (v >>> 24);
        buf[pos + 1] = (byte) (v >>> 16);
        buf[pos + 2] = (byte) (v >>> 8);
        buf[pos + 3] = (byte) v;
    }

    /** Overwrites 2 bytes at {@code pos} (already written). */
    public void setBE16(int pos, int v) {
        buf[pos] = (byte) (v >>> 8);
        buf[pos + 1] = (byte) v;
    }

    /** CRC32C of bytes {@code [from, len())}. */
    public int crc32c(int from) {
        return Crc32c.checksum(buf, from, len - from);
    }
}
