package io.ignis.server.http;

/**
 * Told about every request a route answered, for Prometheus's {@code prometheus_http_*} metrics. {@code handler}
 * is the route pattern as registered ({@code /api/v1/label/:name/values}), so its cardinality stays bounded;
 * requests no route matched are not reported.
 */
@FunctionalInterface
public interface RequestObserver {
    RequestObserver NONE = (handler, status, durationNanos, responseBytes) -> { };

    void observe(String handler, int status, long durationNanos, long responseBytes);
}
