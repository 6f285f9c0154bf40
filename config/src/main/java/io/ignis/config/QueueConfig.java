package io.ignis.config;

import java.time.Duration;

/** {@code remote_write.queue_config}; a zero {@code sampleAgeLimit} means no limit. */
public record QueueConfig(int capacity, int maxShards, int minShards, int maxSamplesPerSend,
        Duration batchSendDeadline, Duration minBackoff, Duration maxBackoff, boolean retryOnHttp429,
        Duration sampleAgeLimit) {
    /** Prometheus's defaults. */
    public static final QueueConfig DEFAULT = new QueueConfig(10000, 50, 1, 2000, Duration.ofSeconds(5),
            Duration.ofMillis(30), Duration.ofSeconds(5), false, Duration.ZERO);
}
