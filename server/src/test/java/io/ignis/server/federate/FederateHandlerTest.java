package io.ignis.server.federate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.model.StaleNaN;
import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import io.ignis.storage.Appender;
import io.ignis.tsdb.Head;
import io.ignis.tsdb.HeadOptions;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Federation output over a head loaded with one sample per minute for 100 minutes, read at minute 101 with a
 * 5 minute lookback: the same scenarios Prometheus's own federation test uses, written as our table.
 */
class FederateHandlerTest {
    private static final long MINUTE = 60_000;
    private static final Head HEAD = Head.inMemory(HeadOptions.defaults().withStripeSize(16));

    /** Appended minute by minute across all series, since the head refuses samples far behind its newest. */
    @BeforeAll
    static void load() {
        Labels stale = Labels.of("__name__", "test_metric_stale");
        for (int i = 0; i <= 100; i++) {
            Appender a = HEAD.appender();
            long t = i * MINUTE;
            a.append(0, Labels.of("__name__", "test_metric1", "foo", "bar", "instance", "i"), t, 100.0 * i);
            a.append(0, Labels.of("__name__", "test_metric1", "foo", "boo", "instance", "i"), t, 1);
            a.append(0, Labels.of("__name__", "test_metric2", "foo", "boo", "instance", "i"), t, 1);
            a.append(0, Labels.of("__name__", "test_metric_without_labels"), t, 1 + 10.0 * i);
            a.append(0, stale, t, i < 100 ? 1 + 10.0 * i : StaleNaN.VALUE);
            if (i <= 98) {
                a.append(0, Labels.of("__name__", "test_metric_old"), t, 1 + 10.0 * i);
            }
            a.append(0, Labels.of("foo", "nameless"), t, 1);
            a.commit();
        }
    }

