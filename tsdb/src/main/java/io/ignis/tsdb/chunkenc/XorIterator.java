package io.ignis.tsdb.chunkenc;

import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.encoding.DecodeException;
import java.nio.ByteBuffer;

/** Decodes an {@link XorChunk} in place; the layout is sketched there. */
final class XorIterator implements SampleIterator {
    private final BitReader br = new BitReader();
    private int numTotal;
    private int numRead;
    private boolean done;
    private long t;
    private double v;
    private long tDelta;
    private int leading;
    private int trailing;

    void reset(ByteBuffer buf, int off, int len) {
        numTotal = buf.getShort(off) & 0xffff;
        br.reset(buf, off + XorChunk.HEADER_SIZE, len - XorChunk.HEADER_SIZE);
        numRead = 0;
        done = false;
        t = Long.MIN_VALUE;
        v = 0;
        tDelta = 0;
        leading = 0xff;
        trailing = 0;
    }

    @Override
    public SampleType next() {
        if (done || numRead == numTotal) {
            done = true;
            return SampleType.NONE;
        }
        if (numRead == 0) {
            t = br.readVarint();
            v = Double.longBitsToDouble(br.readBits(64));
        } else if (numRead == 1) {
            tDelta = br.readUvarint();
            t += tDelta;
            readValue();
        } else {
            t += readDeltaOfDelta();
            readValue();
        }
        numRead++;
        return SampleType.FLOAT;
    }

    private long readDeltaOfDelta() {
        int d = 0;
        for (int i = 0; i < 4; i++) {
            d <<= 1;
            if (br.readBit() == 0) {
                break;
            }
            d |= 1;
        }
        int sz;
        switch (d) {
            case 0b0 -> sz = 0;
            case 0b10 -> sz = 14;
            case 0b110 -> sz = 17;
            case 0b1110 -> sz = 20;
            case 0b1111 -> sz = 64;
            default -> throw new IllegalStateException("bug: dod prefix " + d);
        }
        long dod = 0;
        if (sz == 64) {
            dod = br.readBits(64);
        } else if (sz != 0) {
            long bits = br.readBits(sz);
            if (bits > (1L << (sz - 1))) {
                bits -= 1L << sz;
            }
            dod = bits;
        }
        tDelta += dod;
        return tDelta;
    }

    private void readValue() {
        if (br.readBit() == 0) {
            return;
        }
        int mbits;
        if (br.readBit() == 0) {
            if (leading == 0xff) {
                throw new DecodeException("invalid XOR chunk: value reuses a window before one was set",
                        br.bitPosition() / 8 + XorChunk.HEADER_SIZE);
            }
            mbits = 64 - leading - trailing;
        } else {
            leading = (int) br.readBits(5);
            mbits = (int) br.readBits(6);
            if (mbits == 0) {
                mbits = 64;
            }
            trailing = 64 - leading - mbits;
            if (trailing < 0) {
                throw new DecodeException("invalid XOR chunk: leading " + leading + " + significant " + mbits
                        + " bits exceed 64", br.bitPosition() / 8 + XorChunk.HEADER_SIZE);
            }
        }
        long bits = br.readBits(mbits);
        v = Double.longBitsToDouble(Double.doubleToRawLongBits(v) ^ (bits << trailing));
    }

    @Override
    public SampleType seek(long target) {
        if (done) {
            return SampleType.NONE;
        }
        while (numRead == 0 || t < target) {
            if (next() == SampleType.NONE) {
                return SampleType.NONE;
            }
        }
        return SampleType.FLOAT;
    }

    @Override
    public long atT() {
        return t;
    }

    @Override
    public double atV() {
        return v;
    }

    long bitPosition() {
        return br.bitPosition();
    }

    long tDelta() {
        return tDelta;
    }

    int leading() {
        return leading;
    }

    int trailing() {
        return trailing;
    }
}
