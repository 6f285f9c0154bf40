package io.ignis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouterTest {

    record Case(String name, String prefix, String method, String path, int status, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("exact path", "/", "GET", "/-/healthy", 200, "healthy"),
                new Case("unknown path", "/", "GET", "/nope", 404, "404 page not found\n"),
                new Case("wrong method", "/", "POST", "/-/healthy", 405, "Method Not Allowed\n"),
                new Case("head falls back to get", "/", "HEAD", "/-/healthy", 200, "healthy"),
                new Case("post route", "/", "POST", "/-/reload", 200, "reloaded"),
                new Case("path parameter", "/", "GET", "/api/v1/label/job/values", 200, "values of job"),
                new Case("empty path parameter is no match", "/", "GET", "/api/v1/label//values", 404,
                        "404 page not found\n"),
                new Case("rest parameter", "/", "GET", "/static/css/app.css", 200, "file css/app.css"),
                new Case("route under prefix", "/prom", "GET", "/prom/-/healthy", 200, "healthy"),
                new Case("outside prefix", "/prom", "GET", "/-/healthy", 404, "404 page not found\n"),
                new Case("prefix as part of a longer name", "/prom", "GET", "/prometheus/-/healthy", 404,
                        "404 page not found\n"),
                new Case("handler failure is 500", "/", "GET", "/boom", 500, "internal error: kaput\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dispatches(Case c) {
        Router router = new Router(c.prefix());
        router.get("/-/healthy", r -> Response.text(200, "healthy"));
        router.post("/-/reload", r -> Response.text(200, "reloaded"));
        router.get("/api/v1/label/:name/values", r -> Response.text(200, "values of " + r.pathParam("name")));
        router.get("/static/*file", r -> Response.text(200, "file " + r.pathParam("file")));
        router.get("/boom", r -> {
            throw new IllegalStateException("kaput");
        });
        Response response = router.dispatch(new Request(c.method(), c.path(), Map.of(), Map.of(), Map.of(),
                new byte[0]));
        assertThat(response.status()).isEqualTo(c.status());
        assertThat(response.bodyText()).isEqualTo(c.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paramCases")
    void requestParameters(String name, Map<String, List<String>> params, String key, String first) {
        Request r = new Request("GET", "/", params, Map.of(), Map.of("accept", "text/plain"), new byte[0]);
        assertThat(r.param(key)).isEqualTo(first);
        assertThat(r.header("Accept")).isEqualTo("text/plain");
    }

    static Stream<Arguments> paramCases() {
        return Stream.of(
                Arguments.of("present", Map.of("q", List.of("up", "x")), "q", "up"),
                Arguments.of("absent", Map.of(), "q", null),
                Arguments.of("empty list", Map.of("q", List.of()), "q", null));
    }
}
