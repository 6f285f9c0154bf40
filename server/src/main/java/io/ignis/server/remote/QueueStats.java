package io.ignis.server.remote;

import java.util.Map;

/**
 * A snapshot of one remote-write queue's self-metrics, labelled {@code remote_name} and {@code url} in Prometheus.
 * Each component names the metric it feeds (all prefixed {@code prometheus_remote_storage_}).
 *
 * @param samplesTotal {@code samples_total} (counter): samples sent successfully
 * @param samplesFailedTotal {@code samples_failed_total}: samples in batches that failed non-recoverably
 * @param samplesRetriedTotal {@code samples_retried_total}: samples in batches that were retried
 * @param samplesDroppedTotal {@code samples_dropped_total}: samples dropped by relabeling or for an unknown series
 * @param exemplarsTotal {@code exemplars_total}
 * @param exemplarsFailedTotal {@code exemplars_failed_total}
 * @param exemplarsRetriedTotal {@code exemplars_retried_total}
 * @param exemplarsDroppedTotal {@code exemplars_dropped_total}
 * @param metadataTotal {@code metadata_total}
 * @param metadataFailedTotal {@code metadata_failed_total}
 * @param metadataRetriedTotal {@code metadata_retried_total}
 * @param bytesTotal {@code bytes_total}: compressed bytes of sample batches sent
 * @param metadataBytesTotal {@code metadata_bytes_total}
 * @param enqueueRetriesTotal {@code enqueue_retries_total}: times the watcher waited for a full shard
 * @param sentBatches {@code sent_batch_duration_seconds_count}
 * @param sentBatchDurationSeconds {@code sent_batch_duration_seconds_sum}
 * @param queueHighestTimestampSeconds {@code queue_highest_timestamp_seconds} (gauge): newest sample read
 * @param queueHighestSentTimestampSeconds {@code queue_highest_sent_timestamp_seconds}
 * @param samplesPending {@code samples_pending} (gauge)
 * @param exemplarsPending {@code exemplars_pending}
 * @param shards {@code shards}
 * @param shardsMin {@code shards_min}
 * @param shardsMax {@code shards_max}
 * @param shardsDesired {@code shards_desired}
 * @param shardCapacity {@code shard_capacity}
 * @param maxSamplesPerSend {@code max_samples_per_send}
 * @param samplesInTotal {@code prometheus_remote_storage_samples_in_total} (not labelled per queue in Prometheus)
 * @param exemplarsInTotal {@code prometheus_remote_storage_exemplars_in_total} (not labelled per queue either)
 * @param samplesDroppedByReason {@code samples_dropped_total} by its {@code reason} label
 * @param exemplarsDroppedByReason {@code exemplars_dropped_total} by its {@code reason} label
 * @param sentBatchBuckets {@code sent_batch_duration_seconds_bucket}: cumulative counts per bound of
 *     {@link QueueMetrics#SENT_BATCH_BUCKETS}
 * @param histogramsTotal {@code histograms_total}: native histograms sent successfully
 * @param histogramsFailedTotal {@code histograms_failed_total}
 * @param histogramsRetriedTotal {@code histograms_retried_total}
 * @param histogramsDroppedTotal {@code histograms_dropped_total}
 * @param histogramsPending {@code histograms_pending}
 * @param histogramsInTotal {@code prometheus_remote_storage_histograms_in_total} (not labelled per queue)
 * @param histogramsDroppedByReason {@code histograms_dropped_total} by its {@code reason} label
 */
public record QueueStats(String remoteName, String url, long samplesTotal, long samplesFailedTotal,
        long samplesRetriedTotal, long samplesDroppedTotal, long exemplarsTotal, long exemplarsFailedTotal,
        long exemplarsRetriedTotal, long exemplarsDroppedTotal, long metadataTotal, long metadataFailedTotal,
        long metadataRetriedTotal, long bytesTotal, long metadataBytesTotal, long enqueueRetriesTotal,
        long sentBatches, double sentBatchDurationSeconds, double queueHighestTimestampSeconds,
        double queueHighestSentTimestampSeconds, long samplesPending, long exemplarsPending, int shards,
        int shardsMin, int shardsMax, double shardsDesired, int shardCapacity, int maxSamplesPerSend,
        long samplesInTotal, long exemplarsInTotal, Map<String, Long> samplesDroppedByReason,
        Map<String, Long> exemplarsDroppedByReason, long[] sentBatchBuckets, long histogramsTotal,
        long histogramsFailedTotal, long histogramsRetriedTotal, long histogramsDroppedTotal, long histogramsPending,
        long histogramsInTotal, Map<String, Long> histogramsDroppedByReason) {
}
