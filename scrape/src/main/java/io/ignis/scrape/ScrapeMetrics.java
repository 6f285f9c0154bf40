package io.ignis.scrape;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The scrape module's self-metrics, as counters the server binds to its registry under Prometheus's names, plus an
 * {@link Observer} for what Prometheus keeps as summaries, histograms and per-pool counters. Shared by every pool of
 * a manager; thread-safe.
 */
public final class ScrapeMetrics {
    /**
     * Receives the observations Prometheus records per scrape, sync and reload. Called on scrape and reload threads
     * (never per sample), so implementations must be thread-safe and must not block.
     */
    public interface Observer {
        /** Records nothing. */
        Observer NOOP = new Observer() {
        };

        /**
         * {@code prometheus_target_interval_length_seconds}: the time between the starts of two consecutive scrapes
         * of one target whose configured interval is {@code intervalNanos}.
         */
        default void intervalLength(long intervalNanos, long actualNanos) {
        }

        /** {@code prometheus_target_scrape_duration_seconds}: one scrape, from its start to its commit. */
        default void scrapeDuration(long durationNanos) {
        }

        /**
         * One sync of {@code job}'s pool with its discovered targets ({@code prometheus_target_scrape_pool_sync_total},
         * {@code prometheus_target_sync_length_seconds}); {@code failures} targets could not be built from their
         * labels ({@code prometheus_target_sync_failed_total}).
         */
        default void poolSynced(String job, long durationNanos, int failures) {
        }

        /** {@code prometheus_target_reload_length_seconds}: one pool reload under a scrape interval. */
        default void poolReloaded(long scrapeIntervalNanos, long durationNanos) {
        }
    }

    final Observer observer;
    /** prometheus_target_scrapes_sample_out_of_order_total */
    final LongAdder sampleOutOfOrder = new LongAdder();
    /** prometheus_target_scrapes_sample_duplicate_timestamp_total */
    final LongAdder sampleDuplicate = new LongAdder();
    /** prometheus_target_scrapes_sample_out_of_bounds_total */
    final LongAdder sampleOutOfBounds = new LongAdder();
    /** prometheus_target_scrapes_exceeded_sample_limit_total */
    final LongAdder exceededSampleLimit = new LongAdder();
    /** prometheus_target_scrapes_exceeded_native_histogram_bucket_limit_total */
    final LongAdder exceededNativeHistogramBucketLimit = new LongAdder();
    /** prometheus_target_scrapes_exceeded_body_size_limit_total */
    final LongAdder exceededBodySizeLimit = new LongAdder();
    /** prometheus_target_scrape_pool_exceeded_label_limits_total */
    final LongAdder exceededLabelLimits = new LongAdder();
    /** prometheus_target_scrape_pool_exceeded_target_limit_total */
    final LongAdder exceededTargetLimit = new LongAdder();
    /** prometheus_target_scrapes_exemplar_out_of_order_total */
    final LongAdder exemplarOutOfOrder = new LongAdder();
    /** prometheus_target_scrapes_cache_flush_forced_total */
    final LongAdder cacheFlushForced = new LongAdder();
    /** prometheus_target_scrape_pool_reloads_total */
    final LongAdder poolReloads = new LongAdder();
    /** prometheus_target_scrape_pool_reloads_failed_total */
    final LongAdder poolReloadsFailed = new LongAdder();
    /** prometheus_target_scrape_pool_sync_total summed over pools (the observer gets them per pool) */
    final LongAdder poolSyncs = new LongAdder();
    /** prometheus_target_scrape_pools_total */
    final LongAdder poolsCreated = new LongAdder();
    /** prometheus_target_scrape_pools_failed_total */
    final LongAdder poolsFailed = new LongAdder();
    /** prometheus_target_scrapes_skipped_total: ticks skipped because the previous scrape was still running */
    final LongAdder scrapesSkipped = new LongAdder();
    /** Not in Prometheus: scrapes done, for tests and the server's own use. */
    final LongAdder scrapes = new LongAdder();

    public ScrapeMetrics() {
        this(Observer.NOOP);
    }

    public ScrapeMetrics(Observer observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** A consistent-enough copy of every counter. */
    public record Snapshot(long sampleOutOfOrder, long sampleDuplicate, long sampleOutOfBounds,
            long exceededSampleLimit, long exceededBodySizeLimit, long exceededLabelLimits, long exceededTargetLimit,
            long cacheFlushForced, long poolReloads, long poolReloadsFailed, long poolSyncs, long poolsCreated,
            long poolsFailed, long scrapesSkipped, long scrapes, long exemplarOutOfOrder,
            long exceededNativeHistogramBucketLimit) {
    }

    public Snapshot snapshot() {
        return new Snapshot(sampleOutOfOrder.sum(), sampleDuplicate.sum(), sampleOutOfBounds.sum(),
                exceededSampleLimit.sum(), exceededBodySizeLimit.sum(), exceededLabelLimits.sum(),
                exceededTargetLimit.sum(), cacheFlushForced.sum(), poolReloads.sum(), poolReloadsFailed.sum(),
                poolSyncs.sum(), poolsCreated.sum(), poolsFailed.sum(), scrapesSkipped.sum(), scrapes.sum(),
                exemplarOutOfOrder.sum(), exceededNativeHistogramBucketLimit.sum());
    }
}
