package io.ignis.bench.scrape;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.model.MetricType;
import io.ignis.scrape.textparse.Entry;
import io.ignis.scrape.textparse.Parser;
import io.ignis.scrape.textparse.PromParser;
import io.ignis.scrape.textparse.proto.Bucket;
import io.ignis.scrape.textparse.proto.Counter;
import io.ignis.scrape.textparse.proto.Gauge;
import io.ignis.scrape.textparse.proto.LabelPair;
import io.ignis.scrape.textparse.proto.Metric;
import io.ignis.scrape.textparse.proto.MetricFamily;
import io.ignis.scrape.textparse.proto.Quantile;
import io.ignis.scrape.textparse.proto.Summary;
import io.ignis.scrape.textparse.proto.Untyped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node-exporter-shaped scrape ({@link NodeExporterText}) in each exposition format a scraper negotiates, with
 * the Content-Type the target would send: the Prometheus text as written; OpenMetrics 1.0 (counter families named
 * without {@code _total}, {@code unknown} for {@code untyped}, {@code # EOF}); and delimited protobuf
 * {@code MetricFamily} messages, one per family, summaries and histograms folded into one metric per label set as
 * client_golang writes them. Every format carries the same samples.
 */
public enum ExpositionBodies {
    TEXT("text/plain; version=0.0.4; charset=utf-8"),
    OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    PROTOBUF("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited");

    private final String contentType;

    ExpositionBodies(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** The body for a host with about {@code series} series; {@code variant} shifts the values as a later scrape. */
    public byte[] render(int series, int variant) {
        String text = NodeExporterText.render(NodeExporterText.coresFor(series), variant);
        return switch (this) {
            case TEXT -> text.getBytes(StandardCharsets.UTF_8);
            case OPENMETRICS -> openMetrics(text).getBytes(StandardCharsets.UTF_8);
            case PROTOBUF -> protobuf(text.getBytes(StandardCharsets.UTF_8));
        };
    }

    static String openMetrics(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 64);
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] f = line.split(" ");
                boolean counter = f[3].equals("counter") && f[2].endsWith("_total");
                sb.append("# TYPE ").append(counter ? strip(f[2]) : f[2]).append(' ')
                        .append(f[3].equals("untyped") ? "unknown" : f[3]).append('\n');
            } else if (line.startsWith("# HELP ")) {
                // HELP comes before TYPE: whether the family is a counter is looked up in the whole body.
                int sp = line.indexOf(' ', 7);
                String name = line.substring(7, sp);
                boolean counter = name.endsWith("_total") && text.contains("# TYPE " + name + " counter\n");
                sb.append("# HELP ").append(counter ? strip(name) : name).append(line, sp, line.length()).append('\n');
            } else {
                sb.append(line).append('\n');
            }
        }
        return sb.append("# EOF\n").toString();
    }

    private static String strip(String name) {
        return name.substring(0, name.length() - "_total".length());
    }

    /** Delimited MetricFamily messages with the families, metrics and values the text body holds. */
    static byte[] protobuf(byte[] text) {
        Parser p = new PromParser(text, 0, text.length);
        LabelsBuilder lb = new LabelsBuilder();
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length);
        MetricFamily.Builder family = null;
        MetricType type = MetricType.UNKNOWN;
        Map<String, Metric.Builder> folded = new LinkedHashMap<>();
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            switch (e) {
                case HELP -> {
                    flush(family, folded, out);
                    family = MetricFamily.newBuilder().setName(p.metricFamily()).setHelp(p.help());
                    folded.clear();
                }
                case TYPE -> {
                    type = p.type();
                    family.setType(switch (type) {
                        case COUNTER -> io.ignis.scrape.textparse.proto.MetricType.COUNTER;
                        case GAUGE -> io.ignis.scrape.textparse.proto.MetricType.GAUGE;
                        case SUMMARY -> io.ignis.scrape.textparse.proto.MetricType.SUMMARY;
                        case HISTOGRAM -> io.ignis.scrape.textparse.proto.MetricType.HISTOGRAM;
                        default -> io.ignis.scrape.textparse.proto.MetricType.UNTYPED;
                    });
                }
                case SERIES -> {
                    p.labels(lb);
                    Labels l = lb.build();
                    double v = p.value();
                    if (type == MetricType.SUMMARY || type == MetricType.HISTOGRAM) {
                        fold(family.getName(), type, l, v, folded);
                    } else {
                        Metric.Builder m = Metric.newBuilder();
                        addLabels(m, l, null);
                        switch (type) {
                            case COUNTER -> m.setCounter(Counter.newBuilder().setValue(v));
                            case GAUGE -> m.setGauge(Gauge.newBuilder().setValue(v));
                            default -> m.setUntyped(Untyped.newBuilder().setValue(v));
                        }
                        family.addMetric(m);
                    }
                }
                default -> {
                }
            }
        }
        flush(family, folded, out);
        return out.toByteArray();
    }

    private static void fold(String name, MetricType type, Labels l, double v, Map<String, Metric.Builder> folded) {
        String special = type == MetricType.SUMMARY ? "quantile" : "le";
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < l.size(); i++) {
            if (!l.name(i).equals(special) && !l.name(i).equals(Labels.METRIC_NAME)) {
                key.append(l.name(i)).append('=').append(l.value(i)).append(',');
            }
        }
        Metric.Builder m = folded.computeIfAbsent(key.toString(), k -> {
            Metric.Builder b = Metric.newBuilder();
            addLabels(b, l, special);
            return b;
        });
        String metric = l.metricName();
        if (type == MetricType.SUMMARY) {
            Summary.Builder s = m.getSummaryBuilder();
            if (metric.equals(name + "_sum")) {
                s.setSampleSum(v);
            } else if (metric.equals(name + "_count")) {
                s.setSampleCount((long) v);
            } else {
                s.addQuantile(Quantile.newBuilder().setQuantile(Double.parseDouble(l.get("quantile"))).setValue(v));
            }
        } else {
            io.ignis.scrape.textparse.proto.Histogram.Builder h = m.getHistogramBuilder();
            if (metric.equals(name + "_sum")) {
                h.setSampleSum(v);
            } else if (metric.equals(name + "_count")) {
                h.setSampleCount((long) v);
            } else {
                double le = Double.parseDouble(l.get("le").replace("+Inf", "Infinity"));
                if (!Double.isInfinite(le)) {
                    // The +Inf bucket is implied by the count, as client_golang leaves it out.
                    h.addBucket(Bucket.newBuilder().setUpperBound(le).setCumulativeCount((long) v));
                }
            }
        }
    }

    private static void addLabels(Metric.Builder m, Labels l, String skip) {
        for (int i = 0; i < l.size(); i++) {
            String n = l.name(i);
            if (!n.equals(Labels.METRIC_NAME) && !n.equals(skip)) {
                m.addLabel(LabelPair.newBuilder().setName(n).setValue(l.value(i)));
            }
        }
    }

    private static void flush(MetricFamily.Builder family, Map<String, Metric.Builder> folded,
            ByteArrayOutputStream out) {
        if (family == null) {
            return;
        }
        for (Metric.Builder m : folded.values()) {
            family.addMetric(m);
        }
        try {
            family.build().writeDelimitedTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
