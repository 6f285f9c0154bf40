/**
 * Self-metrics: one Micrometer Prometheus registry per server, with Prometheus's own metric names (build info,
 * readiness, config reloads, process and JVM), exposed at {@code /metrics} in text 0.0.4 or OpenMetrics.
 * Entry point {@link io.ignis.server.metrics.ServerMetrics}. Must not import other server packages.
 */
package io.ignis.server.metrics;
