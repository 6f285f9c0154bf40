package io.ignis.tsdb.chunkenc;

/** Appends to an {@link XorChunk}; the layout is sketched there. */
final class XorAppender implements ChunkAppender {
    private final BitWriter w;
    private long t = Long.MIN_VALUE;
    private double v;
    private long tDelta;
    private int leading = 0xff; // 0xff: no window yet, so the first non-zero XOR writes a full header
    private int trailing;

    XorAppender(XorChunk chunk) {
        this.w = chunk.writer();
    }

    /** Continues after the last sample {@code it} read. */
    XorAppender(XorChunk chunk, XorIterator it) {
        this(chunk);
        t = it.atT();
        v = it.atV();
        tDelta = it.tDelta();
        leading = it.leading();
        trailing = it.trailing();
    }

    @Override
    public void append(long t, double v) {
        int num = w.getBE16(0);
        long delta = 0;
        if (num == 0) {
            long u = (t << 1) ^ (t >> 63);
            writeUvarint(u);
            w.writeBits(Double.doubleToRawLongBits(v), 64);
        } else if (num == 1) {
            delta = t - this.t;
            writeUvarint(delta);
            writeValue(v);
        } else if (num == XorChunk.maxSamples()) {
            throw new IllegalStateException("bug: XOR chunk capacity of 65535 samples exceeded");
        } else {
            delta = t - this.t;
            long dod = delta - tDelta;
            if (dod == 0) {
                w.writeBit(false);
            } else if (bitRange(dod, 14)) {
                w.writeBits(0b10, 2);
                w.writeBits(dod, 14);
            } else if (bitRange(dod, 17)) {
                w.writeBits(0b110, 3);
                w.writeBits(dod, 17);
            } else if (bitRange(dod, 20)) {
                w.writeBits(0b1110, 4);
                w.writeBits(dod, 20);
            } else {
                w.writeBits(0b1111, 4);
                w.writeBits(dod, 64);
            }
            writeValue(v);
        }
        this.t = t;
        this.v = v;
        this.tDelta = delta;
        w.setBE16(0, num + 1);
    }

    // As Prometheus's bitRange: the range is asymmetric, [-(2^(n-1) - 1), 2^(n-1)].
    private static boolean bitRange(long x, int nbits) {
        long half = 1L << (nbits - 1);
        return -(half - 1) <= x && x <= half;
    }

    private void writeUvarint(long u) {
        while (Long.compareUnsigned(u, 0x80) >= 0) {
            w.writeByte((int) (u | 0x80));
            u >>>= 7;
        }
        w.writeByte((int) u);
    }

    private void writeValue(double value) {
        long delta = Double.doubleToRawLongBits(value) ^ Double.doubleToRawLongBits(v);
        if (delta == 0) {
            w.writeBit(false);
            return;
        }
        w.writeBit(true);
        int newLeading = Math.min(Long.numberOfLeadingZeros(delta), 31); // 5 bits hold at most 31
        int newTrailing = Long.numberOfTrailingZeros(delta);
        if (leading != 0xff && newLeading >= leading && newTrailing >= trailing) {
            w.writeBit(false);
            w.writeBits(delta >>> trailing, 64 - leading - trailing);
            return;
        }
        leading = newLeading;
        trailing = newTrailing;
        w.writeBit(true);
        w.writeBits(newLeading, 5);
        int sigbits = 64 - newLeading - newTrailing;
        w.writeBits(sigbits, 6); // 64 does not fit: its low 6 bits, 0, stand for 64
        w.writeBits(delta >>> newTrailing, sigbits);
    }
}
