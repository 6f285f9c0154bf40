package io.ignis.tsdb.chunkenc;

import io.ignis.tsdb.encoding.DecodeException;

/**
 * The variable-width bit encodings of histogram chunks, as Prometheus's {@code chunkenc/varbit.go}: a unary
 * prefix of up to eight ones picks the payload width, and a signed payload is two's complement in that width.
 *
 * <pre>
 * 0 -> 0 | 10 + 3 bits | 110 + 6 | 1110 + 9 | 11110 + 12 | 111110 + 18 | 1111110 + 25 | 11111110 + 56 | 11111111 + 64
 * </pre>
 */
final class Varbit {
    private static final int[] WIDTHS = {3, 6, 9, 12, 18, 25, 56};

    private Varbit() {
    }

    // As Prometheus's bitRange: signed payloads cover [-(2^(n-1) - 1), 2^(n-1)].
    static boolean bitRange(long x, int nbits) {
        long half = 1L << (nbits - 1);
        return -(half - 1) <= x && x <= half;
    }

    static void putInt(BitWriter w, long v) {
        if (v == 0) {
            w.writeBit(false);
            return;
        }
        for (int i = 0; i < WIDTHS.length; i++) {
            if (bitRange(v, WIDTHS[i])) {
                writePrefix(w, i + 1);
                w.writeBits(v, WIDTHS[i]);
                return;
            }
        }
        w.writeBits(0xff, 8);
        w.writeBits(v, 64);
    }

    static void putUint(BitWriter w, long v) {
        if (v == 0) {
            w.writeBit(false);
            return;
        }
        for (int i = 0; i < WIDTHS.length; i++) {
            if (Long.numberOfLeadingZeros(v) >= 64 - WIDTHS[i]) {
                writePrefix(w, i + 1);
                w.writeBits(v, WIDTHS[i]);
                return;
            }
        }
        w.writeBits(0xff, 8);
        w.writeBits(v, 64);
    }

    // `ones` one-bits followed by a zero; ones is 1..7 here.
    private static void writePrefix(BitWriter w, int ones) {
        w.writeBits(((1L << ones) - 1) << 1, ones + 1);
    }

    /** Number of leading one-bits of the prefix, 0..8 (8 = no terminating zero). */
    private static int readPrefix(BitReader r) {
        int ones = 0;
        while (ones < 8 && r.readBit() == 1) {
            ones++;
        }
        return ones;
    }

    static long readInt(BitReader r) {
        int ones = readPrefix(r);
        if (ones == 0) {
            return 0;
        }
        if (ones == 8) {
            return r.readBits(64);
        }
        int sz = WIDTHS[ones - 1];
        long bits = r.readBits(sz);
        if (bits > (1L << (sz - 1))) {
            bits -= 1L << sz;
        }
        return bits;
    }

    static long readUint(BitReader r) {
        int ones = readPrefix(r);
        if (ones == 0) {
            return 0;
        }
        return ones == 8 ? r.readBits(64) : r.readBits(WIDTHS[ones - 1]);
    }

    static DecodeException invalid(String what, BitReader r) {
        return new DecodeException("invalid histogram chunk: " + what, r.bitPosition() / 8);
    }
}
