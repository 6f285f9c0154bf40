package io.ignis.server.remote;

import io.ignis.labels.Labels;
import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.server.remote.proto.BucketSpan;
import io.ignis.storage.Appender;
import java.util.List;

/**
 * Native histograms between the remote protocols and our model: integer histograms ({@code count_int}) keep their
 * delta-encoded buckets, float ones ({@code count_float}) their absolute counts, as Prometheus's
 * {@code prompb.Histogram.ToIntHistogram}/{@code ToFloatHistogram}.
 */
final class HistogramCodec {
    private HistogramCodec() {
    }

    static long appendAll(Appender app, long ref, Labels l, List<io.ignis.server.remote.proto.Histogram> hs) {
        for (io.ignis.server.remote.proto.Histogram h : hs) {
            ref = h.hasCountFloat()
                    ? app.appendHistogram(ref, l, h.getTimestamp(), null, toFloat(h))
                    : app.appendHistogram(ref, l, h.getTimestamp(), toInt(h), null);
        }
        return ref;
    }

    static Histogram toInt(io.ignis.server.remote.proto.Histogram h) {
        return new Histogram(hint(h.getResetHintValue()), h.getSchema(), h.getZeroThreshold(), h.getZeroCountInt(),
                h.getCountInt(), h.getSum(), spans(h.getPositiveSpansList()), longs(h.getPositiveDeltasList()),
                spans(h.getNegativeSpansList()), longs(h.getNegativeDeltasList()), doubles(h.getCustomValuesList()));
    }

    static FloatHistogram toFloat(io.ignis.server.remote.proto.Histogram h) {
        return new FloatHistogram(hint(h.getResetHintValue()), h.getSchema(), h.getZeroThreshold(),
                h.getZeroCountFloat(), h.getCountFloat(), h.getSum(), spans(h.getPositiveSpansList()),
                doubles(h.getPositiveCountsList()), spans(h.getNegativeSpansList()),
                doubles(h.getNegativeCountsList()), doubles(h.getCustomValuesList()));
    }

    static Histogram toInt(io.ignis.server.remote.proto.v2.Histogram h) {
        return new Histogram(hint(h.getResetHintValue()), h.getSchema(), h.getZeroThreshold(), h.getZeroCountInt(),
                h.getCountInt(), h.getSum(), spansV2(h.getPositiveSpansList()), longs(h.getPositiveDeltasList()),
                spansV2(h.getNegativeSpansList()), longs(h.getNegativeDeltasList()),
                doubles(h.getCustomValuesList()));
    }

    static FloatHistogram toFloat(io.ignis.server.remote.proto.v2.Histogram h) {
        return new FloatHistogram(hint(h.getResetHintValue()), h.getSchema(), h.getZeroThreshold(),
                h.getZeroCountFloat(), h.getCountFloat(), h.getSum(), spansV2(h.getPositiveSpansList()),
                doubles(h.getPositiveCountsList()), spansV2(h.getNegativeSpansList()),
                doubles(h.getNegativeCountsList()), doubles(h.getCustomValuesList()));
    }

    /** An integer histogram for remote write 1.0 and remote read, as Prometheus's {@code prompb.FromIntHistogram}. */
    static io.ignis.server.remote.proto.Histogram fromInt(Histogram h, long t) {
        io.ignis.server.remote.proto.Histogram.Builder b = io.ignis.server.remote.proto.Histogram.newBuilder()
                .setCountInt(h.count()).setSum(h.sum()).setSchema(h.schema()).setZeroThreshold(h.zeroThreshold())
                .setZeroCountInt(h.zeroCount()).setResetHintValue(h.counterResetHint().ordinal()).setTimestamp(t);
        for (Span s : h.positiveSpans()) {
            b.addPositiveSpans(BucketSpan.newBuilder().setOffset(s.offset()).setLength(s.length()));
        }
        for (long d : h.positiveDeltas()) {
            b.addPositiveDeltas(d);
        }
        for (Span s : h.negativeSpans()) {
            b.addNegativeSpans(BucketSpan.newBuilder().setOffset(s.offset()).setLength(s.length()));
        }
        for (long d : h.negativeDeltas()) {
            b.addNegativeDeltas(d);
        }
        for (double c : h.customValues()) {
            b.addCustomValues(c);
        }
        return b.build();
    }

