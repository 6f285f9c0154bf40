package io.ignis.server.metrics;

import io.ignis.discovery.DiscoveryMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;

/**
 * Discovery's {@code prometheus_sd_*} families as Prometheus's discovery/metrics.go, metrics_refresh.go and the
 * file, dns and kubernetes mechanisms define them. As in Prometheus every mechanism's families exist from the start
 * (its SD metrics are registered for all mechanisms at startup), the manager families of a manager once
 * {@link #addManager} names it, and the per-config series go away with {@link #removeConfig}. Thread-safe.
 */
public final class DiscoverySelfMetrics implements DiscoveryMetrics {
    /** Prometheus's Kubernetes roles and event kinds, all initialised to 0 as its kubernetes metrics do. */
    private static final List<String> KUBERNETES_ROLES = List.of("endpointslice", "endpoints", "node", "pod",
            "service", "ingress");
    private static final List<String> KUBERNETES_EVENTS = List.of("add", "delete", "update");

    private final Gauge failedConfigs = SelfMeters.gauge("prometheus_sd_failed_configs",
            "Current number of service discovery configurations that failed to load.", "name");
    private final Gauge discoveredTargets = SelfMeters.gauge("prometheus_sd_discovered_targets",
            "Current number of discovered targets.", "config", "name");
    private final Counter receivedUpdates = SelfMeters.counter("prometheus_sd_received_updates_total",
            "Total number of update events received from the SD providers.", "name");
    private final Counter delayedUpdates = SelfMeters.counter("prometheus_sd_updates_delayed_total",
            "Total number of update events that couldn't be sent immediately.", "name");
    private final Counter sentUpdates = SelfMeters.counter("prometheus_sd_updates_total",
            "Total number of update events sent to the SD consumers.", "name");
    private final Gauge lastUpdate = SelfMeters.gauge("prometheus_sd_last_update_timestamp_seconds",
            "Timestamp of the last update sent to the SD consumers.", "config", "name");

    private final Counter refreshFailures = SelfMeters.counter("prometheus_sd_refresh_failures_total",
            "Number of refresh failures for the given SD mechanism.", "mechanism", "config");
    private final Summary refreshDuration = SelfMeters.summary("prometheus_sd_refresh_duration_seconds",
            "The duration of a refresh in seconds for the given SD mechanism.", SelfMeters.THREE_QUANTILES,
            "mechanism", "config");
    private final Histogram refreshDurationHistogram = SelfMeters.histogram(
            "prometheus_sd_refresh_duration_histogram_seconds", "The duration of a refresh for the given SD mechanism.",
            SelfMeters.TWIN_BUCKETS, "mechanism");

    private final Counter fileReadErrors = SelfMeters.counter("prometheus_sd_file_read_errors_total",
            "The number of File-SD read errors.");
    private final Summary fileScanDuration = SelfMeters.summary("prometheus_sd_file_scan_duration_seconds",
            "The duration of the File-SD scan in seconds.", SelfMeters.THREE_QUANTILES);
    private final Counter fileWatcherErrors = SelfMeters.counter("prometheus_sd_file_watcher_errors_total",
            "The number of File-SD errors caused by filesystem watch failures.");
    private final Gauge fileMtime = SelfMeters.gauge("prometheus_sd_file_mtime_seconds",
            "Timestamp (mtime) of files read by FileSD. Timestamp is set at read time.", "filename");

    private final Counter dnsLookups = SelfMeters.counter("prometheus_sd_dns_lookups_total",
            "The number of DNS-SD lookups.");
    private final Counter dnsLookupFailures = SelfMeters.counter("prometheus_sd_dns_lookup_failures_total",
            "The number of DNS-SD lookup failures.");

    private final Counter kubernetesEvents = SelfMeters.counter("prometheus_sd_kubernetes_events_total",
            "The number of Kubernetes events handled.", "role", "event");
    private final Counter kubernetesFailures = SelfMeters.counter("prometheus_sd_kubernetes_failures_total",
            "The number of failed WATCH/LIST requests.");

