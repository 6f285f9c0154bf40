package io.ignis.server.api;

import io.ignis.server.http.Handler;
import io.ignis.server.http.Response;
import java.util.regex.Pattern;

/**
 * Prometheus's CORS for API routes: {@code Vary: Origin} always; with an Origin header, the allowed methods and
 * headers, and {@code Access-Control-Allow-Origin} set to {@code *} for the default {@code .*} pattern or to the
 * Origin itself when it matches {@code --web.cors.origin}.
 */
final class Cors {
    private static final String ANY = "^(?:.*)$";

    private Cors() {
    }

    static Handler wrap(Pattern origin, Handler handler) {
        return request -> apply(origin, request.header("origin"), handler.handle(request));
    }

    static Response apply(Pattern pattern, String origin, Response response) {
        Response r = response.withHeader("Vary", "Origin");
        if (origin == null || origin.isEmpty()) {
            return r;
        }
        r = r.withHeader("Access-Control-Allow-Headers", "Accept, Authorization, Content-Type, Origin")
                .withHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                .withHeader("Access-Control-Expose-Headers", "Date");
        if (pattern.pattern().equals(ANY)) {
            return r.withHeader("Access-Control-Allow-Origin", "*");
        }
        if (pattern.matcher(origin).matches()) {
            return r.withHeader("Access-Control-Allow-Origin", origin);
        }
        return r;
    }
}
