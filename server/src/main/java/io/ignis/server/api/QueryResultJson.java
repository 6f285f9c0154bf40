package io.ignis.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ignis.promql.ast.GoFormat;
import io.ignis.promql.value.FloatPoints;
import io.ignis.promql.value.HistogramPoints;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Scalar;
import io.ignis.promql.value.Series;
import io.ignis.promql.value.StringValue;
import io.ignis.promql.value.Value;
import io.ignis.promql.value.Vector;
import java.io.IOException;

/**
 * Streams a query result as Prometheus's JSON codec does: vectors as {@code {"metric":…,"value":[t,"v"]}} (or
 * {@code "histogram"}), matrices as {@code {"metric":…,"values":[…],"histograms":[…]}} with empty lists left out,
 * scalars and strings as {@code [t,"v"]} with the time as a Go float. {@code limit} > 0 keeps the first series only.
 */
final class QueryResultJson {
    private QueryResultJson() {
    }

    /** Prometheus's {@code resultType} name. */
    static String resultType(Value v) {
        if (v instanceof Vector) {
            return "vector";
        }
        if (v instanceof Matrix) {
            return "matrix";
        }
        return v instanceof Scalar ? "scalar" : "string";
    }

    /** How many series a limit would cut, 0 when none. */
    static int truncated(Value v, int limit) {
        int n = v instanceof Vector vec ? vec.size() : v instanceof Matrix m ? m.size() : 0;
        return limit > 0 && n > limit ? n - limit : 0;
    }

    static void write(JsonGenerator g, Value v, int limit) throws IOException {
        if (v instanceof Vector vec) {
            vector(g, vec, limit);
        } else if (v instanceof Matrix m) {
            matrix(g, m, limit);
        } else if (v instanceof Scalar s) {
            pair(g, s.t(), GoFormat.formatFloat(s.v()));
        } else if (v instanceof StringValue s) {
            pair(g, s.t(), s.v());
        }
    }

    private static int cap(int n, int limit) {
        return limit > 0 ? Math.min(n, limit) : n;
    }

    private static void vector(JsonGenerator g, Vector v, int limit) throws IOException {
        g.writeStartArray();
        for (int i = 0, n = cap(v.size(), limit); i < n; i++) {
            g.writeStartObject();
            g.writeFieldName("metric");
            ApiJson.labels(g, v.labels(i));
            g.writeFieldName(v.isHistogram(i) ? "histogram" : "value");
            g.writeStartArray();
            ApiJson.timestamp(g, v.t(i));
            if (v.isHistogram(i)) {
                ApiJson.histogram(g, v.histogram(i));
            } else {
                ApiJson.sampleValue(g, v.v(i));
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void matrix(JsonGenerator g, Matrix m, int limit) throws IOException {
        g.writeStartArray();
        for (int i = 0, n = cap(m.size(), limit); i < n; i++) {
            Series s = m.get(i);
            g.writeStartObject();
            g.writeFieldName("metric");
            ApiJson.labels(g, s.labels());
            FloatPoints fs = s.floats();
            if (!fs.isEmpty()) {
                g.writeArrayFieldStart("values");
                for (int j = 0; j < fs.size(); j++) {
                    g.writeStartArray();
                    ApiJson.timestamp(g, fs.t(j));
                    ApiJson.sampleValue(g, fs.v(j));
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            HistogramPoints hs = s.histograms();
            if (!hs.isEmpty()) {
                g.writeArrayFieldStart("histograms");
                for (int j = 0; j < hs.size(); j++) {
                    g.writeStartArray();
                    ApiJson.timestamp(g, hs.t(j));
                    ApiJson.histogram(g, hs.h(j));
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void pair(JsonGenerator g, long t, String v) throws IOException {
        g.writeStartArray();
        ApiJson.goNumber(g, t / 1000.0);
        g.writeString(v);
        g.writeEndArray();
    }
}
