package io.ignis.tsdb;

import java.util.List;

/**
 * The data of {@code /api/v1/status/tsdb}: the head's size and its top label cardinalities, each list sorted
 * by count descending (ties by name) and cut to the requested limit.
 *
 * @param headStats {@code headStats}
 * @param seriesCountByMetricName series per {@code __name__} value
 * @param labelValueCountByLabelName distinct values per label name
 * @param memoryInBytesByLabelName bytes of label values per label name, counted once per series
 * @param seriesCountByLabelValuePair series per {@code name=value}
 */
public record TsdbStatus(HeadSummary headStats, List<Stat> seriesCountByMetricName,
                         List<Stat> labelValueCountByLabelName, List<Stat> memoryInBytesByLabelName,
                         List<Stat> seriesCountByLabelValuePair) {
    /** One {@code {name, value}} entry of a top-N list. */
    public record Stat(String name, long value) {
    }

    /** The {@code headStats} object: {@code numSeries}, {@code numLabelPairs}, {@code chunkCount}, times. */
    public record HeadSummary(long numSeries, long numLabelPairs, long chunkCount, long minTime, long maxTime) {
    }
}
