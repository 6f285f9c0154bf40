package io.ignis.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ignis.scrape.ScrapeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScrapeSelfMetricsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ScrapeSelfMetrics binder = new ScrapeSelfMetrics();
    private volatile ScrapeMetrics.Snapshot counters = new ScrapeMetrics().snapshot();
    private final List<ScrapeSelfMetrics.Pool> pools = new CopyOnWriteArrayList<>();

    ScrapeSelfMetricsTest() {
        binder.register(registry.getPrometheusRegistry(), () -> counters, () -> new ArrayList<>(pools));
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void everyFamilyHasPrometheusNameTypeAndHelp() {
        pools.add(new ScrapeSelfMetrics.Pool("node", 3, 0, 12, 345));
        binder.poolSynced("node", 2_000_000L, 0);
        binder.poolReloaded(30_000_000_000L, 5_000_000L);
        binder.intervalLength(15_000_000_000L, 15_100_000_000L);
        ExpositionText text = ExpositionText.of(registry);
        assertThat(text.families("prometheus_target_")).containsExactly(
                "prometheus_target_interval_length_histogram_seconds",
                "prometheus_target_interval_length_seconds",
                "prometheus_target_metadata_cache_bytes",
                "prometheus_target_metadata_cache_entries",
                "prometheus_target_reload_length_seconds",
                "prometheus_target_scrape_duration_seconds",
                "prometheus_target_scrape_pool_exceeded_label_limits_total",
                "prometheus_target_scrape_pool_exceeded_target_limit_total",
                "prometheus_target_scrape_pool_reloads_failed_total",
                "prometheus_target_scrape_pool_reloads_total",
                "prometheus_target_scrape_pool_sync_total",
                "prometheus_target_scrape_pool_target_limit",
                "prometheus_target_scrape_pool_targets",
                "prometheus_target_scrape_pools_failed_total",
                "prometheus_target_scrape_pools_total",
                "prometheus_target_scrapes_cache_flush_forced_total",
                "prometheus_target_scrapes_exceeded_body_size_limit_total",
                "prometheus_target_scrapes_exceeded_native_histogram_bucket_limit_total",
                "prometheus_target_scrapes_exceeded_sample_limit_total",
                "prometheus_target_scrapes_exemplar_out_of_order_total",
                "prometheus_target_scrapes_sample_duplicate_timestamp_total",
                "prometheus_target_scrapes_sample_out_of_bounds_total",
                "prometheus_target_scrapes_sample_out_of_order_total",
                "prometheus_target_sync_failed_total",
                "prometheus_target_sync_length_histogram_seconds",
                "prometheus_target_sync_length_seconds");
        assertThat(text.types).containsEntry("prometheus_target_interval_length_seconds", "summary")
                .containsEntry("prometheus_target_sync_length_seconds", "summary")
                .containsEntry("prometheus_target_reload_length_seconds", "summary")
                .containsEntry("prometheus_target_sync_length_histogram_seconds", "histogram")
                .containsEntry("prometheus_target_scrape_duration_seconds", "histogram")
                .containsEntry("prometheus_target_scrape_pool_targets", "gauge")
                .containsEntry("prometheus_target_scrape_pool_sync_total", "counter")
                .containsEntry("prometheus_target_scrapes_sample_out_of_order_total", "counter");
        assertThat(text.helps).containsEntry("prometheus_target_interval_length_seconds",
                "Actual intervals between scrapes.")
                .containsEntry("prometheus_target_scrapes_exceeded_body_size_limit_total",
                        "Total number of scrapes that hit the body size limit")
                .containsEntry("prometheus_target_metadata_cache_entries",
                        "Total number of metric metadata entries in the cache");
    }

    @Test
    void labelledFamiliesAppearOnlyOnceObservedAsInPrometheus() {
        ExpositionText text = ExpositionText.of(registry);
        assertThat(text.families("prometheus_target_")).doesNotContain("prometheus_target_interval_length_seconds",
                "prometheus_target_scrape_pool_targets", "prometheus_target_sync_length_seconds")
                .contains("prometheus_target_scrape_duration_seconds", "prometheus_target_scrape_pools_total");
    }

    @Test
    void intervalLengthIsASummaryLabelledWithGoDurations() {
        binder.intervalLength(15_000_000_000L, 15_100_000_000L);
        binder.intervalLength(15_000_000_000L, 14_900_000_000L);
        binder.intervalLength(60_000_000_000L, 60_000_000_000L);
        ExpositionText text = ExpositionText.of(registry);
        assertThat(text.value("prometheus_target_interval_length_seconds_count{interval=\"15s\"}")).isEqualTo(2);
        assertThat(text.value("prometheus_target_interval_length_seconds_sum{interval=\"15s\"}"))
                .isCloseTo(30.0, within(1e-9));
        assertThat(text.value("prometheus_target_interval_length_seconds_count{interval=\"1m0s\"}")).isEqualTo(1);
        assertThat(text.value("prometheus_target_interval_length_seconds{interval=\"1m0s\",quantile=\"0.99\"}"))
                .isEqualTo(60);
        assertThat(text.series("prometheus_target_interval_length_seconds")).filteredOn(s -> s.contains("15s"))
                .filteredOn(s -> s.contains("quantile"))
                .extracting(s -> s.replaceAll(".*quantile=\"([^\"]*)\".*", "$1"))
                .containsExactly("0.01", "0.05", "0.5", "0.9", "0.99");
        assertThat(text.value("prometheus_target_interval_length_histogram_seconds_count{interval=\"15s\"}"))
                .isEqualTo(2);
        assertThat(text.types).doesNotContainKey("prometheus_target_interval_length_seconds_max");
    }

    @Test
    void countersAreReadFromTheScrapeModule() {
        counters = new ScrapeMetrics.Snapshot(1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 3, 13, 14, 15, 16, 17);
        ExpositionText text = ExpositionText.of(registry);
        assertThat(text.value("prometheus_target_scrapes_sample_out_of_order_total")).isEqualTo(1);
        assertThat(text.value("prometheus_target_scrapes_sample_duplicate_timestamp_total")).isEqualTo(2);
        assertThat(text.value("prometheus_target_scrapes_sample_out_of_bounds_total")).isEqualTo(4);
        assertThat(text.value("prometheus_target_scrapes_exceeded_sample_limit_total")).isEqualTo(5);
        assertThat(text.value("prometheus_target_scrapes_exceeded_body_size_limit_total")).isEqualTo(6);
        assertThat(text.value("prometheus_target_scrape_pool_exceeded_label_limits_total")).isEqualTo(7);
        assertThat(text.value("prometheus_target_scrape_pool_exceeded_target_limit_total")).isEqualTo(8);
        assertThat(text.value("prometheus_target_scrapes_cache_flush_forced_total")).isEqualTo(9);
        assertThat(text.value("prometheus_target_scrape_pool_reloads_total")).isEqualTo(10);
        assertThat(text.value("prometheus_target_scrape_pool_reloads_failed_total")).isEqualTo(11);
        assertThat(text.value("prometheus_target_scrape_pools_total")).isEqualTo(3);
        assertThat(text.value("prometheus_target_scrape_pools_failed_total")).isEqualTo(13);
        assertThat(text.value("prometheus_target_scrapes_exemplar_out_of_order_total")).isEqualTo(16);
        assertThat(text.value("prometheus_target_scrapes_exceeded_native_histogram_bucket_limit_total")).isEqualTo(17);
    }

    @Test
    void poolFamiliesCarryScrapeJobAndGoAwayWithThePool() {
        pools.add(new ScrapeSelfMetrics.Pool("node", 3, 0, 12, 345));
        pools.add(new ScrapeSelfMetrics.Pool("self", 1, 10, 0, 0));
        binder.poolSynced("node", 2_000_000L, 1);
        binder.poolSynced("node", 4_000_000L, 0);
        binder.poolSynced("self", 1_000_000L, 0);
        binder.poolReloaded(30_000_000_000L, 5_000_000L);
        ExpositionText text = ExpositionText.of(registry);
        assertThat(text.value("prometheus_target_scrape_pool_targets{scrape_job=\"node\"}")).isEqualTo(3);
        assertThat(text.value("prometheus_target_scrape_pool_target_limit{scrape_job=\"self\"}")).isEqualTo(10);
        assertThat(text.value("prometheus_target_metadata_cache_entries{scrape_job=\"node\"}")).isEqualTo(12);
        assertThat(text.value("prometheus_target_metadata_cache_bytes{scrape_job=\"node\"}")).isEqualTo(345);
        assertThat(text.value("prometheus_target_scrape_pool_sync_total{scrape_job=\"node\"}")).isEqualTo(2);
        assertThat(text.value("prometheus_target_sync_failed_total{scrape_job=\"node\"}")).isEqualTo(1);
        assertThat(text.value("prometheus_target_sync_failed_total{scrape_job=\"self\"}")).isEqualTo(0);
        assertThat(text.value("prometheus_target_sync_length_seconds_sum{scrape_job=\"node\"}"))
                .isCloseTo(0.006, within(1e-12));
        assertThat(text.value("prometheus_target_sync_length_histogram_seconds_bucket{scrape_job=\"node\","
                + "le=\"0.01\"}")).isEqualTo(2);
        assertThat(text.value("prometheus_target_reload_length_seconds_count{interval=\"30s\"}")).isEqualTo(1);

        pools.remove(0);
        binder.removePool("node");
        ExpositionText after = ExpositionText.of(registry);
        assertThat(after.text).doesNotContain("scrape_job=\"node\"").contains("scrape_job=\"self\"");
    }
}
