package io.ignis.tsdb.chunkenc;

import java.util.Arrays;

/**
 * A row of XOR-coded float values, each with its own leading/trailing-zero window, as the sum of a histogram
 * chunk and every field of a float-histogram chunk (Prometheus's {@code xorWrite}/{@code xorRead} on
 * {@code xorValue}s). The bit layout is the value part of {@link XorChunk}'s sketch. A fresh writer starts
 * each window at 0xff ("none yet"); a reader, and an appender continued from a reader, start at 0 as
 * Prometheus's iterators do, which matters for byte equality.
 */
final class XorValues {
    private static final int NO_WINDOW = 0xff;

    double[] values;
    int[] leading;
    int[] trailing;

    XorValues(int n, boolean forWriting) {
        values = new double[n];
        leading = new int[n];
        trailing = new int[n];
        if (forWriting) {
            Arrays.fill(leading, NO_WINDOW);
        }
    }

    XorValues copy() {
        XorValues c = new XorValues(0, false);
        c.values = values.clone();
        c.leading = leading.clone();
        c.trailing = trailing.clone();
        return c;
    }

    int size() {
        return values.length;
    }

    void write(BitWriter w, int i, double v) {
        long delta = Double.doubleToRawLongBits(v) ^ Double.doubleToRawLongBits(values[i]);
        values[i] = v;
        if (delta == 0) {
            w.writeBit(false);
            return;
        }
        w.writeBit(true);
        int newLeading = Math.min(Long.numberOfLeadingZeros(delta), 31); // 5 bits hold at most 31
        int newTrailing = Long.numberOfTrailingZeros(delta);
        if (leading[i] != NO_WINDOW && newLeading >= leading[i] && newTrailing >= trailing[i]) {
            w.writeBit(false);
            w.writeBits(delta >>> trailing[i], 64 - leading[i] - trailing[i]);
            return;
        }
        leading[i] = newLeading;
        trailing[i] = newTrailing;
        w.writeBit(true);
        w.writeBits(newLeading, 5);
        int sigbits = 64 - newLeading - newTrailing;
        w.writeBits(sigbits, 6); // 64 is written as 0
        w.writeBits(delta >>> newTrailing, sigbits);
    }

    void read(BitReader r, int i) {
        if (r.readBit() == 0) {
            return;
        }
        int mbits;
        if (r.readBit() == 0) {
            if (leading[i] == NO_WINDOW) {
                throw Varbit.invalid("XOR value reuses a window before one was set", r);
            }
            mbits = 64 - leading[i] - trailing[i];
        } else {
            leading[i] = (int) r.readBits(5);
            mbits = (int) r.readBits(6);
            if (mbits == 0) {
                mbits = 64;
            }
            trailing[i] = 64 - leading[i] - mbits;
            if (trailing[i] < 0) {
                throw Varbit.invalid("XOR value with " + leading[i] + " leading and " + mbits
                        + " significant bits", r);
            }
        }
        long bits = mbits == 0 ? 0 : r.readBits(mbits);
        values[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(values[i]) ^ (bits << trailing[i]));
    }
}
