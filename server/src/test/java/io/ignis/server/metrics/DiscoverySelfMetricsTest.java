package io.ignis.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiscoverySelfMetricsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DiscoverySelfMetrics sd = new DiscoverySelfMetrics();

    DiscoverySelfMetricsTest() {
        sd.register(registry.getPrometheusRegistry());
        sd.addManager("scrape");
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void mechanismAndManagerFamiliesExistFromTheStartAtZero() {
        ExpositionText text = ExpositionText.of(registry);
        assertThat(text.families("prometheus_sd_")).containsExactly(
                "prometheus_sd_dns_lookup_failures_total",
                "prometheus_sd_dns_lookups_total",
                "prometheus_sd_failed_configs",
                "prometheus_sd_file_read_errors_total",
                "prometheus_sd_file_scan_duration_seconds",
                "prometheus_sd_file_watcher_errors_total",
                "prometheus_sd_kubernetes_events_total",
                "prometheus_sd_kubernetes_failures_total",
                "prometheus_sd_received_updates_total",
                "prometheus_sd_updates_delayed_total",
                "prometheus_sd_updates_total");
        assertThat(text.types).containsEntry("prometheus_sd_file_scan_duration_seconds", "summary")
                .containsEntry("prometheus_sd_failed_configs", "gauge")
                .containsEntry("prometheus_sd_kubernetes_events_total", "counter");
        assertThat(text.value("prometheus_sd_failed_configs{name=\"scrape\"}")).isEqualTo(0);
        assertThat(text.value("prometheus_sd_updates_total{name=\"scrape\"}")).isEqualTo(0);
        assertThat(text.value("prometheus_sd_kubernetes_events_total{event=\"update\",role=\"endpointslice\"}"))
                .isEqualTo(0);
        assertThat(text.series("prometheus_sd_kubernetes_events_total")).hasSize(18);
        assertThat(text.value("prometheus_sd_file_scan_duration_seconds_count")).isEqualTo(0);
        assertThat(text.helps).containsEntry("prometheus_sd_received_updates_total",
                "Total number of update events received from the SD providers.")
                .containsEntry("prometheus_sd_kubernetes_failures_total", "The number of failed WATCH/LIST requests.");
    }

    @Test
    void managerAndRefreshSeriesCarryPrometheusLabels() {
        sd.discoveredTargets("scrape", "node", 3);
        sd.lastUpdate("scrape", "node", 1_700_000_000_500L);
        sd.failedConfigs("scrape", 1);
        sd.receivedUpdate("scrape");
        sd.receivedUpdate("scrape");
        sd.sentUpdate("scrape");
        sd.refreshDuration("dns", "node", 20_000_000L);
        sd.refreshFailure("dns", "node");
        sd.fileMtime("/etc/targets.json", 1_600_000_000_000L);
        sd.fileScanDuration(1_000_000L);
        sd.dnsLookup();
        sd.kubernetesEvent("pod", "add");
        ExpositionText text = ExpositionText.of(registry);
        assertThat(text.value("prometheus_sd_discovered_targets{config=\"node\",name=\"scrape\"}")).isEqualTo(3);
        assertThat(text.value("prometheus_sd_last_update_timestamp_seconds{config=\"node\",name=\"scrape\"}"))
                .isEqualTo(1_700_000_000.5);
        assertThat(text.value("prometheus_sd_failed_configs{name=\"scrape\"}")).isEqualTo(1);
        assertThat(text.value("prometheus_sd_received_updates_total{name=\"scrape\"}")).isEqualTo(2);
        assertThat(text.value("prometheus_sd_updates_total{name=\"scrape\"}")).isEqualTo(1);
        assertThat(text.value("prometheus_sd_refresh_failures_total{config=\"node\",mechanism=\"dns\"}"))
                .isEqualTo(1);
        assertThat(text.value("prometheus_sd_refresh_duration_seconds_count{config=\"node\",mechanism=\"dns\"}"))
                .isEqualTo(1);
        assertThat(text.value("prometheus_sd_refresh_duration_seconds{config=\"node\",mechanism=\"dns\","
                + "quantile=\"0.99\"}")).isEqualTo(0.02);
        assertThat(text.value("prometheus_sd_refresh_duration_histogram_seconds_bucket{mechanism=\"dns\","
                + "le=\"0.1\"}")).isEqualTo(1);
        assertThat(text.types).containsEntry("prometheus_sd_refresh_duration_seconds", "summary")
                .containsEntry("prometheus_sd_refresh_duration_histogram_seconds", "histogram");
        assertThat(text.value("prometheus_sd_file_mtime_seconds{filename=\"/etc/targets.json\"}"))
                .isEqualTo(1_600_000_000);
        assertThat(text.value("prometheus_sd_file_scan_duration_seconds_count")).isEqualTo(1);
        assertThat(text.value("prometheus_sd_dns_lookups_total")).isEqualTo(1);
        assertThat(text.value("prometheus_sd_kubernetes_events_total{event=\"add\",role=\"pod\"}")).isEqualTo(1);
    }

    @Test
    void aRemovedConfigTakesItsSeriesAlong() {
        sd.discoveredTargets("scrape", "node", 3);
        sd.discoveredTargets("scrape", "self", 1);
        sd.lastUpdate("scrape", "node", 1000);
        sd.refreshDuration("dns", "node", 1_000_000L);
        sd.fileMtime("/a.json", 1000);
        sd.removeConfig("scrape", "node");
        sd.fileMtime("/a.json", -1);
        ExpositionText text = ExpositionText.of(registry);
        assertThat(text.text).doesNotContain("config=\"node\"").doesNotContain("/a.json");
        assertThat(text.value("prometheus_sd_discovered_targets{config=\"self\",name=\"scrape\"}")).isEqualTo(1);
    }
}
