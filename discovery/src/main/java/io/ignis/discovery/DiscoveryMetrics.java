package io.ignis.discovery;

/**
 * Self-metrics of discovery, bound by the server to meters with Prometheus's names (in brackets). {@code manager}
 * is the discovery manager's name ({@code scrape} or {@code notify}), {@code config} the job or alertmanager set,
 * {@code mechanism} one of {@code file}, {@code dns}, {@code ec2}, {@code kubernetes}. Implementations are
 * thread-safe and cheap; every method defaults to doing nothing.
 */
public interface DiscoveryMetrics {
    /** Records nothing. */
    DiscoveryMetrics NOOP = new DiscoveryMetrics() {
    };

    /** Sets {@code prometheus_sd_failed_configs{name}}. */
    default void failedConfigs(String manager, int count) {
    }

    /** Sets {@code prometheus_sd_discovered_targets{config,name}}. */
    default void discoveredTargets(String manager, String config, int count) {
    }

    /** Sets {@code prometheus_sd_last_update_timestamp_seconds{config,name}}. */
    default void lastUpdate(String manager, String config, long timestampMillis) {
    }

    /** Drops the per-config series above (and refresh series) of a config that is gone. */
    default void removeConfig(String manager, String config) {
    }

    /** Increments {@code prometheus_sd_received_updates_total{name}}. */
    default void receivedUpdate(String manager) {
    }

    /** Increments {@code prometheus_sd_updates_total{name}}. */
    default void sentUpdate(String manager) {
    }

    /** Increments {@code prometheus_sd_updates_delayed_total{name}}. */
    default void delayedUpdate(String manager) {
    }

    /** Increments {@code prometheus_sd_refresh_failures_total{mechanism,config}}. */
    default void refreshFailure(String mechanism, String config) {
    }

    /** Observes {@code prometheus_sd_refresh_duration_seconds{mechanism,config}} (and its histogram twin). */
    default void refreshDuration(String mechanism, String config, long durationNanos) {
    }

    /** Increments {@code prometheus_sd_file_read_errors_total}. */
    default void fileReadError() {
    }

    /** Observes {@code prometheus_sd_file_scan_duration_seconds}. */
    default void fileScanDuration(long durationNanos) {
    }

    /** Increments {@code prometheus_sd_file_watcher_errors_total}. */
    default void fileWatcherError() {
    }

    /** Sets {@code prometheus_sd_file_mtime_seconds{filename}}; a negative time removes the series. */
    default void fileMtime(String filename, long mtimeMillis) {
    }

    /** Increments {@code prometheus_sd_dns_lookups_total}. */
    default void dnsLookup() {
    }

    /** Increments {@code prometheus_sd_dns_lookup_failures_total}. */
    default void dnsLookupFailure() {
    }

    /** Increments {@code prometheus_sd_kubernetes_events_total{role,event}}; event is add, update or delete. */
    default void kubernetesEvent(String role, String event) {
    }

    /** Increments {@code prometheus_sd_kubernetes_failures_total}: failed list or watch requests. */
    default void kubernetesFailure() {
    }
}
