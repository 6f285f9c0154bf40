package io.ignis.tsdb;

import io.ignis.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes {@link TsdbStatus} from the head's index, as Prometheus's {@code Head.Stats} and
 * {@code MemPostings.Stats}: one pass over the label pairs.
 */
final class HeadCardinality {
    private HeadCardinality() {
    }

    static TsdbStatus of(Head head, int limit) {
        Map<String, Long> byMetric = new HashMap<>();
        Map<String, Long> valuesPerName = new HashMap<>();
        Map<String, Long> bytesPerName = new HashMap<>();
        Map<String, Long> byPair = new HashMap<>();
        long[] pairs = {0};
        head.postings.forEachPair((name, value, series) -> {
            pairs[0]++;
            if (name.equals(Labels.METRIC_NAME)) {
                byMetric.put(value, (long) series);
            }
            valuesPerName.merge(name, 1L, Long::sum);
            bytesPerName.merge(name, (long) value.getBytes(StandardCharsets.UTF_8).length * series, Long::sum);
            byPair.put(name + "=" + value, (long) series);
        });
        HeadStats s = head.stats();
        long minTime = head.initialized() ? s.minTime() : 0;
        long maxTime = head.initialized() ? s.maxTime() : 0;
        TsdbStatus.HeadSummary summary = new TsdbStatus.HeadSummary(s.series(), pairs[0],
                s.chunksCreated() - s.chunksRemoved(), minTime, maxTime);
        return new TsdbStatus(summary, top(byMetric, limit), top(valuesPerName, limit), top(bytesPerName, limit),
                top(byPair, limit));
    }

    static List<TsdbStatus.Stat> top(Map<String, Long> counts, int limit) {
        List<TsdbStatus.Stat> all = new ArrayList<>(counts.size());
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            all.add(new TsdbStatus.Stat(e.getKey(), e.getValue()));
        }
        all.sort((a, b) -> a.value() != b.value() ? Long.compare(b.value(), a.value()) : a.name().compareTo(b.name()));
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }
}
