package io.ignis.promql.engine;

/**
 * Statistics of one query, as Prometheus's {@code stats} object needs them.
 *
 * @param peakSamples        the most samples held in memory at once ({@code peakSamples})
 * @param totalSamplesLoaded samples loaded from storage or produced by range functions
 *                           ({@code totalQueryableSamples})
 * @param timings            where the time went
 * @param perStep            samples per step when per-step statistics were asked for, else null
 */
public record QueryStats(long peakSamples, long totalSamplesLoaded, QueryTimings timings, SamplesPerStep perStep) {
    public QueryStats {
        if (timings == null) {
            timings = QueryTimings.ZERO;
        }
    }

    public QueryStats(long peakSamples, long totalSamplesLoaded) {
        this(peakSamples, totalSamplesLoaded, QueryTimings.ZERO, null);
    }
}
