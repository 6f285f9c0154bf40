package io.ignis.tsdb.chunkenc;

import java.util.Arrays;

/**
 * Appends bits MSB-first to a growable byte array, as Prometheus's {@code bstream}: the first bit written
 * is the top bit of byte 0, and the last byte is zero-padded. Not thread-safe.
 */
public final class BitWriter {
    private byte[] buf;
    private int len;
    private int free; // unwritten low bits of buf[len - 1], 0..7; 0 also when len == 0

    public BitWriter(int initialCapacity) {
        buf = new byte[Math.max(8, initialCapacity)];
    }

    /** Number of bytes holding at least one written bit. */
    public int len() {
        return len;
    }

    /** Number of bits written. */
    public long bitLen() {
        return (long) len * 8 - free;
    }

    /** The backing array; bytes {@code [0, len())} are the content. A write may replace it. */
    public byte[] array() {
        return buf;
    }

    private void newByte() {
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[len++] = 0;
        free = 8;
    }

    public void writeBit(boolean bit) {
        if (free == 0) {
            newByte();
        }
        free--;
        if (bit) {
            buf[len - 1] |= (byte) (1 << free);
        }
    }

    /** Writes the low {@code n} bits of {@code v}, most significant first; {@code 0 <= n <= 64}. */
    public void writeBits(long v, int n) {
        while (n > 0) {
            if (free == 0) {
                newByte();
            }
            int take = Math.min(free, n);
            int bits = (int) (v >>> (n - take)) & ((1 << take) - 1);
            buf[len - 1] |= (byte) (bits << (free - take));
            free -= take;
            n -= take;
        }
    }

    public void writeByte(int b) {
        writeBits(b & 0xff, 8);
    }

    /** Overwrites the big-endian 16-bit value at byte {@code pos} (already written). */
    public void setBE16(int pos, int v) {
        buf[pos] = (byte) (v >>> 8);
        buf[pos + 1] = (byte) v;
    }

    public int getBE16(int pos) {
        return ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
    }

    /** Forgets every bit after the first {@code bits}, so writing continues right after them. */
    public void truncateBits(long bits) {
        if (bits < 0 || bits > bitLen()) {
            throw new IllegalArgumentException("cannot truncate " + bitLen() + " bits to " + bits);
        }
        len = (int) ((bits + 7) >>> 3);
        free = (int) ((long) len * 8 - bits);
        if (free > 0) {
            buf[len - 1] &= (byte) (0xff << free);
        }
    }

    /** Starts over with {@code bytes} as fully written content. */
    public void reset(byte[] bytes, int off, int n) {
        if (buf.length < n) {
            buf = new byte[Math.max(n, 8)];
        }
        System.arraycopy(bytes, off, buf, 0, n);
        len = n;
        free = 0;
    }
}
