package io.ignis.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ApiResponsesTest {

    @Test
    void successEnvelope() {
        Response r = ApiResponses.success(Map.of("yaml", "global: {}\n"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.bodyText()).isEqualTo("{\"status\":\"success\",\"data\":{\"yaml\":\"global: {}\\n\"}}");
    }

    record Case(String name, Exception thrown, int status, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> errors() {
        return Stream.of(
                new Case("bad data", new ApiException(ErrorType.BAD_DATA, "invalid parameter \"query\""), 400,
                        "{\"status\":\"error\",\"errorType\":\"bad_data\","
                                + "\"error\":\"invalid parameter \\\"query\\\"\"}"),
                new Case("execution", new ApiException(ErrorType.EXECUTION, "x"), 422,
                        "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"x\"}"),
                new Case("timeout", new ApiException(ErrorType.TIMEOUT, "query timed out"), 503,
                        "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out\"}"),
                new Case("canceled", new ApiException(ErrorType.CANCELED, "c"), 499,
                        "{\"status\":\"error\",\"errorType\":\"canceled\",\"error\":\"c\"}"),
                new Case("not found", new ApiException(ErrorType.NOT_FOUND, "nf"), 404,
                        "{\"status\":\"error\",\"errorType\":\"not_found\",\"error\":\"nf\"}"),
                new Case("unavailable", new ApiException(ErrorType.UNAVAILABLE, "u"), 500,
                        "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"u\"}"),
                new Case("illegal argument is bad data", new IllegalArgumentException("nope"), 400,
                        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"nope\"}"),
                new Case("anything else is internal", new IllegalStateException("bug: x"), 500,
                        "{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"bug: x\"}"),
                new Case("no message", new NullPointerException(), 500,
                        "{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"NullPointerException\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void errorsAreMappedInOnePlace(Case c) throws Exception {
        Response r = ApiResponses.enveloped(req -> {
            throw c.thrown();
        }).handle(new Request("GET", "/api/v1/x", Map.of(), Map.of(), Map.of(), new byte[0]));
        assertThat(r.status()).isEqualTo(c.status());
        assertThat(r.bodyText()).isEqualTo(c.body());
    }
}
