package io.ignis.server.api;

import java.util.List;

/** Head cardinality statistics and WAL replay progress for {@code /api/v1/status/tsdb} and {@code walreplay}. */
public interface TsdbStatusSource {
    /** Head statistics with the top {@code limit} entries of each list, largest first. */
    TsdbStatus status(int limit);

    /** WAL segments: first, last and the one being replayed now (all equal once replay is done). */
    WalReplay walReplay();

    /** No TSDB yet: an empty head, replay done. */
    TsdbStatusSource NONE = new TsdbStatusSource() {
        @Override
        public TsdbStatus status(int limit) {
            return new TsdbStatus(0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE, List.of(), List.of(), List.of(),
                    List.of());
        }

        @Override
        public WalReplay walReplay() {
            return new WalReplay(0, 0, 0);
        }
    };

    record TsdbStatus(long numSeries, long numLabelPairs, long chunkCount, long minTime, long maxTime,
                      List<Stat> seriesCountByMetricName, List<Stat> labelValueCountByLabelName,
                      List<Stat> memoryInBytesByLabelName, List<Stat> seriesCountByLabelValuePair) {
    }

    record Stat(String name, long value) {
    }

    record WalReplay(int min, int max, int current) {
    }
}
