package io.ignis.server.metrics;

import io.ignis.scrape.ScrapeMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The scrape manager's {@code prometheus_target_*} families, as Prometheus's scrape/metrics.go defines them: the
 * module's counters are read at exposition time, its observations arrive through {@link ScrapeMetrics.Observer},
 * and per-pool gauges are read from the live pools, so a pool that went away disappears with them. The sync
 * families labelled {@code scrape_job} are removed by {@link #removePool}.
 */
public final class ScrapeSelfMetrics implements ScrapeMetrics.Observer {
    /** One scrape pool as its gauges show it. */
    public record Pool(String job, int targets, long targetLimit, int metadataEntries, long metadataBytes) {
    }

    private final Summary reloadLength = SelfMeters.summary("prometheus_target_reload_length_seconds",
            "Actual interval to reload the scrape pool with a given configuration.", SelfMeters.FIVE_QUANTILES,
            "interval");
    private final Counter syncs = SelfMeters.counter("prometheus_target_scrape_pool_sync_total",
            "Total number of syncs that were executed on a scrape pool.", "scrape_job");
    private final Summary syncLength = SelfMeters.summary("prometheus_target_sync_length_seconds",
            "Actual interval to sync the scrape pool.", SelfMeters.FIVE_QUANTILES, "scrape_job");
    private final Histogram syncLengthHistogram = SelfMeters.histogram(
            "prometheus_target_sync_length_histogram_seconds", "Actual interval to sync the scrape pool.",
            SelfMeters.TWIN_BUCKETS, "scrape_job");
    private final Counter syncFailed = SelfMeters.counter("prometheus_target_sync_failed_total",
            "Total number of target sync failures.", "scrape_job");
    private final Summary intervalLength = SelfMeters.summary("prometheus_target_interval_length_seconds",
            "Actual intervals between scrapes.", SelfMeters.FIVE_QUANTILES, "interval");
    private final Histogram intervalLengthHistogram = SelfMeters.histogram(
            "prometheus_target_interval_length_histogram_seconds", "Actual intervals between scrapes.",
            SelfMeters.TWIN_BUCKETS, "interval");
    // Native-only in Prometheus: the text format shows it with the +Inf bucket alone.
    private final Histogram scrapeDuration = SelfMeters.histogram("prometheus_target_scrape_duration_seconds",
            "Total duration of the scrape from start to commit completion in seconds.", new double[0]);

    @Override
    public void intervalLength(long intervalNanos, long actualNanos) {
        String interval = GoDuration.format(intervalNanos);
        intervalLength.labelValues(interval).observe(actualNanos / 1e9);
        intervalLengthHistogram.labelValues(interval).observe(actualNanos / 1e9);
    }

    @Override
    public void scrapeDuration(long durationNanos) {
        scrapeDuration.observe(durationNanos / 1e9);
    }

    @Override
    public void poolSynced(String job, long durationNanos, int failures) {
        syncs.labelValues(job).inc();
        syncFailed.labelValues(job).inc(failures);
        syncLength.labelValues(job).observe(durationNanos / 1e9);
        syncLengthHistogram.labelValues(job).observe(durationNanos / 1e9);
    }

    @Override
    public void poolReloaded(long scrapeIntervalNanos, long durationNanos) {
        reloadLength.labelValues(GoDuration.format(scrapeIntervalNanos)).observe(durationNanos / 1e9);
    }

    /** Forgets a pool that was removed by a reload, as Prometheus's scrapePool.stop deletes its label values. */
    public void removePool(String job) {
        syncs.remove(job);
        syncFailed.remove(job);
        syncLength.remove(job);
        syncLengthHistogram.remove(job);
    }

    /**
     * Registers every family: {@code counters} is read at each exposition, {@code pools} lists the pools that
     * exist now. Both suppliers are called on the exposition thread and must be thread-safe.
     */
    public void register(PrometheusRegistry registry, Supplier<ScrapeMetrics.Snapshot> counters,
            Supplier<List<Pool>> pools) {
        counter(registry, counters, "prometheus_target_scrape_pools_total",
                "Total number of scrape pool creation attempts.", ScrapeMetrics.Snapshot::poolsCreated);
        counter(registry, counters, "prometheus_target_scrape_pools_failed_total",
                "Total number of scrape pool creations that failed.", ScrapeMetrics.Snapshot::poolsFailed);
        counter(registry, counters, "prometheus_target_scrape_pool_reloads_total",
                "Total number of scrape pool reloads.", ScrapeMetrics.Snapshot::poolReloads);
        counter(registry, counters, "prometheus_target_scrape_pool_reloads_failed_total",
                "Total number of failed scrape pool reloads.", ScrapeMetrics.Snapshot::poolReloadsFailed);
        counter(registry, counters, "prometheus_target_scrape_pool_exceeded_target_limit_total",
                "Total number of times scrape pools hit the target limit, during sync or config reload.",
                ScrapeMetrics.Snapshot::exceededTargetLimit);
        counter(registry, counters, "prometheus_target_scrapes_exceeded_body_size_limit_total",
                "Total number of scrapes that hit the body size limit", ScrapeMetrics.Snapshot::exceededBodySizeLimit);
        counter(registry, counters, "prometheus_target_scrapes_cache_flush_forced_total",
                "How many times a scrape cache was flushed due to getting big while scrapes are failing.",
                ScrapeMetrics.Snapshot::cacheFlushForced);
        counter(registry, counters, "prometheus_target_scrapes_exceeded_sample_limit_total",
                "Total number of scrapes that hit the sample limit and were rejected.",
                ScrapeMetrics.Snapshot::exceededSampleLimit);
        counter(registry, counters, "prometheus_target_scrapes_sample_duplicate_timestamp_total",
                "Total number of samples rejected due to duplicate timestamps but different values.",
                ScrapeMetrics.Snapshot::sampleDuplicate);
        counter(registry, counters, "prometheus_target_scrapes_sample_out_of_order_total",
                "Total number of samples rejected due to not being out of the expected order.",
                ScrapeMetrics.Snapshot::sampleOutOfOrder);
        counter(registry, counters, "prometheus_target_scrapes_sample_out_of_bounds_total",
                "Total number of samples rejected due to timestamp falling outside of the time bounds.",
                ScrapeMetrics.Snapshot::sampleOutOfBounds);
        counter(registry, counters, "prometheus_target_scrapes_exemplar_out_of_order_total",
                "Total number of exemplar rejected due to not being out of the expected order.",
                ScrapeMetrics.Snapshot::exemplarOutOfOrder);
        counter(registry, counters, "prometheus_target_scrape_pool_exceeded_label_limits_total",
                "Total number of times scrape pools hit the label limits, during sync or config reload.",
                ScrapeMetrics.Snapshot::exceededLabelLimits);

        poolGauge(registry, pools, "prometheus_target_scrape_pool_targets",
                "Current number of targets in this scrape pool.", Pool::targets);
        poolGauge(registry, pools, "prometheus_target_scrape_pool_target_limit",
                "Maximum number of targets allowed in this scrape pool.", Pool::targetLimit);
        poolGauge(registry, pools, "prometheus_target_metadata_cache_entries",
                "Total number of metric metadata entries in the cache", Pool::metadataEntries);
        poolGauge(registry, pools, "prometheus_target_metadata_cache_bytes",
                "The number of bytes that are currently used for storing metric metadata in the cache",
                Pool::metadataBytes);

        registry.register(reloadLength);
        registry.register(syncs);
        registry.register(syncLength);
        registry.register(syncLengthHistogram);
        registry.register(syncFailed);
        registry.register(intervalLength);
        registry.register(intervalLengthHistogram);
        registry.register(scrapeDuration);
    }

    private static void counter(PrometheusRegistry registry, Supplier<ScrapeMetrics.Snapshot> counters, String name,
            String help, ToLongFunction<ScrapeMetrics.Snapshot> f) {
        registry.register(CounterWithCallback.builder().name(name).help(help)
                .callback(cb -> cb.call(f.applyAsLong(counters.get()))).build());
    }

    private static void poolGauge(PrometheusRegistry registry, Supplier<List<Pool>> pools, String name, String help,
            ToLongFunction<Pool> f) {
        registry.register(GaugeWithCallback.builder().name(name).help(help).labelNames("scrape_job")
                .callback(cb -> {
                    for (Pool p : pools.get()) {
                        cb.call(f.applyAsLong(p), p.job());
                    }
                }).build());
    }
}
