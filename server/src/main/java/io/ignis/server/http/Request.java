package io.ignis.server.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as handlers see it: method, path below the route prefix, parameters from the query string
 * and (for form posts) the body, path parameters captured by the route, headers by lowercase name, raw body, and
 * the {@link Cancellation} that fires when the client disconnects.
 */
public record Request(String method, String path, Map<String, List<String>> params,
                      Map<String, String> pathParams, Map<String, String> headers, byte[] body,
                      Cancellation cancellation) {

    /** A request no connection stands behind (handlers called directly): never canceled. */
    public Request(String method, String path, Map<String, List<String>> params, Map<String, String> pathParams,
                   Map<String, String> headers, byte[] body) {
        this(method, path, params, pathParams, headers, body, Cancellation.NONE);
    }

    /** The first value of a query or form parameter, or {@code null}. */
    public String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a repeated parameter such as {@code match[]}; empty when absent. */
    public List<String> params(String name) {
        return params.getOrDefault(name, List.of());
    }

    /** A header by name, case-insensitively, or {@code null}. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    Request withRoute(String routePath, Map<String, String> captured) {
        return new Request(method, routePath, params, captured, headers, body, cancellation);
    }
}
