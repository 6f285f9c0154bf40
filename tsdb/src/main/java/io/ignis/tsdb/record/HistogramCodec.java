package io.ignis.tsdb.record;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.tsdb.encoding.DecodeBuffer;
import io.ignis.tsdb.encoding.DecodeException;
import io.ignis.tsdb.encoding.EncodeBuffer;

/**
 * One histogram inside a WAL record, as Prometheus's {@code EncodeHistogram}/{@code EncodeFloatHistogram}:
 *
 * <pre>
 * hint(1) varint schema  float64 zero threshold
 * integer: uvarint zero count, uvarint count, float64 sum | float: float64 zero count, count, sum
 * uvarint #pos spans { varint offset, uvarint32 length }*  uvarint #neg spans { same }*
 * uvarint #pos buckets { varint delta | float64 }*          uvarint #neg buckets { same }*
 * schema -53 only: uvarint #custom values { float64 }*
 * </pre>
 */
final class HistogramCodec {
    private static final Span[] NO_SPANS = new Span[0];
    private static final long[] NO_DELTAS = new long[0];
    private static final double[] NO_VALUES = new double[0];
    private static final CounterResetHint[] HINTS = CounterResetHint.values();

    private HistogramCodec() {
    }

    static boolean usesCustomBuckets(int schema) {
        return schema == Histogram.CUSTOM_BUCKETS_SCHEMA;
    }

    /** As Prometheus's {@code IsKnownSchema}: exponential -9..52 (reserved range included) or custom buckets. */
    static boolean isKnownSchema(int schema) {
        return usesCustomBuckets(schema) || (schema >= -9 && schema <= 52);
    }

    static void encode(Histogram h, EncodeBuffer dst) {
        dst.putByte(h.counterResetHint().ordinal());
        dst.putVarint(h.schema()).putBE64Float(h.zeroThreshold());
        dst.putUvarint(h.zeroCount()).putUvarint(h.count()).putBE64Float(h.sum());
        spans(h.positiveSpans(), dst);
        spans(h.negativeSpans(), dst);
        dst.putUvarint(h.positiveDeltas().length);
        for (long d : h.positiveDeltas()) {
            dst.putVarint(d);
        }
        dst.putUvarint(h.negativeDeltas().length);
        for (long d : h.negativeDeltas()) {
            dst.putVarint(d);
        }
        customValues(h.schema(), h.customValues(), dst);
    }

    static void encode(FloatHistogram h, EncodeBuffer dst) {
        dst.putByte(h.counterResetHint().ordinal());
        dst.putVarint(h.schema()).putBE64Float(h.zeroThreshold());
        dst.putBE64Float(h.zeroCount()).putBE64Float(h.count()).putBE64Float(h.sum());
        spans(h.positiveSpans(), dst);
        spans(h.negativeSpans(), dst);
        floats(h.positiveBuckets(), dst);
        floats(h.negativeBuckets(), dst);
        customValues(h.schema(), h.customValues(), dst);
    }

    private static void spans(Span[] spans, EncodeBuffer dst) {
        dst.putUvarint(spans.length);
        for (Span s : spans) {
            dst.putVarint(s.offset()).putUvarint(s.length() & 0xffffffffL);
        }
    }

    private static void floats(double[] vs, EncodeBuffer dst) {
        dst.putUvarint(vs.length);
        for (double v : vs) {
            dst.putBE64Float(v);
        }
    }

    private static void customValues(int schema, double[] vs, EncodeBuffer dst) {
        if (usesCustomBuckets(schema)) {
            floats(vs, dst);
        }
    }

    static Histogram decodeHistogram(DecodeBuffer dec) {
        CounterResetHint hint = hint(dec);
        int schema = (int) dec.varint();
        double zeroThreshold = dec.be64Float();
        long zeroCount = dec.uvarint();
        long count = dec.uvarint();
        double sum = dec.be64Float();
        Span[] pSpans = spans(dec);
        Span[] nSpans = spans(dec);
        long[] pDeltas = deltas(dec);
        long[] nDeltas = deltas(dec);
        double[] custom = usesCustomBuckets(schema) ? floats(dec) : NO_VALUES;
        return new Histogram(hint, schema, zeroThreshold, zeroCount, count, sum, pSpans, pDeltas, nSpans, nDeltas,
                custom);
    }

    static FloatHistogram decodeFloatHistogram(DecodeBuffer dec) {
        CounterResetHint hint = hint(dec);
        int schema = (int) dec.varint();
        double zeroThreshold = dec.be64Float();
        double zeroCount = dec.be64Float();
        double count = dec.be64Float();
        double sum = dec.be64Float();
        Span[] pSpans = spans(dec);
        Span[] nSpans = spans(dec);
        double[] pBuckets = floats(dec);
        double[] nBuckets = floats(dec);
        double[] custom = usesCustomBuckets(schema) ? floats(dec) : NO_VALUES;
        return new FloatHistogram(hint, schema, zeroThreshold, zeroCount, count, sum, pSpans, pBuckets, nSpans,
                nBuckets, custom);
    }

    private static CounterResetHint hint(DecodeBuffer dec) {
        int b = dec.getByte();
        if (b >= HINTS.length) {
            throw new DecodeException("invalid histogram counter reset hint " + b, dec.position() - 1);
        }
        return HINTS[b];
    }

    private static Span[] spans(DecodeBuffer dec) {
        int n = length(dec, 2);
        if (n == 0) {
            return NO_SPANS;
        }
        Span[] spans = new Span[n];
        for (int i = 0; i < n; i++) {
            int offset = (int) dec.varint();
            spans[i] = new Span(offset, dec.uvarint32());
        }
        return spans;
    }

    private static long[] deltas(DecodeBuffer dec) {
        int n = length(dec, 1);
        if (n == 0) {
            return NO_DELTAS;
        }
        long[] ds = new long[n];
        for (int i = 0; i < n; i++) {
            ds[i] = dec.varint();
        }
        return ds;
    }

    private static double[] floats(DecodeBuffer dec) {
        int n = length(dec, 8);
        if (n == 0) {
            return NO_VALUES;
        }
        double[] vs = new double[n];
        for (int i = 0; i < n; i++) {
            vs[i] = dec.be64Float();
        }
        return vs;
    }

    /** A count of entries of at least {@code minBytes} each; more than the record can hold is corruption. */
    private static int length(DecodeBuffer dec, int minBytes) {
        int at = dec.position();
        long n = dec.uvarint();
        if (n < 0 || n > dec.remaining() / minBytes) {
            throw new DecodeException("invalid histogram array length " + Long.toUnsignedString(n) + " with "
                    + dec.remaining() + " bytes left", at);
        }
        return (int) n;
    }
}
