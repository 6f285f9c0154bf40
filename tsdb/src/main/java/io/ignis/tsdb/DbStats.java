package io.ignis.tsdb;

/**
 * A {@link Db}'s self-metrics at one moment, for the server to bind to Micrometer under Prometheus's names
 * (given per component). Counters are totals since open; times are milliseconds since the epoch.
 *
 * @param headSeries prometheus_tsdb_head_series
 * @param headChunks prometheus_tsdb_head_chunks
 * @param headSamplesAppended prometheus_tsdb_head_samples_appended_total
 * @param headMinTime prometheus_tsdb_head_min_time
 * @param headMaxTime prometheus_tsdb_head_max_time
 * @param headSeriesCreated prometheus_tsdb_head_series_created_total
 * @param headSeriesRemoved prometheus_tsdb_head_series_removed_total
 * @param headTruncations prometheus_tsdb_head_truncations_total
 * @param headTruncationsFailed prometheus_tsdb_head_truncations_failed_total
 * @param compactions prometheus_tsdb_compactions_total
 * @param compactionsFailed prometheus_tsdb_compactions_failed_total
 * @param compactionSecondsSum prometheus_tsdb_compaction_duration_seconds (sum; count is {@code compactions})
 * @param reloads prometheus_tsdb_reloads_total
 * @param reloadsFailed prometheus_tsdb_reloads_failures_total
 * @param blocksLoaded prometheus_tsdb_blocks_loaded
 * @param corruptBlocks how many corrupt block directories are being skipped (no Prometheus equivalent)
 * @param storageBlocksBytes prometheus_tsdb_storage_blocks_bytes
 * @param walFsyncs prometheus_tsdb_wal_fsync_duration_seconds (count; fsyncs the Db asked for)
 * @param walFsyncSecondsSum prometheus_tsdb_wal_fsync_duration_seconds (sum)
 * @param walCorruptions prometheus_tsdb_wal_corruptions_total
 * @param walBytes prometheus_tsdb_wal_storage_size_bytes
 * @param headChunksBytes prometheus_tsdb_head_chunks_storage_size_bytes
 * @param outOfOrderSamples prometheus_tsdb_out_of_order_samples_total
 * @param outOfBoundSamples prometheus_tsdb_out_of_bound_samples_total
 * @param sizeRetentions prometheus_tsdb_size_retentions_total
 * @param timeRetentions prometheus_tsdb_time_retentions_total
 * @param symbolTableSizeBytes prometheus_tsdb_symbol_table_size_bytes (loaded blocks' symbols)
 * @param lowestTimestamp prometheus_tsdb_lowest_timestamp
 * @param retentionLimitBytes prometheus_tsdb_retention_limit_bytes
 * @param retentionLimitSeconds prometheus_tsdb_retention_limit_seconds
 * @param outOfOrderSamplesAppended prometheus_tsdb_head_out_of_order_samples_appended_total{type="float"}
 * @param tooOldSamples prometheus_tsdb_too_old_samples_total{type="float"}
 * @param wblBytes prometheus_tsdb_out_of_order_wbl_storage_size_bytes
 * @param wblCorruptions prometheus_tsdb_out_of_order_wbl_corruptions_total (Prometheus counts WBL replay damage
 *     there too)
 * @param outOfOrderTimeWindowSeconds the window in force (no Prometheus metric; for the status page)
 * @param headHistogramSamplesAppended prometheus_tsdb_head_samples_appended_total{type="histogram"} (integer and
 *     float histograms; {@code headSamplesAppended} is then the {@code type="float"} series)
 */
public record DbStats(long headSeries, long headChunks, long headSamplesAppended, long headMinTime,
                      long headMaxTime, long headSeriesCreated, long headSeriesRemoved, long headTruncations,
                      long headTruncationsFailed, long compactions, long compactionsFailed,
                      double compactionSecondsSum, long reloads, long reloadsFailed, long blocksLoaded,
                      long corruptBlocks, long storageBlocksBytes, long walFsyncs, double walFsyncSecondsSum,
                      long walCorruptions, long walBytes, long headChunksBytes, long outOfOrderSamples,
                      long outOfBoundSamples, long sizeRetentions, long timeRetentions, long symbolTableSizeBytes,
                      long lowestTimestamp, long retentionLimitBytes, double retentionLimitSeconds,
                      long outOfOrderSamplesAppended, long tooOldSamples, long wblBytes, long wblCorruptions,
                      double outOfOrderTimeWindowSeconds, long headHistogramSamplesAppended) {
}
