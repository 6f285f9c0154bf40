package io.ignis.tsdb;

/**
 * Counters of a {@link Head} at one moment, for the server to expose under Prometheus's metric names
 * ({@code prometheus_tsdb_head_series}, {@code prometheus_tsdb_head_samples_appended_total}, …). Out-of-order:
 * {@code outOfOrderSamplesAppended} is {@code prometheus_tsdb_head_out_of_order_samples_appended_total}, {@code
 * tooOldSamples} {@code prometheus_tsdb_too_old_samples_total} (older than the out-of-order window, which is then
 * on), {@code outOfOrderSamples} counts rejections while the window is 0. {@code samplesAppended} counts floats
 * ({@code type="float"}), {@code histogramSamplesAppended} integer and float histograms ({@code type="histogram"});
 * the rejection counters count both kinds.
 */
public record HeadStats(long series, long seriesCreated, long seriesRemoved, long chunksCreated,
                        long chunksRemoved, long samplesAppended, long outOfOrderSamples, long outOfBoundsSamples,
                        long duplicateSamples, long minTime, long maxTime, long walCorruptions,
                        long walReplayUnknownRefs, long outOfOrderSamplesAppended, long tooOldSamples,
                        long wblCorruptions, long wblReplayUnknownRefs, long histogramSamplesAppended) {
}
