package io.ignis.server.metrics;

import io.ignis.scrape.ScrapeMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
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
        counter(registry, counters, "prometheus_target_scrapes_exceeded_native_histogram_bucket_limit_total",
                "Total number of scrapes that hit the native histogram bucket limit and were rejected.",
                ScrapeMetrics.Snapshot::exceededNativeHistogramBucketLimit);
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

        registry.register(new PoolGauges(pools));

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

    /** The per-pool gauges, from one listing of the pools per exposition. */
    private static final class PoolGauges implements MultiCollector {
        private static final String[] NAMES = {"prometheus_target_scrape_pool_targets",
            "prometheus_target_scrape_pool_target_limit", "prometheus_target_metadata_cache_entries",
            "prometheus_target_metadata_cache_bytes"};
        private static final String[] HELPS = {"Current number of targets in this scrape pool.",
            "Maximum number of targets allowed in this scrape pool.",
            "Total number of metric metadata entries in the cache",
            "The number of bytes that are currently used for storing metric metadata in the cache"};

        private final Supplier<List<Pool>> pools;

        PoolGauges(Supplier<List<Pool>> pools) {
            this.pools = pools;
        }

        @Override
        public MetricSnapshots collect() {
            List<Pool> all = pools.get();
            if (all.isEmpty()) {
                return MetricSnapshots.of();
            }
            GaugeSnapshot.Builder[] out = new GaugeSnapshot.Builder[NAMES.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = GaugeSnapshot.builder().name(NAMES[i]).help(HELPS[i]);
            }
            for (Pool p : all) {
                Labels job = Labels.of("scrape_job", p.job());
                double[] values = {p.targets(), p.targetLimit(), p.metadataEntries(), p.metadataBytes()};
                for (int i = 0; i < out.length; i++) {
                    out[i].dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(job).value(values[i])
                            .build());
                }
            }
            MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
            for (GaugeSnapshot.Builder b : out) {
                snapshots.metricSnapshot(b.build());
            }
            return snapshots.build();
        }

        @Override
        public List<String> getPrometheusNames() {
            return List.of(NAMES);
        }
    }
}