    /** A float histogram for remote write 1.0 and remote read, as {@code prompb.FromFloatHistogram}. */
    static io.ignis.server.remote.proto.Histogram fromFloat(FloatHistogram h, long t) {
        io.ignis.server.remote.proto.Histogram.Builder b = io.ignis.server.remote.proto.Histogram.newBuilder()
                .setCountFloat(h.count()).setSum(h.sum()).setSchema(h.schema()).setZeroThreshold(h.zeroThreshold())
                .setZeroCountFloat(h.zeroCount()).setResetHintValue(h.counterResetHint().ordinal()).setTimestamp(t);
        for (Span s : h.positiveSpans()) {
            b.addPositiveSpans(BucketSpan.newBuilder().setOffset(s.offset()).setLength(s.length()));
        }
        for (double c : h.positiveBuckets()) {
            b.addPositiveCounts(c);
        }
        for (Span s : h.negativeSpans()) {
            b.addNegativeSpans(BucketSpan.newBuilder().setOffset(s.offset()).setLength(s.length()));
        }
        for (double c : h.negativeBuckets()) {
            b.addNegativeCounts(c);
        }
        for (double c : h.customValues()) {
            b.addCustomValues(c);
        }
        return b.build();
    }

    /** As {@link #fromInt} for remote write 2.0. */
    static io.ignis.server.remote.proto.v2.Histogram fromIntV2(Histogram h, long t) {
        io.ignis.server.remote.proto.v2.Histogram.Builder b = io.ignis.server.remote.proto.v2.Histogram.newBuilder()
                .setCountInt(h.count()).setSum(h.sum()).setSchema(h.schema()).setZeroThreshold(h.zeroThreshold())
                .setZeroCountInt(h.zeroCount()).setResetHintValue(h.counterResetHint().ordinal()).setTimestamp(t);
        for (Span s : h.positiveSpans()) {
            b.addPositiveSpans(spanV2(s));
        }
        for (long d : h.positiveDeltas()) {
            b.addPositiveDeltas(d);
        }
        for (Span s : h.negativeSpans()) {
            b.addNegativeSpans(spanV2(s));
        }
        for (long d : h.negativeDeltas()) {
            b.addNegativeDeltas(d);
        }
        for (double c : h.customValues()) {
            b.addCustomValues(c);
        }
        return b.build();
    }

    /** As {@link #fromFloat} for remote write 2.0. */
    static io.ignis.server.remote.proto.v2.Histogram fromFloatV2(FloatHistogram h, long t) {
        io.ignis.server.remote.proto.v2.Histogram.Builder b = io.ignis.server.remote.proto.v2.Histogram.newBuilder()
                .setCountFloat(h.count()).setSum(h.sum()).setSchema(h.schema()).setZeroThreshold(h.zeroThreshold())
                .setZeroCountFloat(h.zeroCount()).setResetHintValue(h.counterResetHint().ordinal()).setTimestamp(t);
        for (Span s : h.positiveSpans()) {
            b.addPositiveSpans(spanV2(s));
        }
        for (double c : h.positiveBuckets()) {
            b.addPositiveCounts(c);
        }
        for (Span s : h.negativeSpans()) {
            b.addNegativeSpans(spanV2(s));
        }
        for (double c : h.negativeBuckets()) {
            b.addNegativeCounts(c);
        }
        for (double c : h.customValues()) {
            b.addCustomValues(c);
        }
        return b.build();
    }

    private static io.ignis.server.remote.proto.v2.BucketSpan spanV2(Span s) {
        return io.ignis.server.remote.proto.v2.BucketSpan.newBuilder().setOffset(s.offset()).setLength(s.length())
                .build();
    }

    /** The wire's reset hints are UNKNOWN, YES, NO, GAUGE: the order of {@link CounterResetHint}. */
    private static CounterResetHint hint(int v) {
        CounterResetHint[] all = CounterResetHint.values();
        return v >= 0 && v < all.length ? all[v] : CounterResetHint.UNKNOWN;
    }

    private static Span[] spans(List<BucketSpan> in) {
        Span[] out = new Span[in.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Span(in.get(i).getOffset(), in.get(i).getLength());
        }
        return out;
    }

    private static Span[] spansV2(List<io.ignis.server.remote.proto.v2.BucketSpan> in) {
        Span[] out = new Span[in.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Span(in.get(i).getOffset(), in.get(i).getLength());
        }
        return out;
    }

    private static long[] longs(List<Long> in) {
        long[] out = new long[in.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = in.get(i);
        }
        return out;
    }

    private static double[] doubles(List<Double> in) {
        double[] out = new double[in.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = in.get(i);
        }
        return out;
    }
}