    record Case(String name, String params, Labels external, int status, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> scenarios() {
        String metric1 = "# TYPE test_metric1 untyped\n"
                + "test_metric1{foo=\"bar\",instance=\"i\"} 10000 6000000\n"
                + "test_metric1{foo=\"boo\",instance=\"i\"} 1 6000000\n";
        String metric2 = "# TYPE test_metric2 untyped\n"
                + "test_metric2{foo=\"boo\",instance=\"i\"} 1 6000000\n";
        String old = "# TYPE test_metric_old untyped\ntest_metric_old{instance=\"\"} 981 5880000\n";
        String noLabels = "# TYPE test_metric_without_labels untyped\n"
                + "test_metric_without_labels{instance=\"\"} 1001 6000000\n";
        Labels none = Labels.EMPTY;
        return Stream.of(
                new Case("empty", "", none, 200, ""),
                new Case("match nothing", "match[]=does_not_match_anything", none, 200, ""),
                new Case("invalid from the beginning", "match[]=-not-a-valid-metric-name", none, 400,
                        "1:1: parse error: unexpected <op:->\n"),
                new Case("invalid in the middle", "match[]=not-a-valid-metric-name", none, 400,
                        "1:4: parse error: unexpected <op:->\n"),
                new Case("test_metric1", "match[]=test_metric1", none, 200, metric1),
                new Case("test_metric2", "match[]=test_metric2", none, 200, metric2),
                new Case("without labels", "match[]=test_metric_without_labels", none, 200, noLabels),
                new Case("stale series skipped", "match[]=test_metric_stale", none, 200, ""),
                new Case("old sample within lookback", "match[]=test_metric_old", none, 200, old),
                new Case("by label", "match[]={foo='boo'}", none, 200,
                        "# TYPE test_metric1 untyped\ntest_metric1{foo=\"boo\",instance=\"i\"} 1 6000000\n" + metric2),
                new Case("two matchers", "match[]=test_metric1&match[]=test_metric2", none, 200, metric1 + metric2),
                new Case("two matchers with overlap", "match[]={__name__=~'test_metric1'}&match[]={foo='bar'}",
                        none, 200, metric1),
                new Case("everything", "match[]={__name__=~'.%2b'}", none, 200, metric1 + metric2 + old + noLabels),
                new Case("empty value matches missing label", "match[]={foo='',__name__=~'.%2b'}", none, 200,
                        old + noLabels),
                new Case("external labels added unless present", "match[]={__name__=~'.%2b'}",
                        Labels.of("foo", "baz", "zone", "ie"), 200,
                        "# TYPE test_metric1 untyped\n"
                                + "test_metric1{foo=\"bar\",instance=\"i\",zone=\"ie\"} 10000 6000000\n"
                                + "test_metric1{foo=\"boo\",instance=\"i\",zone=\"ie\"} 1 6000000\n"
                                + "# TYPE test_metric2 untyped\n"
                                + "test_metric2{foo=\"boo\",instance=\"i\",zone=\"ie\"} 1 6000000\n"
                                + "# TYPE test_metric_old untyped\n"
                                + "test_metric_old{foo=\"baz\",instance=\"\",zone=\"ie\"} 981 5880000\n"
                                + "# TYPE test_metric_without_labels untyped\n"
                                + "test_metric_without_labels{foo=\"baz\",instance=\"\",zone=\"ie\"} 1001 6000000\n"),
                new Case("instance as external label", "match[]={__name__=~'.%2b'}", Labels.of("instance", "baz"),
                        200, metric1 + metric2
                                + "# TYPE test_metric_old untyped\ntest_metric_old{instance=\"baz\"} 981 5880000\n"
                                + "# TYPE test_metric_without_labels untyped\n"
                                + "test_metric_without_labels{instance=\"baz\"} 1001 6000000\n"),
                new Case("nameless series skipped", "match[]={foo='nameless'}", none, 200, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void federatesAsPrometheus(Case c) {
        FederateHandler h = new FederateHandler(HEAD, () -> 101 * MINUTE, 5 * MINUTE, c::external);
        Response r = h.handle(request("/federate?" + c.params()));
        assertThat(r.bodyText()).isEqualTo(c.body());
        assertThat(r.status()).isEqualTo(c.status());
        if (c.status() == 200) {
            assertThat(r.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8; escaping=underscores");
        }
    }

    @Test
    void noSampleAfterNow() {
        FederateHandler h = new FederateHandler(HEAD, () -> 50 * MINUTE + 1, 5 * MINUTE, () -> Labels.EMPTY);
        Response r = h.handle(request("/federate?match[]=test_metric2"));
        assertThat(r.bodyText()).isEqualTo("# TYPE test_metric2 untyped\n"
                + "test_metric2{foo=\"boo\",instance=\"i\"} 1 3000000\n");
    }

    @Test
    void formatsValuesAndEscapesAsTheTextFormat() throws Exception {
        assertThat(TextExposition.formatValue(1e6)).isEqualTo("1e+06");
        assertThat(TextExposition.formatValue(123456.5)).isEqualTo("123456.5");
        assertThat(TextExposition.formatValue(Double.NaN)).isEqualTo("NaN");
        assertThat(TextExposition.formatValue(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(TextExposition.formatValue(0.0001)).isEqualTo("0.0001");
        assertThat(TextExposition.formatValue(0.00001)).isEqualTo("1e-05");
        assertThat(TextExposition.escapeName("my.metric")).isEqualTo("my_metric");
        assertThat(TextExposition.escapeName("1abc")).isEqualTo("_1abc");
        String out = render(new TextExposition(Map.of()), java.util.List.of(new Exposition.Sample(
                Labels.of("__name__", "m", "path", "a\\b\"c\nd"), 5, 2, null)));
        assertThat(out)
                .isEqualTo("# TYPE m untyped\nm{path=\"a\\\\b\\\"c\\nd\"} 2 5\n");
    }

    @Test
    void customBucketHistogramsAsClassicOnesExponentialSkipped() throws Exception {
        io.ignis.model.FloatHistogram nhcb = new io.ignis.model.FloatHistogram(
                io.ignis.model.CounterResetHint.UNKNOWN, -53, 0, 0, 7, 3.5,
                new io.ignis.model.Span[] {new io.ignis.model.Span(0, 2), new io.ignis.model.Span(1, 1)},
                new double[] {1, 2, 4}, new io.ignis.model.Span[0], new double[0], new double[] {0.1, 1});
        io.ignis.model.FloatHistogram exponential = new io.ignis.model.FloatHistogram(
                io.ignis.model.CounterResetHint.UNKNOWN, 0, 0, 0, 1, 1,
                new io.ignis.model.Span[] {new io.ignis.model.Span(0, 1)}, new double[] {1},
                new io.ignis.model.Span[0], new double[0], new double[0]);
        Labels l = Labels.of("__name__", "rpc", "job", "a");
        String out = render(new TextExposition(new java.util.TreeMap<>(Map.of("instance", ""))), java.util.List.of(
                new Exposition.Sample(l, 1000, 5, null),
                new Exposition.Sample(l, 2000, 0, nhcb),
                new Exposition.Sample(Labels.of("__name__", "rpc_native"), 2000, 0, exponential)));
        assertThat(out).isEqualTo(
                "# TYPE rpc untyped\n"
                        + "rpc{job=\"a\",instance=\"\"} 5 1000\n"
                        + "# TYPE rpc histogram\n"
                        + "rpc_bucket{job=\"a\",instance=\"\",le=\"0.1\"} 1 2000\n"
                        + "rpc_bucket{job=\"a\",instance=\"\",le=\"1\"} 3 2000\n"
                        + "rpc_bucket{job=\"a\",instance=\"\",le=\"+Inf\"} 7 2000\n"
                        + "rpc_sum{job=\"a\",instance=\"\"} 3.5 2000\n"
                        + "rpc_count{job=\"a\",instance=\"\"} 7 2000\n");
    }

    private static String render(Exposition format, java.util.List<Exposition.Sample> samples) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        format.write(samples, out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Request request(String uri) {
        QueryStringDecoder q = new QueryStringDecoder(uri);
        return new Request("GET", q.path(), q.parameters(), Map.of(), Map.of(), new byte[0]);
    }
}
