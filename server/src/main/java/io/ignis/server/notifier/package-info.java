/**
 * The Alertmanager notifier, as Prometheus's {@code notifier} package: a bounded queue of alerts, batches POSTed
 * as Alertmanager API v2 JSON to every discovered Alertmanager, self-metrics. Entry point
 * {@link io.ignis.server.notifier.Notifier}; imports config, labels and the rules package's alert type.
 */
package io.ignis.server.notifier;
