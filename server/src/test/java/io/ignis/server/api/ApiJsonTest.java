package io.ignis.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ignis.labels.Labels;
import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Span;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Series;
import io.ignis.promql.value.Vector;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The value encodings of Prometheus's JSON: timestamps, floats, strings, native histograms. */
class ApiJsonTest {
    private interface Body {
        void write(JsonGenerator g) throws Exception;
    }

    private static String json(Body body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = ApiJson.generator(out)) {
            body.write(g);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void timestampsAsJsonutil() {
        assertThat(ApiJson.timestampText(1_435_781_451_781L)).isEqualTo("1435781451.781");
        assertThat(ApiJson.timestampText(1_435_781_451_000L)).isEqualTo("1435781451");
        assertThat(ApiJson.timestampText(1_435_781_451_500L)).isEqualTo("1435781451.500");
        assertThat(ApiJson.timestampText(1_435_781_451_050L)).isEqualTo("1435781451.050");
        assertThat(ApiJson.timestampText(5L)).isEqualTo("0.005");
        assertThat(ApiJson.timestampText(-1_500L)).isEqualTo("-1.500");
        assertThat(ApiJson.timestampText(0)).isEqualTo("0");
    }

    @Test
    void sampleValuesAsMarshalFloat() {
        assertThat(ApiJson.formatSampleValue(1)).isEqualTo("1");
        assertThat(ApiJson.formatSampleValue(0.1)).isEqualTo("0.1");
        assertThat(ApiJson.formatSampleValue(1e-6)).isEqualTo("0.000001");
        assertThat(ApiJson.formatSampleValue(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(ApiJson.formatSampleValue(1e20)).isEqualTo("100000000000000000000");
        assertThat(ApiJson.formatSampleValue(1e21)).isEqualTo("1e+21");
        assertThat(ApiJson.formatSampleValue(-2.5e300)).isEqualTo("-2.5e+300");
        assertThat(ApiJson.formatSampleValue(Double.NaN)).isEqualTo("NaN");
        assertThat(ApiJson.formatSampleValue(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(ApiJson.formatSampleValue(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(ApiJson.formatSampleValue(0)).isEqualTo("0");
        assertThat(ApiJson.formatExponent(1)).isEqualTo("1e+00");
        assertThat(ApiJson.formatExponent(2.5)).isEqualTo("2.5e+00");
        assertThat(ApiJson.formatExponent(1234.5)).isEqualTo("1.2345e+03");
    }

    @Test
    void goNumbers() throws Exception {
        assertThat(json(g -> ApiJson.goNumber(g, 0.000123))).isEqualTo("0.000123");
        assertThat(json(g -> ApiJson.goNumber(g, 1.5e-7))).isEqualTo("1.5e-7");
        assertThat(json(g -> ApiJson.goNumber(g, 1700000000.123))).isEqualTo("1700000000.123");
    }

    @Test
    void stringsEscapedAsGo() throws Exception {
        assertThat(json(g -> g.writeString("<a href=\"x\">&\u2028\u0001\n\t</a>")))
                .isEqualTo("\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u2028\\u0001\\n\\t\\u003c/a\\u003e\"");
        assertThat(json(g -> ApiJson.labels(g, Labels.of("b", "2", "a", "1"))))
                .isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
    }

    private static FloatHistogram exponential() {
        return new FloatHistogram(CounterResetHint.UNKNOWN, 0, 0.001, 3, 10, 12.5,
                new Span[] {new Span(0, 2), new Span(1, 1)}, new double[] {1, 2, 0},
                new Span[] {new Span(0, 1)}, new double[] {4}, new double[0]);
    }

    @Test
    void exponentialHistogram() throws Exception {
        assertThat(json(g -> ApiJson.histogram(g, exponential()))).isEqualTo("{\"count\":\"10\",\"sum\":\"12.5\","
                + "\"buckets\":[[1,\"-1\",\"-0.5\",\"4\"],[3,\"-0.001\",\"0.001\",\"3\"],"
                + "[0,\"0.5\",\"1\",\"1\"],[0,\"1\",\"2\",\"2\"]]}");
    }

    @Test
    void higherSchemaBounds() throws Exception {
        FloatHistogram h = new FloatHistogram(CounterResetHint.UNKNOWN, 3, 0, 0, 1, 1,
                new Span[] {new Span(1, 1)}, new double[] {1}, new Span[0], new double[0], new double[0]);
        assertThat(json(g -> ApiJson.histogram(g, h))).isEqualTo("{\"count\":\"1\",\"sum\":\"1\","
                + "\"buckets\":[[0,\"1\",\"1.0905077326652577\",\"1\"]]}");
    }

    @Test
    void customBucketsHistogram() throws Exception {
        FloatHistogram h = new FloatHistogram(CounterResetHint.UNKNOWN, -53, 0, 0, 3, 2,
                new Span[] {new Span(0, 3)}, new double[] {1, 0, 2}, new Span[0], new double[0],
                new double[] {0.1, 1});
        assertThat(json(g -> ApiJson.histogram(g, h))).isEqualTo("{\"count\":\"3\",\"sum\":\"2\","
                + "\"buckets\":[[3,\"-Inf\",\"0.1\",\"1\"],[0,\"1\",\"+Inf\",\"2\"]]}");
    }

    @Test
    void emptyHistogramHasNoBuckets() throws Exception {
        FloatHistogram h = new FloatHistogram(CounterResetHint.UNKNOWN, 0, 0.001, 0, 0, 0, new Span[0],
                new double[0], new Span[0], new double[0], new double[0]);
        assertThat(json(g -> ApiJson.histogram(g, h))).isEqualTo("{\"count\":\"0\",\"sum\":\"0\"}");
    }

    /** The head cannot store histograms yet, so the result writer gets engine values directly. */
    @Test
    void histogramSamplesInVectorsAndMatrices() throws Exception {
        Labels l = Labels.of("__name__", "latency");
        Vector v = new Vector();
        v.addHistogram(l, ApiFixture.T0, exponential(), false);
        assertThat(json(g -> QueryResultJson.write(g, v, 0))).isEqualTo("[{\"metric\":{\"__name__\":\"latency\"},"
                + "\"histogram\":[1700000000,{\"count\":\"10\",\"sum\":\"12.5\",\"buckets\":[[1,\"-1\",\"-0.5\",\"4\"],"
                + "[3,\"-0.001\",\"0.001\",\"3\"],[0,\"0.5\",\"1\",\"1\"],[0,\"1\",\"2\",\"2\"]]}]}]");
        Series s = new Series(l);
        s.floats().add(ApiFixture.T0, 1);
        s.histograms().add(ApiFixture.T0 + 1000, exponential());
        Matrix m = new Matrix();
        m.add(s);
        assertThat(json(g -> QueryResultJson.write(g, m, 0))).startsWith("[{\"metric\":{\"__name__\":\"latency\"},"
                + "\"values\":[[1700000000,\"1\"]],\"histograms\":[[1700000001,{\"count\":\"10\",");
        assertThat(QueryResultJson.resultType(m)).isEqualTo("matrix");
    }
}
