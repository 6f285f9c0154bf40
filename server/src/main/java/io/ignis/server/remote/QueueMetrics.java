package io.ignis.server.remote;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters of one remote-write queue, bumped by the watcher and the shards; {@link #snapshot()} gives
 * the values the lead binds to Micrometer under Prometheus's {@code prometheus_remote_storage_*} names.
 */
final class QueueMetrics {
    final LongAdder samplesIn = new LongAdder();
    final LongAdder samplesSent = new LongAdder();
    final LongAdder samplesFailed = new LongAdder();
    final LongAdder samplesRetried = new LongAdder();
    final LongAdder samplesDropped = new LongAdder();
    final LongAdder exemplarsSent = new LongAdder();
    final LongAdder exemplarsFailed = new LongAdder();
    final LongAdder exemplarsRetried = new LongAdder();
    final LongAdder exemplarsDropped = new LongAdder();
    final LongAdder metadataSent = new LongAdder();
    final LongAdder metadataFailed = new LongAdder();
    final LongAdder metadataRetried = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder metadataBytesSent = new LongAdder();
    final LongAdder enqueueRetries = new LongAdder();
    final LongAdder sentBatches = new LongAdder();
    final LongAdder sentBatchNanos = new LongAdder();
    final AtomicLong highestTimestamp = new AtomicLong();
    final AtomicLong highestSentTimestamp = new AtomicLong();
    final AtomicLong samplesPending = new AtomicLong();
    final AtomicLong exemplarsPending = new AtomicLong();
    volatile int shards;
    volatile double desiredShards;
    final int minShards;
    final int maxShards;
    final int shardCapacity;
    final int maxSamplesPerSend;

    QueueMetrics(int minShards, int maxShards, int shardCapacity, int maxSamplesPerSend) {
        this.minShards = minShards;
        this.maxShards = maxShards;
        this.shardCapacity = shardCapacity;
        this.maxSamplesPerSend = maxSamplesPerSend;
    }

    static void raise(AtomicLong max, long v) {
        long cur = max.get();
        while (v > cur && !max.compareAndSet(cur, v)) {
            cur = max.get();
        }
    }

    QueueStats snapshot(String remoteName, String url) {
        return new QueueStats(remoteName, url, samplesSent.sum(), samplesFailed.sum(), samplesRetried.sum(),
                samplesDropped.sum(), exemplarsSent.sum(), exemplarsFailed.sum(), exemplarsRetried.sum(),
                exemplarsDropped.sum(), metadataSent.sum(), metadataFailed.sum(), metadataRetried.sum(),
                bytesSent.sum(), metadataBytesSent.sum(), enqueueRetries.sum(), sentBatches.sum(),
                sentBatchNanos.sum() / 1e9, highestTimestamp.get() / 1000.0, highestSentTimestamp.get() / 1000.0,
                samplesPending.get(), exemplarsPending.get(), shards, minShards, maxShards, desiredShards,
                shardCapacity, maxSamplesPerSend, samplesIn.sum());
    }
}
