package io.ignis.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ignis.labels.Labels;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Span;
import io.ignis.promql.ast.GoFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;

/**
 * The value encodings of Prometheus's API JSON, written straight to a {@link JsonGenerator}: timestamps as
 * seconds with a {@code .mmm} fraction only when the milliseconds are not zero (Prometheus's jsonutil), sample
 * values as strings, label sets as objects, native histograms with their non-empty buckets.
 */
public final class ApiJson {
    private static final JsonFactory FACTORY = generatorFactory();

    private ApiJson() {
    }

    /** The factory behind {@link #generator}, for an ObjectMapper that must escape the same way. */
    static JsonFactory generatorFactory() {
        JsonFactory f = new JsonFactory();
        f.setCharacterEscapes(GoJsonEscapes.INSTANCE);
        return f;
    }

    /** A generator that escapes like Go's encoder; the caller closes it. */
    public static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    /** Milliseconds as {@code 1435781451.781}, {@code 1435781451} or {@code -0.5} (jsonutil.MarshalTimestamp). */
    public static void timestamp(JsonGenerator g, long t) throws IOException {
        g.writeRawValue(timestampText(t));
    }

    static String timestampText(long t) {
        StringBuilder sb = new StringBuilder(20);
        if (t < 0) {
            sb.append('-');
            t = -t;
        }
        sb.append(t / 1000);
        long fraction = t % 1000;
        if (fraction != 0) {
            sb.append('.');
            if (fraction < 100) {
                sb.append('0');
            }
            if (fraction < 10) {
                sb.append('0');
            }
            sb.append(fraction);
        }
        return sb.toString();
    }

    /** A sample value as a JSON string (jsonutil.MarshalFloat). */
    public static void sampleValue(JsonGenerator g, double v) throws IOException {
        g.writeString(formatSampleValue(v));
    }

    /**
     * Go's {@code strconv.AppendFloat(v, fmt, -1, 64)} with {@code fmt} 'e' below 1e-6 and from 1e21, else 'f';
     * "NaN", "+Inf", "-Inf" as Prometheus writes them.
     */
    public static String formatSampleValue(double v) {
        double abs = Math.abs(v);
        if (abs != 0 && !Double.isNaN(v) && !Double.isInfinite(v) && (abs < 1e-6 || abs >= 1e21)) {
            return exponent(v, 2);
        }
        return GoFormat.formatFloat(v);
    }

