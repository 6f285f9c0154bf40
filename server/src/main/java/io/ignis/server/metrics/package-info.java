/**
 * Self-metrics: one Micrometer Prometheus registry per server, with Prometheus's own metric names (build info,
 * readiness, reloads, process, JVM, HTTP, TSDB, scrape and discovery), exposed at {@code /metrics} in text 0.0.4 or
 * OpenMetrics. Entry point {@link io.ignis.server.metrics.ServerMetrics}; {@link io.ignis.server.metrics.SelfMeters}
 * builds the families Micrometer cannot express. Must not import other server packages (they import this one).
 */
package io.ignis.server.metrics;
