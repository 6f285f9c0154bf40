package io.ignis.server.federate;

import io.ignis.labels.Labels;
import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Span;
import io.ignis.scrape.textparse.proto.Bucket;
import io.ignis.scrape.textparse.proto.BucketSpan;
import io.ignis.scrape.textparse.proto.Histogram;
import io.ignis.scrape.textparse.proto.LabelPair;
import io.ignis.scrape.textparse.proto.Metric;
import io.ignis.scrape.textparse.proto.MetricFamily;
import io.ignis.scrape.textparse.proto.MetricType;
import io.ignis.scrape.textparse.proto.Untyped;
import io.ignis.server.federate.Exposition.Sample;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Writes federated samples as length-delimited {@code io.prometheus.client.MetricFamily} messages, the format a
 * Prometheus scraping native histograms asks for first. As Prometheus's federation: one family per run of samples
 * with the same name and kind (float, histogram, gauge histogram), floats as untyped, exponential histograms in
 * their native fields, custom-bucket ones as classic buckets (the {@code +Inf} bucket left implicit), the same
 * labels and external labels as the text format.
 */
final class ProtobufExposition implements Exposition {
    static final String CONTENT_TYPE = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; "
            + "encoding=delimited; escaping=underscores";

    private final Map<String, String> externalLabels;

    ProtobufExposition(Map<String, String> externalLabels) {
        this.externalLabels = externalLabels;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public void write(Iterable<Sample> samples, OutputStream out) throws IOException {
        MetricFamily.Builder family = null;
        String lastName = null;
        MetricType lastType = null;
        for (Sample s : samples) {
            String name = s.labels().get(Labels.METRIC_NAME);
            if (name == null || name.isEmpty()) {
                continue;
            }
            FloatHistogram h = s.histogram();
            MetricType type = h == null ? MetricType.UNTYPED
                    : h.counterResetHint() == CounterResetHint.GAUGE ? MetricType.GAUGE_HISTOGRAM
                    : MetricType.HISTOGRAM;
            if (family == null || !name.equals(lastName) || type != lastType) {
                if (family != null) {
                    family.build().writeDelimitedTo(out);
                }
                family = MetricFamily.newBuilder().setName(TextExposition.escapeName(name)).setType(type);
                lastName = name;
                lastType = type;
            }
            family.addMetric(metric(s, h));
        }
        if (family != null) {
            family.build().writeDelimitedTo(out);
        }
    }

    private Metric metric(Sample s, FloatHistogram h) {
        Metric.Builder m = Metric.newBuilder().setTimestampMs(s.t());
        Labels l = s.labels();
        for (int i = 0; i < l.size(); i++) {
            if (!l.name(i).equals(Labels.METRIC_NAME) && !l.value(i).isEmpty()) {
                m.addLabel(label(l.name(i), l.value(i)));
            }
        }
        for (Map.Entry<String, String> e : externalLabels.entrySet()) {
            String own = l.get(e.getKey());
            if (own == null || own.isEmpty()) {
                m.addLabel(label(e.getKey(), e.getValue()));
            }
        }
        if (h == null) {
            return m.setUntyped(Untyped.newBuilder().setValue(s.v())).build();
        }
        return m.setHistogram(h.schema() == TextExposition.CUSTOM_BUCKETS_SCHEMA ? classic(h) : nativeHistogram(h))
                .build();
    }

    private static LabelPair label(String name, String value) {
        return LabelPair.newBuilder().setName(TextExposition.escapeName(name)).setValue(value).build();
    }

    private static Histogram nativeHistogram(FloatHistogram h) {
        Histogram.Builder b = Histogram.newBuilder().setSampleCountFloat(h.count()).setSampleSum(h.sum())
                .setSchema(h.schema()).setZeroThreshold(h.zeroThreshold()).setZeroCountFloat(h.zeroCount());
        for (Span span : h.positiveSpans()) {
            b.addPositiveSpan(BucketSpan.newBuilder().setOffset(span.offset()).setLength(span.length()));
        }
        for (double c : h.positiveBuckets()) {
            b.addPositiveCount(c);
        }
        for (Span span : h.negativeSpans()) {
            b.addNegativeSpan(BucketSpan.newBuilder().setOffset(span.offset()).setLength(span.length()));
        }
        for (double c : h.negativeBuckets()) {
            b.addNegativeCount(c);
        }
        return b.build();
    }

    /** Cumulative buckets at each custom bound, as Prometheus converts a custom-bucket histogram for federation. */
    private static Histogram classic(FloatHistogram h) {
        Histogram.Builder b = Histogram.newBuilder().setSampleCountFloat(h.count()).setSampleSum(h.sum());
        double[] bounds = h.customValues();
        double[] perBucket = new double[bounds.length];
        int idx = 0;
        int k = 0;
        for (Span span : h.positiveSpans()) {
            idx += span.offset();
            for (int j = 0; j < span.length() && k < h.positiveBuckets().length; j++, idx++, k++) {
                if (idx < perBucket.length) {
                    perBucket[idx] += h.positiveBuckets()[k];
                }
            }
        }
        double cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += perBucket[i];
            b.addBucket(Bucket.newBuilder().setUpperBound(bounds[i]).setCumulativeCountFloat(cumulative));
        }
        return b.build();
    }
}