    /** A float as Go's {@code encoding/json} writes a float64 number (stats timings, scalar timestamps). */
    public static void goNumber(JsonGenerator g, double v) throws IOException {
        double abs = Math.abs(v);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            g.writeRawValue(exponent(v, 1));
        } else {
            g.writeRawValue(GoFormat.formatFloat(v));
        }
    }

    /** Go's {@code strconv.FormatFloat(v, 'e', -1, 64)}: {@code 1e+00}, {@code 1.5e-07}, {@code NaN}, {@code +Inf}. */
    public static String formatExponent(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v == 0 ? (1 / v < 0 ? "-0e+00" : "0e+00") : GoFormat.formatFloat(v);
        }
        return exponent(v, 2);
    }

    /** Shortest-digit exponent form {@code 1.5e-07}; {@code minExpDigits} 2 as strconv, 1 as encoding/json. */
    private static String exponent(double v, int minExpDigits) {
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exp = d.precision() - d.scale() - 1;
        String digits = d.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder();
        if (v < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exp < 0 ? '-' : '+');
        String e = Integer.toString(Math.abs(exp));
        if (e.length() < minExpDigits) {
            sb.append('0');
        }
        return sb.append(e).toString();
    }

    /** A label set as an object in label order. */
    public static void labels(JsonGenerator g, Labels labels) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < labels.size(); i++) {
            g.writeStringField(labels.name(i), labels.value(i));
        }
        g.writeEndObject();
    }

    /** {@code {"count":"…","sum":"…","buckets":[[boundaries,"lower","upper","count"],…]}}, empty buckets left out. */
    public static void histogram(JsonGenerator g, FloatHistogram h) throws IOException {
        g.writeStartObject();
        g.writeFieldName("count");
        sampleValue(g, h.count());
        g.writeFieldName("sum");
        sampleValue(g, h.sum());
        BucketWriter buckets = new BucketWriter(g);
        writeNegative(buckets, h);
        if (h.schema() != HistogramBounds.CUSTOM_BUCKETS_SCHEMA && h.zeroCount() > 0) {
            buckets.write(3, -h.zeroThreshold(), h.zeroThreshold(), h.zeroCount());
        }
        writePositive(buckets, h);
        buckets.finish();
        g.writeEndObject();
    }

    /** Negative buckets from the largest absolute value towards zero, so bounds ascend. */
    private static void writeNegative(BucketWriter out, FloatHistogram h) throws IOException {
        int n = h.negativeBuckets().length;
        if (n == 0) {
            return;
        }
        int[] indexes = indexes(h.negativeSpans(), n);
        for (int i = n - 1; i >= 0; i--) {
            int idx = indexes[i];
            double lower = -HistogramBounds.bound(idx, h);
            double upper = -HistogramBounds.bound(idx - 1, h);
            if (upper < 0 && upper > -h.zeroThreshold()) {
                upper = -h.zeroThreshold();
            }
            out.write(bounds(lower, upper, h.schema(), idx), lower, upper, h.negativeBuckets()[i]);
        }
    }

    private static void writePositive(BucketWriter out, FloatHistogram h) throws IOException {
        int n = h.positiveBuckets().length;
        int[] indexes = indexes(h.positiveSpans(), n);
        for (int i = 0; i < n; i++) {
            int idx = indexes[i];
            double lower = HistogramBounds.bound(idx - 1, h);
            double upper = HistogramBounds.bound(idx, h);
            if (lower > 0 && lower < h.zeroThreshold()) {
                lower = h.zeroThreshold();
            }
            out.write(bounds(lower, upper, h.schema(), idx), lower, upper, h.positiveBuckets()[i]);
        }
    }

    /** Prometheus's boundary rule: 0 left-open, 1 right-open, 2 open, 3 closed. */
    private static int bounds(double lower, double upper, int schema, int idx) {
        boolean lowerInclusive;
        boolean upperInclusive;
        if (schema == HistogramBounds.CUSTOM_BUCKETS_SCHEMA) {
            lowerInclusive = idx == 0;
            upperInclusive = true;
        } else {
            lowerInclusive = lower < 0;
            upperInclusive = upper > 0;
        }
        if (lowerInclusive) {
            return upperInclusive ? 3 : 1;
        }
        return upperInclusive ? 0 : 2;
    }

    private static int[] indexes(Span[] spans, int n) {
        int[] out = new int[n];
        int k = 0;
        int idx = 0;
        for (Span s : spans) {
            idx += s.offset();
            for (int j = 0; j < s.length() && k < n; j++) {
                out[k++] = idx++;
            }
        }
        return out;
    }

    /** Opens the {@code buckets} array on the first non-empty bucket only, as Prometheus does. */
    private static final class BucketWriter {
        private final JsonGenerator g;
        private boolean open;

        BucketWriter(JsonGenerator g) {
            this.g = g;
        }

        void write(int boundaries, double lower, double upper, double count) throws IOException {
            if (count == 0) {
                return;
            }
            if (!open) {
                g.writeFieldName("buckets");
                g.writeStartArray();
                open = true;
            }
            g.writeStartArray();
            g.writeNumber(boundaries);
            sampleValue(g, lower);
            sampleValue(g, upper);
            sampleValue(g, count);
            g.writeEndArray();
        }

        void finish() throws IOException {
            if (open) {
                g.writeEndArray();
            }
        }
    }
}
