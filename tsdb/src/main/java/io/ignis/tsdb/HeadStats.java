package io.ignis.tsdb;

/**
 * Counters of a {@link Head} at one moment, for the server to expose under Prometheus's metric names
 * ({@code prometheus_tsdb_head_series}, {@code prometheus_tsdb_head_samples_appended_total}, …).
 */
public record HeadStats(long series, long seriesCreated, long seriesRemoved, long chunksCreated,
                        long chunksRemoved, long samplesAppended, long outOfOrderSamples, long outOfBoundsSamples,
                        long duplicateSamples, long minTime, long maxTime, long walCorruptions,
                        long walReplayUnknownRefs) {
}
