package io.ignis.server.remote;

import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.server.remote.proto.BucketSpan;

/**
 * Native histograms read from the WAL as remote write sends them, as Prometheus's {@code prompb.FromIntHistogram}
 * and {@code FromFloatHistogram}: an integer histogram keeps its delta-encoded buckets in the {@code *_int} and
 * {@code *_deltas} fields, a float one its absolute counts in {@code *_float} and {@code *_counts}. The reset hint
 * keeps our order, which is the wire's (unknown, yes, no, gauge).
 */
final class WriteHistograms {
    private WriteHistograms() {
    }

    static io.ignis.server.remote.proto.Histogram v1(Histogram h, long t) {
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

    static io.ignis.server.remote.proto.Histogram v1(FloatHistogram h, long t) {
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

    static io.ignis.server.remote.proto.v2.Histogram v2(Histogram h, long t) {
        io.ignis.server.remote.proto.v2.Histogram.Builder b = io.ignis.server.remote.proto.v2.Histogram.newBuilder()
                .setCountInt(h.count()).setSum(h.sum()).setSchema(h.schema()).setZeroThreshold(h.zeroThreshold())
                .setZeroCountInt(h.zeroCount()).setResetHintValue(h.counterResetHint().ordinal()).setTimestamp(t);
        for (Span s : h.positiveSpans()) {
            b.addPositiveSpans(span(s));
        }
        for (long d : h.positiveDeltas()) {
            b.addPositiveDeltas(d);
        }
        for (Span s : h.negativeSpans()) {
            b.addNegativeSpans(span(s));
        }
        for (long d : h.negativeDeltas()) {
            b.addNegativeDeltas(d);
        }
        for (double c : h.customValues()) {
            b.addCustomValues(c);
        }
        return b.build();
    }

    static io.ignis.server.remote.proto.v2.Histogram v2(FloatHistogram h, long t) {
        io.ignis.server.remote.proto.v2.Histogram.Builder b = io.ignis.server.remote.proto.v2.Histogram.newBuilder()
                .setCountFloat(h.count()).setSum(h.sum()).setSchema(h.schema()).setZeroThreshold(h.zeroThreshold())
                .setZeroCountFloat(h.zeroCount()).setResetHintValue(h.counterResetHint().ordinal()).setTimestamp(t);
        for (Span s : h.positiveSpans()) {
            b.addPositiveSpans(span(s));
        }
        for (double c : h.positiveBuckets()) {
            b.addPositiveCounts(c);
        }
        for (Span s : h.negativeSpans()) {
            b.addNegativeSpans(span(s));
        }
        for (double c : h.negativeBuckets()) {
            b.addNegativeCounts(c);
        }
        for (double c : h.customValues()) {
            b.addCustomValues(c);
        }
        return b.build();
    }

    private static io.ignis.server.remote.proto.v2.BucketSpan span(Span s) {
        return io.ignis.server.remote.proto.v2.BucketSpan.newBuilder().setOffset(s.offset()).setLength(s.length())
                .build();
    }
}
