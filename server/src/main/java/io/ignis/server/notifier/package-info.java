/**
 * The Alertmanager notifier, as Prometheus's {@code notifier} package: Alertmanager sets built from discovered target
 * groups through relabeling, alert relabeling, a bounded queue of alerts, batches POSTed as Alertmanager API v2 JSON,
 * self-metrics. Entry point {@link io.ignis.server.notifier.Notifier}; imports config, labels, discovery's target
 * groups, scrape's relabeler and the rules package's alert type.
 */
package io.ignis.server.notifier;
