package io.ignis.tsdb.chunkenc;

import io.ignis.model.Histogram;
import io.ignis.model.Span;
import java.util.Arrays;

/**
 * The layout written once, with the first sample of a histogram chunk, as Prometheus's
 * {@code chunkenc/histogram_meta.go}:
 *
 * <pre>
 * +----------------+---------------------+----------------+----------------+------------------------------+
 * | zero threshold | varbit_int schema   | positive spans | negative spans | custom bounds (schema -53)   |
 * +----------------+---------------------+----------------+----------------+------------------------------+
 * zero threshold: 0x00 = 0 | b in 1..254 = 2^(b-244) | 0xff + float64
 * spans:          varbit_uint count, then per span varbit_uint length, varbit_int offset
 * custom bounds:  varbit_uint count, then per bound varbit_uint(x*1000 + 1) when x*1000 is a whole number
 *                 in [0, 33554430], else a 0 bit and the float64
 * </pre>
 */
record HistogramLayout(int schema, double zeroThreshold, Span[] positiveSpans, Span[] negativeSpans,
        double[] customValues) {
    static final Span[] NO_SPANS = new Span[0];
    static final double[] NO_VALUES = new double[0];
    static boolean isCustomBuckets(int schema) {
        return schema == Histogram.CUSTOM_BUCKETS_SCHEMA;
    }

    // As Prometheus's histogram.IsKnownSchema: exponential -4..52 (9..52 reserved, read with reduced
    // resolution by Prometheus) or custom buckets.
    static boolean isKnownSchema(int schema) {
        return (schema >= -4 && schema <= 52) || isCustomBuckets(schema);
    }

    static void write(BitWriter w, int schema, double zeroThreshold, Span[] positive, Span[] negative,
            double[] customValues) {
        putZeroThreshold(w, zeroThreshold);
        Varbit.putInt(w, schema);
        putSpans(w, positive);
        putSpans(w, negative);
        if (isCustomBuckets(schema)) {
            Varbit.putUint(w, customValues.length);
            for (double bound : customValues) {
                putCustomBound(w, bound);
            }
        }
    }

    static HistogramLayout read(BitReader r) {
        double zt = readZeroThreshold(r);
        long schema = Varbit.readInt(r);
        if (schema != (int) schema || !isKnownSchema((int) schema)) {
            throw Varbit.invalid("unknown histogram schema " + schema, r);
        }
        Span[] pos = readSpans(r);
        Span[] neg = readSpans(r);
        double[] custom = NO_VALUES;
        if (isCustomBuckets((int) schema)) {
            int n = checkedCount(Varbit.readUint(r), "custom bounds", r);
            custom = new double[n];
            for (int i = 0; i < n; i++) {
                custom[i] = readCustomBound(r);
            }
        }
        return new HistogramLayout((int) schema, zt, pos, neg, custom);
    }

    static void putZeroThreshold(BitWriter w, double threshold) {
        if (threshold == 0) {
            w.writeByte(0);
            return;
        }
        long bits = Double.doubleToRawLongBits(threshold);
        boolean positivePowerOfTwo = threshold > 0 && Double.isFinite(threshold)
                && (bits & 0x000fffffffffffffL) == 0 && Math.getExponent(threshold) >= Double.MIN_EXPONENT;
        int exp = Math.getExponent(threshold) + 1; // Go's math.Frexp exponent: threshold = 0.5 * 2^exp
        if (!positivePowerOfTwo || exp < -242 || exp > 11) {
            w.writeByte(0xff);
            w.writeBits(bits, 64);
            return;
        }
        w.writeByte(exp + 243);
    }

    static double readZeroThreshold(BitReader r) {
        int b = r.readByte();
        return switch (b) {
            case 0 -> 0;
            case 0xff -> Double.longBitsToDouble(r.readBits(64));
            default -> Math.scalb(0.5, b - 243);
        };
    }

    private static void putSpans(BitWriter w, Span[] spans) {
        Varbit.putUint(w, spans.length);
        for (Span s : spans) {
            Varbit.putUint(w, s.length() & 0xffffffffL);
            Varbit.putInt(w, s.offset());
        }
    }

    private static Span[] readSpans(BitReader r) {
        int n = checkedCount(Varbit.readUint(r), "spans", r);
        if (n == 0) {
            return NO_SPANS;
        }
        Span[] spans = new Span[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            int length = checkedCount(Varbit.readUint(r), "buckets in a span", r);
            long offset = Varbit.readInt(r);
            if (offset != (int) offset) {
                throw Varbit.invalid("span offset " + offset + " out of range", r);
            }
            total += length;
            checkedCount(total, "buckets", r);
            spans[i] = new Span((int) offset, length);
        }
        return spans;
    }

    private static int checkedCount(long n, String what, BitReader r) {
        // A chunk is at most a few KiB; a count beyond its bits is corruption, not a huge histogram.
        if (n < 0 || n > (1 << 20)) {
            throw Varbit.invalid(n + " " + what + " exceed any chunk", r);
        }
        return (int) n;
    }

    private static void putCustomBound(BitWriter w, double f) {
        double tf = f * 1000;
        if (tf < 0 || tf > 33554430 || !isWholeWhenMultiplied(f)) {
            w.writeBit(false);
            w.writeBits(Double.doubleToRawLongBits(f), 64);
            return;
        }
        Varbit.putUint(w, Math.round(tf) + 1);
    }

    private static boolean isWholeWhenMultiplied(double in) {
        long i = Math.round(in * 1000);
        return in == i / 1000.0;
    }

    private static double readCustomBound(BitReader r) {
        long b = Varbit.readUint(r);
        return b == 0 ? Double.longBitsToDouble(r.readBits(64)) : (b - 1) / 1000.0;
    }

    static int countBuckets(Span[] spans) {
        int n = 0;
        for (Span s : spans) {
            n += s.length();
        }
        return n;
    }

    static boolean customBoundsMatch(double[] a, double[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) { // as Prometheus: by value, so 0.0 equals -0.0 and NaN never matches
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HistogramLayout l && schema == l.schema
                && Double.compare(zeroThreshold, l.zeroThreshold) == 0
                && Arrays.equals(positiveSpans, l.positiveSpans) && Arrays.equals(negativeSpans, l.negativeSpans)
                && Arrays.equals(customValues, l.customValues);
    }

    @Override
    public int hashCode() {
        return schema * 31 + Arrays.hashCode(positiveSpans);
    }
}
