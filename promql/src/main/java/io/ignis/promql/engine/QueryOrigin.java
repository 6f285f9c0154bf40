package io.ignis.promql.engine;

/** The HTTP request a query came from, logged as Prometheus's {@code httpRequest} object. */
public record QueryOrigin(String clientIp, String method, String path) {
}
