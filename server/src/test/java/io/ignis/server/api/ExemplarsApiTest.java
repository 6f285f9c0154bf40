package io.ignis.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.model.Exemplar;
import io.ignis.server.http.Response;
import io.ignis.storage.Appender;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden bodies of /api/v1/query_exemplars over exemplars committed to a head, and its errors, as Prometheus's. */
class ExemplarsApiTest {
    private static final long T0 = ApiFixture.T0;
    private static final Labels REQ_A = Labels.of("__name__", "req_total", "job", "a", "instance", "x:1");
    private static final Labels REQ_B = Labels.of("__name__", "req_total", "job", "b", "instance", "y:2");
    private static final Labels BUCKET = Labels.of("__name__", "latency_seconds_bucket", "job", "a", "le", "0.25");
    private static ApiFixture api;

    @BeforeAll
    static void load() {
        api = new ApiFixture();
        exemplar(REQ_A, T0, 1, new Exemplar(Labels.of("trace_id", "abc", "span_id", "s1"), 1, T0, true));
        exemplar(REQ_A, T0 + 15_000, 2, new Exemplar(Labels.of("trace_id", "def"), 2, T0 + 15_250, true));
        exemplar(REQ_B, T0 + 15_000, 7, new Exemplar(Labels.of("trace_id", "ghi"), 0.5, T0 + 15_000, false));
        exemplar(BUCKET, T0 + 30_000, 3, new Exemplar(Labels.of("trace_id", "q\"uote"), 0.000001, T0 + 30_001, true));
    }

    private static void exemplar(Labels series, long t, double v, Exemplar e) {
        Appender a = api.head.appender();
        long ref = a.append(0, series, t, v);
        a.appendExemplar(ref, series, e);
        a.commit();
    }

    record Case(String name, String uri, int status, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static String ok(String data) {
        return "{\"status\":\"success\",\"data\":" + data + "}";
    }

    private static String bad(String error) {
        return "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"" + error + "\"}";
    }

    private static final String A = "{\"seriesLabels\":{\"__name__\":\"req_total\",\"instance\":\"x:1\",\"job\":\"a\"},"
            + "\"exemplars\":[{\"labels\":{\"span_id\":\"s1\",\"trace_id\":\"abc\"},\"value\":\"1\","
            + "\"timestamp\":1700000000},{\"labels\":{\"trace_id\":\"def\"},\"value\":\"2\","
            + "\"timestamp\":1700000015.250}]}";
    private static final String B = "{\"seriesLabels\":{\"__name__\":\"req_total\",\"instance\":\"y:2\",\"job\":\"b\"},"
            + "\"exemplars\":[{\"labels\":{\"trace_id\":\"ghi\"},\"value\":\"0.5\",\"timestamp\":1700000015}]}";
    private static final String BUCKET_JSON = "{\"seriesLabels\":{\"__name__\":\"latency_seconds_bucket\","
            + "\"job\":\"a\",\"le\":\"0.25\"},\"exemplars\":[{\"labels\":{\"trace_id\":\"q\\\"uote\"},"
            + "\"value\":\"0.000001\",\"timestamp\":1700000030.001}]}";

    static Stream<Case> cases() {
        return Stream.of(
                new Case("one metric, all time", "/api/v1/query_exemplars?query=req_total", 200,
                        ok("[" + A + "," + B + "]")),
                new Case("time range in seconds, both ends inclusive", "/api/v1/query_exemplars?query=req_total"
                        + "&start=1700000015&end=1700000015.25", 200, ok("[{\"seriesLabels\":{\"__name__\":"
                        + "\"req_total\",\"instance\":\"x:1\",\"job\":\"a\"},\"exemplars\":[{\"labels\":{\"trace_id\":"
                        + "\"def\"},\"value\":\"2\",\"timestamp\":1700000015.250}]}," + B + "]")),
                new Case("every selector of the query, sorted by series", "/api/v1/query_exemplars?query="
                        + "sum(rate(req_total%7Bjob%3D%22b%22%7D%5B5m%5D))%20%2B%20histogram_quantile(0.9,"
                        + "latency_seconds_bucket)", 200, ok("[" + BUCKET_JSON + "," + B + "]")),
                new Case("matchers of one selector all apply", "/api/v1/query_exemplars?query="
                        + "%7Bjob%3D%22a%22,__name__%3D~%22req.*%22%7D", 200, ok("[" + A + "]")),
                new Case("RFC 3339 times", "/api/v1/query_exemplars?query=latency_seconds_bucket"
                        + "&start=2023-11-14T22:13:50Z&end=2023-11-14T22:14:00Z", 200, ok("[" + BUCKET_JSON + "]")),
                new Case("no series matches", "/api/v1/query_exemplars?query=nope", 200, ok("[]")),
                new Case("Grafana's millisecond probe", "/api/v1/query_exemplars?query=req_total&start=1700000000000"
                        + "&end=1700003600000", 200, ok("[]")),
                new Case("end before start", "/api/v1/query_exemplars?query=up&start=10&end=5", 400,
                        bad("end timestamp must not be before start timestamp")),
                new Case("bad start", "/api/v1/query_exemplars?query=up&start=yesterday", 400,
                        bad("invalid parameter \\\"start\\\": invalid time value for 'start': "
                                + "cannot parse \\\"yesterday\\\" to a valid timestamp")),
                new Case("bad end", "/api/v1/query_exemplars?query=up&end=x", 400,
                        bad("invalid parameter \\\"end\\\": invalid time value for 'end': "
                                + "cannot parse \\\"x\\\" to a valid timestamp")),
                new Case("parse error", "/api/v1/query_exemplars?query=up%7B", 400,
                        bad("1:4: parse error: unexpected end of input inside braces")),
                new Case("no query", "/api/v1/query_exemplars", 400, bad("unknown position: parse error: no expression "
                        + "found in input")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsPrometheus(Case c) {
        Response r = api.get(c.uri());
        assertThat(r.bodyText()).isEqualTo(c.body());
        assertThat(r.status()).isEqualTo(c.status());
    }

    @Test
    void aQueryWithoutSelectorsAnswersNoContent() {
        assertThat(api.get("/api/v1/query_exemplars?query=1%2B1").status()).isEqualTo(204);
    }

    @Test
    void postsAForm() {
        Response r = api.postForm("/api/v1/query_exemplars", "query=req_total%7Bjob%3D%22b%22%7D&start=1700000000");
        assertThat(r.bodyText()).isEqualTo(ok("[" + B + "]"));
    }
}
