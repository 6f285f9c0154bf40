package io.ignis.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.server.http.Response;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden bodies of /api/v1/query and /api/v1/query_range over a real head, and their error table. */
class QueryApiTest {
    private static final long T0 = ApiFixture.T0;
    private static ApiFixture api;

    @BeforeAll
    static void load() {
        api = new ApiFixture();
        api.floats(Labels.of("__name__", "up", "job", "a", "instance", "x:1"), T0, 15_000, 1, 1, 1, 0, 1);
        api.floats(Labels.of("__name__", "up", "job", "b", "instance", "y:2"), T0, 15_000, 0, 0, 1, 1, 1);
        api.floats(Labels.of("__name__", "http_requests_total", "code", "200", "job", "a"), T0, 15_000,
                10, 20.5, 31, 40, 1e22);
        api.floats(Labels.of("__name__", "weird", "path", "<a&b>"), T0, 15_000, 1.5e-7, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.25);
    }

    record Case(String name, String uri, int status, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    static String at(long ms) {
        return ApiJson.timestampText(ms);
    }

    static Stream<Case> golden() {
        String t1 = at(T0 + 15_000);
        return Stream.of(
                new Case("instant vector", "/api/v1/query?query=up&time=" + t1, 200,
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                                + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"x:1\",\"job\":\"a\"},"
                                + "\"value\":[1700000015,\"1\"]},"
                                + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"y:2\",\"job\":\"b\"},"
                                + "\"value\":[1700000015,\"0\"]}]}}"),
                new Case("millisecond time and escaped label value", "/api/v1/query?query=weird&time=1700000000.5",
                        200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                                + "{\"metric\":{\"__name__\":\"weird\",\"path\":\"\\u003ca\\u0026b\\u003e\"},"
                                + "\"value\":[1700000000.500,\"1.5e-07\"]}]}}"),
                new Case("scalar", "/api/v1/query?query=1%2B1&time=4", 200,
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[4,\"2\"]}}"),
                new Case("scalar at fractional time", "/api/v1/query?query=0.1&time=1.123", 200,
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1.123,\"0.1\"]}}"),
                new Case("string", "/api/v1/query?query=%22hi%22&time=10", 200,
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[10,\"hi\"]}}"),
                new Case("matrix from a range selector", "/api/v1/query?query=weird[1m]&time=" + at(T0 + 60_000),
                        200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                                + "{\"metric\":{\"__name__\":\"weird\",\"path\":\"\\u003ca\\u0026b\\u003e\"},"
                                + "\"values\":[[1700000015,\"NaN\"],[1700000030,\"+Inf\"],"
                                + "[1700000045,\"-Inf\"],[1700000060,\"-0.25\"]]}]}}"),
                new Case("range query", "/api/v1/query_range?query=http_requests_total&start=" + at(T0)
                        + "&end=" + at(T0 + 60_000) + "&step=30s", 200,
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                                + "{\"metric\":{\"__name__\":\"http_requests_total\",\"code\":\"200\",\"job\":\"a\"},"
                                + "\"values\":[[1700000000,\"10\"],[1700000030,\"31\"],[1700000060,\"1e+22\"]]}]}}"),
                new Case("range query, RFC 3339 and float step", "/api/v1/query_range?query=sum(up)"
                        + "&start=2023-11-14T22:13:20Z&end=2023-11-14T22:13:50.000Z&step=15.0", 200,
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                                + "{\"metric\":{},\"values\":[[1700000000,\"1\"],[1700000015,\"1\"],"
                                + "[1700000030,\"2\"]]}]}}"),
                new Case("limit truncates with a warning", "/api/v1/query?query=up&limit=1&time=" + t1, 200,
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                                + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"x:1\",\"job\":\"a\"},"
                                + "\"value\":[1700000015,\"1\"]}]},"
                                + "\"warnings\":[\"results truncated due to limit\"]}"),
                new Case("empty result", "/api/v1/query?query=nothing&time=" + t1, 200,
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"),
                new Case("lookback_delta shortens the lookback", "/api/v1/query?query=up&lookback_delta=1s&time="
                        + at(T0 + 16_000), 200,
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void answersAsPrometheus(Case c) {
        Response r = api.get(c.uri());
        assertThat(r.bodyText()).isEqualTo(c.body());
        assertThat(r.status()).isEqualTo(c.status());
        assertThat(r.contentType()).isEqualTo("application/json");
    }

    static Stream<Case> errors() {
        String bad = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":";
        return Stream.of(
                new Case("parse error", "/api/v1/query?query=up%20*", 400,
                        bad + "\"invalid parameter \\\"query\\\": 1:5: parse error: unexpected end of input\"}"),
                new Case("missing query", "/api/v1/query", 400,
                        bad + "\"invalid parameter \\\"query\\\": unknown position: parse error: "
                                + "no expression found in input\"}"),
                new Case("bad time", "/api/v1/query?query=up&time=yesterday", 400,
                        bad + "\"invalid parameter \\\"time\\\": invalid time value for 'time': "
                                + "cannot parse \\\"yesterday\\\" to a valid timestamp\"}"),
                new Case("bad limit", "/api/v1/query?query=up&limit=x", 400,
                        bad + "\"invalid parameter \\\"limit\\\": strconv.Atoi: parsing \\\"x\\\": invalid syntax\"}"),
                new Case("negative limit", "/api/v1/query?query=up&limit=-1", 400,
                        bad + "\"invalid parameter \\\"limit\\\": limit must be non-negative\"}"),
                new Case("bad timeout", "/api/v1/query?query=up&timeout=soon", 400,
                        bad + "\"invalid parameter \\\"timeout\\\": cannot parse \\\"soon\\\" to a valid duration\"}"),
                new Case("bad lookback", "/api/v1/query?query=up&lookback_delta=x", 400,
                        bad + "\"error parsing lookback delta duration: cannot parse \\\"x\\\" to a valid "
                                + "duration\"}"),
                new Case("range: missing start", "/api/v1/query_range?query=up&end=10&step=1", 400,
                        bad + "\"invalid parameter \\\"start\\\": cannot parse \\\"\\\" to a valid timestamp\"}"),
                new Case("range: end before start", "/api/v1/query_range?query=up&start=10&end=5&step=1", 400,
                        bad + "\"invalid parameter \\\"end\\\": end timestamp must not be before start time\"}"),
                new Case("range: missing step", "/api/v1/query_range?query=up&start=1&end=5", 400,
                        bad + "\"invalid parameter \\\"step\\\": cannot parse \\\"\\\" to a valid duration\"}"),
                new Case("range: zero step", "/api/v1/query_range?query=up&start=1&end=5&step=0", 400,
                        bad + "\"invalid parameter \\\"step\\\": zero or negative query resolution step widths "
                                + "are not accepted. Try a positive integer\"}"),
                new Case("range: too many points", "/api/v1/query_range?query=up&start=0&end=11001&step=1", 400,
                        bad + "\"exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the "
                                + "query resolution (?step=XX)\"}"),
                new Case("range: matrix expression", "/api/v1/query_range?query=up[5m]&start=0&end=10&step=1", 400,
                        bad + "\"invalid parameter \\\"query\\\": invalid expression type \\\"range vector\\\" for "
                                + "range query, must be Scalar or instant Vector\"}"),
                new Case("execution error", "/api/v1/query?query=label_replace(up,%22dst%22,%22x%22,%22src%22,"
                        + "%22(%22)&time=" + at(T0), 422,
                        "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":"
                                + "\"invalid regular expression in label_replace(): (\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejectsAsPrometheus(Case c) {
        Response r = api.get(c.uri());
        assertThat(r.bodyText()).isEqualTo(c.body());
        assertThat(r.status()).isEqualTo(c.status());
    }

    @Test
    void postFormIsTheSameAsGet() {
        Response get = api.get("/api/v1/query?query=up&time=" + at(T0));
        Response post = api.postForm("/api/v1/query", "query=up&time=" + at(T0));
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.bodyText()).isEqualTo(get.bodyText());
    }

    @Test
    void statsHaveTimingsAndSamples() {
        Response r = api.get("/api/v1/query?query=up&stats=true&time=" + at(T0 + 15_000));
        assertThat(r.bodyText())
                .containsPattern("\"stats\":\\{\"timings\":\\{\"evalTotalTime\":[0-9.e-]+,\"resultSortTime\":0,"
                        + "\"queryPreparationTime\":0,\"innerEvalTime\":[0-9.e-]+,\"execQueueTime\":0,"
                        + "\"execTotalTime\":[0-9.e-]+\\},\"samples\":\\{\"totalQueryableSamples\":2,"
                        + "\"samplesRead\":2,\"peakSamples\":\\d+\\}\\}\\}\\}$");
    }

    @Test
    void unknownStatsValueWarns() {
        Response r = api.get("/api/v1/query?query=1&stats=yes&time=1");
        assertThat(r.bodyText()).endsWith("\"warnings\":[\"value \\\"yes\\\" for parameter \\\"stats\\\" is "
                + "deprecated and will be rejected in the next major release, use \\\"true\\\" or \\\"all\\\"\"]}");
    }

    @Test
    void zeroTimeoutTimesOut() {
        Response r = api.get("/api/v1/query_range?query=sum(rate(up[1m]))&timeout=0s&start=" + at(T0)
                + "&end=" + at(T0 + 3_600_000) + "&step=1");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.bodyText()).startsWith("{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":"
                + "\"query timed out in ");
    }

    @Test
    void timeDefaultsToNow() {
        api.now = ApiFixture.T0 + 60_000;
        Response r = api.get("/api/v1/query?query=time()");
        assertThat(r.bodyText()).contains("\"result\":[1700000060,\"1700000060\"]");
    }
}
