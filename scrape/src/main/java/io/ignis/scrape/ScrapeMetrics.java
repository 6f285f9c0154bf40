package io.ignis.scrape;

import java.util.concurrent.atomic.LongAdder;

/**
 * The scrape module's self-metrics, as counters the server binds to its registry under Prometheus's names. Shared
 * by every pool of a manager; thread-safe.
 */
public final class ScrapeMetrics {
    /** prometheus_target_scrapes_sample_out_of_order_total */
    final LongAdder sampleOutOfOrder = new LongAdder();
    /** prometheus_target_scrapes_sample_duplicate_timestamp_total */
    final LongAdder sampleDuplicate = new LongAdder();
    /** prometheus_target_scrapes_sample_out_of_bounds_total */
    final LongAdder sampleOutOfBounds = new LongAdder();
    /** prometheus_target_scrapes_exceeded_sample_limit_total */
    final LongAdder exceededSampleLimit = new LongAdder();
    /** prometheus_target_scrapes_exceeded_body_size_limit_total */
    final LongAdder exceededBodySizeLimit = new LongAdder();
    /** prometheus_target_scrape_pool_exceeded_label_limits_total */
    final LongAdder exceededLabelLimits = new LongAdder();
    /** prometheus_target_scrape_pool_exceeded_target_limit_total */
    final LongAdder exceededTargetLimit = new LongAdder();
    /** prometheus_target_scrapes_cache_flush_forced_total */
    final LongAdder cacheFlushForced = new LongAdder();
    /** prometheus_target_scrape_pool_reloads_total */
    final LongAdder poolReloads = new LongAdder();
    /** prometheus_target_scrape_pool_reloads_failed_total */
    final LongAdder poolReloadsFailed = new LongAdder();
    /** prometheus_target_scrape_pool_sync_total (summed over pools) */
    final LongAdder poolSyncs = new LongAdder();
    /** prometheus_target_scrape_pools_total */
    final LongAdder poolsCreated = new LongAdder();
    /** prometheus_target_scrape_pools_failed_total */
    final LongAdder poolsFailed = new LongAdder();
    /** prometheus_target_scrapes_skipped_total: ticks skipped because the previous scrape was still running */
    final LongAdder scrapesSkipped = new LongAdder();
    /** Not in Prometheus: scrapes done, for tests and the server's own use. */
    final LongAdder scrapes = new LongAdder();

    /** A consistent-enough copy of every counter. */
    public record Snapshot(long sampleOutOfOrder, long sampleDuplicate, long sampleOutOfBounds,
            long exceededSampleLimit, long exceededBodySizeLimit, long exceededLabelLimits, long exceededTargetLimit,
            long cacheFlushForced, long poolReloads, long poolReloadsFailed, long poolSyncs, long poolsCreated,
            long poolsFailed, long scrapesSkipped, long scrapes) {
    }

    public Snapshot snapshot() {
        return new Snapshot(sampleOutOfOrder.sum(), sampleDuplicate.sum(), sampleOutOfBounds.sum(),
                exceededSampleLimit.sum(), exceededBodySizeLimit.sum(), exceededLabelLimits.sum(),
                exceededTargetLimit.sum(), cacheFlushForced.sum(), poolReloads.sum(), poolReloadsFailed.sum(),
                poolSyncs.sum(), poolsCreated.sum(), poolsFailed.sum(), scrapesSkipped.sum(), scrapes.sum());
    }
}
