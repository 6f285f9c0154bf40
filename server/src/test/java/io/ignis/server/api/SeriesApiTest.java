package io.ignis.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.server.http.Response;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden bodies of /api/v1/series, labels, label values, query_exemplars, format_query and parse_query. */
class SeriesApiTest {
    private static final long T0 = ApiFixture.T0;
    private static ApiFixture api;

    @BeforeAll
    static void load() {
        api = new ApiFixture();
        api.floats(Labels.of("__name__", "up", "job", "a", "instance", "x:1"), T0, 15_000, 1, 1);
        api.floats(Labels.of("__name__", "up", "job", "b", "instance", "y:2"), T0, 15_000, 0, 1);
        api.floats(Labels.of("__name__", "node_load1", "job", "node"), T0 + 600_000, 15_000, 0.5);
        api.floats(Labels.of("__name__", "my.dotted", "service.name", "checkout"), T0, 15_000, 3);
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

    static Stream<Case> cases() {
        String up = "{\"__name__\":\"up\",\"instance\":\"x:1\",\"job\":\"a\"},"
                + "{\"__name__\":\"up\",\"instance\":\"y:2\",\"job\":\"b\"}";
        return Stream.of(
                new Case("series", "/api/v1/series?match[]=up", 200, ok("[" + up + "]")),
                new Case("series, two overlapping selectors", "/api/v1/series?match[]=up&match[]={job=%22a%22}",
                        200, ok("[" + up + "]")),
                new Case("series, time range excludes", "/api/v1/series?match[]=node_load1&start=1700000000&end="
                        + "1700000100", 200, ok("[]")),
                new Case("series, limit", "/api/v1/series?match[]=up&limit=1", 200,
                        "{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"instance\":\"x:1\",\"job\":\"a\"}],"
                                + "\"warnings\":[\"results truncated due to limit\"]}"),
                new Case("series without match[]", "/api/v1/series", 400, bad("no match[] parameter provided")),
                new Case("series, empty matcher", "/api/v1/series?match[]={job=~%22.*%22}", 400,
                        bad("match[] must contain at least one non-empty matcher")),
                new Case("series, bad selector", "/api/v1/series?match[]=up{", 400,
                        bad("invalid parameter \\\"match[]\\\": 1:4: parse error: unexpected end of input inside "
                                + "braces")),
                new Case("labels", "/api/v1/labels", 200,
                        ok("[\"__name__\",\"instance\",\"job\",\"service.name\"]")),
                new Case("labels, match[]", "/api/v1/labels?match[]=node_load1", 200, ok("[\"__name__\",\"job\"]")),
                new Case("labels, limit", "/api/v1/labels?limit=2", 200,
                        "{\"status\":\"success\",\"data\":[\"__name__\",\"instance\"],"
                                + "\"warnings\":[\"results truncated due to limit\"]}"),
                new Case("metric names", "/api/v1/label/__name__/values", 200,
                        ok("[\"my.dotted\",\"node_load1\",\"up\"]")),
                new Case("label values, match[]", "/api/v1/label/job/values?match[]=up", 200, ok("[\"a\",\"b\"]")),
                new Case("label values, U__ escaped name", "/api/v1/label/U__service_2e_name/values", 200,
                        ok("[\"checkout\"]")),
                new Case("label values, unknown label", "/api/v1/label/nope/values", 200, ok("[]")),
                new Case("label values, bad limit", "/api/v1/label/job/values?limit=a", 400,
                        bad("invalid parameter \\\"limit\\\": strconv.Atoi: parsing \\\"a\\\": invalid syntax")),
                new Case("exemplars answer empty", "/api/v1/query_exemplars?query=up&start=1700000000000"
                        + "&end=1700003600000", 200, ok("[]")),
                new Case("exemplars, end before start", "/api/v1/query_exemplars?query=up&start=10&end=5", 400,
                        bad("end timestamp must not be before start timestamp")),
                new Case("format_query", "/api/v1/format_query?query=sum(rate(up[5m]))by(job)", 200,
                        ok("\"sum by (job) (rate(up[5m]))\"")),
                new Case("format_query, parse error", "/api/v1/format_query?query=sum(", 400,
                        bad("invalid parameter \\\"query\\\": 1:5: parse error: unclosed left parenthesis")),
                new Case("parse_query", "/api/v1/parse_query?query=up%7Bjob%3D%22a%22%7D%20offset%205m", 200,
                        ok("{\"anchored\":false,\"matchers\":[{\"name\":\"job\",\"type\":\"=\",\"value\":\"a\"},"
                                + "{\"name\":\"__name__\",\"type\":\"=\",\"value\":\"up\"}],\"name\":\"up\","
                                + "\"offset\":300000,\"offsetExpr\":null,\"smoothed\":false,\"startOrEnd\":null,"
                                + "\"timestamp\":null,\"type\":\"vectorSelector\"}")),
                new Case("parse_query, binary with matching", "/api/v1/parse_query?query=a%20%2B%20on(x)%20b", 200,
                        ok("{\"bool\":false,\"lhs\":{\"anchored\":false,\"matchers\":[{\"name\":\"__name__\","
                                + "\"type\":\"=\",\"value\":\"a\"}],\"name\":\"a\",\"offset\":0,\"offsetExpr\":null,"
                                + "\"smoothed\":false,\"startOrEnd\":null,\"timestamp\":null,"
                                + "\"type\":\"vectorSelector\"},\"matching\":{\"card\":\"one-to-one\","
                                + "\"fillValues\":{\"lhs\":null,\"rhs\":null},\"include\":[],\"labels\":[\"x\"],"
                                + "\"on\":true},\"op\":\"+\",\"rhs\":{\"anchored\":false,\"matchers\":[{\"name\":\"__name__\","
                                + "\"type\":\"=\",\"value\":\"b\"}],\"name\":\"b\",\"offset\":0,\"offsetExpr\":null,"
                                + "\"smoothed\":false,\"startOrEnd\":null,\"timestamp\":null,"
                                + "\"type\":\"vectorSelector\"},"
                                + "\"type\":\"binaryExpr\"}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsPrometheus(Case c) {
        Response r = api.get(c.uri());
        assertThat(r.bodyText()).isEqualTo(c.body());
        assertThat(r.status()).isEqualTo(c.status());
    }

    @Test
    void exemplarsWithoutSelectorsAnswerNoContent() {
        assertThat(api.get("/api/v1/query_exemplars?query=1%2B1").status()).isEqualTo(204);
    }

    @Test
    void seriesByPostForm() {
        Response r = api.postForm("/api/v1/series", "match%5B%5D=node_load1");
        assertThat(r.bodyText()).isEqualTo(ok("[{\"__name__\":\"node_load1\",\"job\":\"node\"}]"));
    }

    @Test
    void labelValuesRejectPost() {
        assertThat(api.postForm("/api/v1/label/job/values", "").status()).isEqualTo(405);
    }

    @Test
    void unescapesNamesAsPrometheus() {
        assertThat(SeriesApi.unescapeName("U__service_2e_name")).isEqualTo("service.name");
        assertThat(SeriesApi.unescapeName("U__a__b")).isEqualTo("a_b");
        assertThat(SeriesApi.unescapeName("U___1f600_")).isEqualTo("\uD83D\uDE00");
        assertThat(SeriesApi.unescapeName("U__bad_zz_")).isEqualTo("U__bad_zz_");
        assertThat(SeriesApi.unescapeName("plain")).isEqualTo("plain");
    }
}
