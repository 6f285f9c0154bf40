package io.ignis.discovery;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps every metric as {@code name{label values}} → value, for assertions. */
public final class RecordingDiscoveryMetrics implements DiscoveryMetrics {
    private final Map<String, Double> values = new ConcurrentHashMap<>();

    /** The value of one series, 0 when never touched. */
    public double value(String series) {
        return values.getOrDefault(series, 0.0);
    }

    /** Whether the series exists (was set and not removed). */
    public boolean has(String series) {
        return values.containsKey(series);
    }

    public Map<String, Double> snapshot() {
        return new TreeMap<>(values);
    }

    private void add(String series) {
        values.merge(series, 1.0, Double::sum);
    }

    @Override
    public void failedConfigs(String manager, int count) {
        values.put("prometheus_sd_failed_configs{" + manager + "}", (double) count);
    }

    @Override
    public void discoveredTargets(String manager, String config, int count) {
        values.put("prometheus_sd_discovered_targets{" + config + "," + manager + "}", (double) count);
    }

    @Override
    public void lastUpdate(String manager, String config, long timestampMillis) {
        values.put("prometheus_sd_last_update_timestamp_seconds{" + config + "," + manager + "}",
                timestampMillis / 1000.0);
    }

    @Override
    public void removeConfig(String manager, String config) {
        values.remove("prometheus_sd_discovered_targets{" + config + "," + manager + "}");
        values.remove("prometheus_sd_last_update_timestamp_seconds{" + config + "," + manager + "}");
    }

    @Override
    public void receivedUpdate(String manager) {
        add("prometheus_sd_received_updates_total{" + manager + "}");
    }

    @Override
    public void sentUpdate(String manager) {
        add("prometheus_sd_updates_total{" + manager + "}");
    }

    @Override
    public void refreshFailure(String mechanism, String config) {
        add("prometheus_sd_refresh_failures_total{" + mechanism + "," + config + "}");
    }

    @Override
    public void refreshDuration(String mechanism, String config, long durationNanos) {
        add("prometheus_sd_refresh_duration_seconds_count{" + mechanism + "," + config + "}");
    }

    @Override
    public void fileReadError() {
        add("prometheus_sd_file_read_errors_total");
    }

    @Override
    public void fileScanDuration(long durationNanos) {
        add("prometheus_sd_file_scan_duration_seconds_count");
    }

    @Override
    public void fileWatcherError() {
        add("prometheus_sd_file_watcher_errors_total");
    }

    @Override
    public void fileMtime(String filename, long mtimeMillis) {
        if (mtimeMillis < 0) {
            values.remove("prometheus_sd_file_mtime_seconds{" + filename + "}");
        } else {
            values.put("prometheus_sd_file_mtime_seconds{" + filename + "}", mtimeMillis / 1000.0);
        }
    }

    @Override
    public void dnsLookup() {
        add("prometheus_sd_dns_lookups_total");
    }

    @Override
    public void dnsLookupFailure() {
        add("prometheus_sd_dns_lookup_failures_total");
    }

    @Override
    public void kubernetesEvent(String role, String event) {
        add("prometheus_sd_kubernetes_events_total{" + role + "," + event + "}");
    }

    @Override
    public void kubernetesFailure() {
        add("prometheus_sd_kubernetes_failures_total");
    }
}
