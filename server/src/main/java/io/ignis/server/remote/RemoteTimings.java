package io.ignis.server.remote;

import java.time.Duration;

/**
 * The intervals of remote storage that are not in the config, injectable so tests can scale minutes to millis.
 *
 * @param walPoll how often the WAL watcher looks for new records when idle
 * @param shardUpdate how often the desired shard count is recomputed (Prometheus: 10 s)
 * @param markerSave how often the sent position is saved
 * @param flushDeadline how long close waits for queued samples to be sent (Prometheus: 1 min)
 */
public record RemoteTimings(Duration walPoll, Duration shardUpdate, Duration markerSave, Duration flushDeadline) {
    public static final RemoteTimings DEFAULT = new RemoteTimings(Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofSeconds(1), Duration.ofMinutes(1));
}
