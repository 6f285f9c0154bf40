package io.ignis.server.federate;

import io.ignis.labels.Labels;
import io.ignis.model.FloatHistogram;
import io.ignis.promql.ast.GoFormat;
import io.ignis.server.federate.Exposition.Sample;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes federated samples in the text format 0.0.4 as Prometheus's encoder does: one {@code # TYPE <name>
 * untyped} (or {@code histogram}) line per run of samples with the same name and kind, then
 * {@code name{labels} value timestamp}. Labels with an
 * empty value are left out; external labels the series does not carry are appended in name order.
 */
final class TextExposition implements Exposition {
    static final int CUSTOM_BUCKETS_SCHEMA = -53;
    /** 8 Ki characters: a few lines per write, so the output stream sees few, large writes. */
    private static final int FLUSH_CHARS = 8192;
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8; escaping=underscores";

    private final Map<String, String> externalLabels;

    TextExposition(Map<String, String> externalLabels) {
        this.externalLabels = externalLabels;
    }

    /** Writes the samples to {@code out}, a few KiB at a time. */
    @Override
    public void write(Iterable<Sample> samples, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder(FLUSH_CHARS + 1024);
        String lastName = null;
        boolean lastWasHistogram = false;
        for (Sample s : samples) {
            String name = s.labels().get(Labels.METRIC_NAME);
            FloatHistogram h = s.histogram();
            // Exponential native histograms need protobuf; custom-bucket ones go out as classic histograms.
            if (h != null && h.schema() != CUSTOM_BUCKETS_SCHEMA || name == null || name.isEmpty()) {
                continue;
            }
            if (!name.equals(lastName) || lastWasHistogram != (h != null)) {
                sb.append("# TYPE ").append(escapeName(name)).append(h != null ? " histogram\n" : " untyped\n");
                lastName = name;
                lastWasHistogram = h != null;
            }
            if (h == null) {
                writeSample(sb, escapeName(name), s.labels(), null, formatValue(s.v()), s.t());
            } else {
                writeClassicHistogram(sb, escapeName(name), s.labels(), h, s.t());
            }
            if (sb.length() >= FLUSH_CHARS) {
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                sb.setLength(0);
            }
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    /**
     * A custom-bucket histogram as Prometheus's federation converts it: cumulative {@code _bucket} lines per
     * bound plus {@code le="+Inf"}, then {@code _sum} and {@code _count}.
     */
    private void writeClassicHistogram(StringBuilder sb, String name, Labels l, FloatHistogram h, long t) {
        double[] bounds = h.customValues();
        double[] perBucket = new double[bounds.length + 1];
        int k = 0;
        int idx = 0;
        for (io.ignis.model.Span span : h.positiveSpans()) {
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
            writeSample(sb, name + "_bucket", l, formatValue(bounds[i]), formatValue(cumulative), t);
        }
        if (bounds.length == 0 || bounds[bounds.length - 1] != Double.POSITIVE_INFINITY) {
            writeSample(sb, name + "_bucket", l, "+Inf", formatValue(h.count()), t);
        }
        writeSample(sb, name + "_sum", l, null, formatValue(h.sum()), t);
        writeSample(sb, name + "_count", l, null, formatValue(h.count()), t);
    }

    private void writeSample(StringBuilder sb, String name, Labels l, String le, String value, long t) {
        sb.append(name).append('{');
        boolean first = true;
        for (int i = 0; i < l.size(); i++) {
            if (l.name(i).equals(Labels.METRIC_NAME) || l.value(i).isEmpty()) {
                continue;
            }
            first = label(sb, first, l.name(i), l.value(i));
        }
        for (Map.Entry<String, String> e : externalLabels.entrySet()) {
            String own = l.get(e.getKey());
            if (own == null || own.isEmpty()) {
                first = label(sb, first, e.getKey(), e.getValue());
            }
        }
        if (le != null) {
            first = label(sb, first, "le", le);
        }
        sb.append("} ").append(value).append(' ').append(t).append('\n');
    }

    private static boolean label(StringBuilder sb, boolean first, String name, String value) {
        if (!first) {
            sb.append(',');
        }
        sb.append(escapeName(name)).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        sb.append('"');
        return false;
    }

    /** The text format's float: 1, 0, -1 as integers, else Go's shortest {@code 'g'} form; NaN, +Inf, -Inf. */
    static String formatValue(double v) {
        return GoFormat.formatFloatV(v);
    }

    /**
     * Prometheus's underscore escaping for names the legacy charset cannot carry: each other character becomes
     * {@code _}, and a leading digit gets a {@code _} in front.
     */
    static String escapeName(String name) {
        StringBuilder sb = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (i > 0 && c >= '0' && c <= '9');
            if (!ok && sb == null) {
                sb = new StringBuilder(name.length() + 1).append(name, 0, i);
            }
            if (sb != null) {
                if (!ok && i == 0 && c >= '0' && c <= '9') {
                    sb.append('_').append(c);
                } else {
                    sb.append(ok ? c : '_');
                }
            }
        }
        return sb == null ? name : sb.toString();
    }
}