    public DiscoverySelfMetrics() {
        for (String role : KUBERNETES_ROLES) {
            for (String event : KUBERNETES_EVENTS) {
                kubernetesEvents.initLabelValues(role, event);
            }
        }
    }

    public void register(PrometheusRegistry registry) {
        for (var m : List.of(failedConfigs, discoveredTargets, receivedUpdates, delayedUpdates, sentUpdates,
                lastUpdate, refreshFailures, refreshDuration, refreshDurationHistogram, fileReadErrors,
                fileScanDuration, fileWatcherErrors, fileMtime, dnsLookups, dnsLookupFailures, kubernetesEvents,
                kubernetesFailures)) {
            registry.register(m);
        }
    }

    /** Starts the manager's unlabelled-by-config families at 0, as Prometheus's constant-labelled ones start. */
    public void addManager(String manager) {
        failedConfigs.initLabelValues(manager);
        receivedUpdates.initLabelValues(manager);
        delayedUpdates.initLabelValues(manager);
        sentUpdates.initLabelValues(manager);
    }

    @Override
    public void failedConfigs(String manager, int count) {
        failedConfigs.labelValues(manager).set(count);
    }

    @Override
    public void discoveredTargets(String manager, String config, int count) {
        discoveredTargets.labelValues(config, manager).set(count);
    }

    @Override
    public void lastUpdate(String manager, String config, long timestampMillis) {
        lastUpdate.labelValues(config, manager).set(timestampMillis / 1000.0);
    }

    @Override
    public void removeConfig(String manager, String config) {
        discoveredTargets.remove(config, manager);
        lastUpdate.remove(config, manager);
        // Refresh series carry the mechanism, not the manager: drop the config's under every mechanism.
        refreshFailures.removeIf(values -> values.get(1).equals(config));
        refreshDuration.removeIf(values -> values.get(1).equals(config));
    }

    @Override
    public void receivedUpdate(String manager) {
        receivedUpdates.labelValues(manager).inc();
    }

    @Override
    public void sentUpdate(String manager) {
        sentUpdates.labelValues(manager).inc();
    }

    @Override
    public void delayedUpdate(String manager) {
        delayedUpdates.labelValues(manager).inc();
    }

    @Override
    public void refreshFailure(String mechanism, String config) {
        refreshFailures.labelValues(mechanism, config).inc();
    }

    @Override
    public void refreshDuration(String mechanism, String config, long durationNanos) {
        // Prometheus instantiates the failure counter with the duration, so a healthy config shows 0 failures.
        refreshFailures.initLabelValues(mechanism, config);
        refreshDuration.labelValues(mechanism, config).observe(durationNanos / 1e9);
        refreshDurationHistogram.labelValues(mechanism).observe(durationNanos / 1e9);
    }

    @Override
    public void fileReadError() {
        fileReadErrors.inc();
    }

    @Override
    public void fileScanDuration(long durationNanos) {
        fileScanDuration.observe(durationNanos / 1e9);
    }

    @Override
    public void fileWatcherError() {
        fileWatcherErrors.inc();
    }

    @Override
    public void fileMtime(String filename, long mtimeMillis) {
        if (mtimeMillis < 0) {
            fileMtime.remove(filename);
        } else {
            fileMtime.labelValues(filename).set(mtimeMillis / 1000.0);
        }
    }

    @Override
    public void dnsLookup() {
        dnsLookups.inc();
    }

    @Override
    public void dnsLookupFailure() {
        dnsLookupFailures.inc();
    }

    @Override
    public void kubernetesEvent(String role, String event) {
        kubernetesEvents.labelValues(role, event).inc();
    }

    @Override
    public void kubernetesFailure() {
        kubernetesFailures.inc();
    }
}
