package io.ignis.server.api;

import java.time.Instant;

/** The facts behind {@code /api/v1/status/runtimeinfo}; the JSON names are Prometheus's. */
public record RuntimeInfo(Instant startTime, String cwd, String hostname, Instant serverTime,
                          boolean reloadConfigSuccess, Instant lastConfigTime, long corruptionCount,
                          int threadCount, int availableProcessors, long maxHeapBytes, String storageRetention) {
}
