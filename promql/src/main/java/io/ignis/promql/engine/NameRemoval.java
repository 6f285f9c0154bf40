package io.ignis.promql.engine;

import io.ignis.labels.Labels;
import io.ignis.model.FloatHistogram;
import io.ignis.promql.value.FloatPoints;
import io.ignis.promql.value.HistogramPoints;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Series;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Removal of {@code __name__} together with the metadata labels {@code __type__} and {@code __unit__}, and the
 * end-of-query clean-up of delayed name removal (Prometheus's cleanupMetricLabels).
 */
final class NameRemoval {
    private NameRemoval() {
    }

    static Labels dropMetricName(Labels l) {
        if (!l.has(Labels.METRIC_NAME) && !l.has("__type__") && !l.has("__unit__")) {
            return l;
        }
        return l.toBuilder().del(Labels.METRIC_NAME).del("__type__").del("__unit__").build();
    }

    /** Drops flagged names, then merges series that now share a label set (an error if their times overlap). */
    static Matrix cleanupMatrix(Matrix m) {
        for (Series s : m.series()) {
            if (s.dropName()) {
                s.setLabels(dropMetricName(s.labels()));
            }
        }
        return mergeSameLabelsets(m);
    }

    /** Merges series with equal label sets; overlapping timestamps are an error (mergeSeriesWithSameLabelset). */
    static Matrix mergeSameLabelsets(Matrix m) {
        if (m.size() <= 1 || !m.containsSameLabelset()) {
            return m;
        }
        Map<Labels, List<Series>> groups = new HashMap<>();
        List<Labels> order = new ArrayList<>();
        for (Series s : m.series()) {
            groups.computeIfAbsent(s.labels(), k -> {
                order.add(k);
                return new ArrayList<>();
            }).add(s);
        }
        Matrix out = new Matrix();
        for (Labels l : order) {
            List<Series> g = groups.get(l);
            if (g.size() == 1) {
                out.add(g.get(0));
                continue;
            }
            out.add(merge(l, g));
        }
        return out;
    }

    private static Series merge(Labels l, List<Series> g) {
        TreeMap<Long, Double> floats = new TreeMap<>();
        TreeMap<Long, FloatHistogram> hs = new TreeMap<>();
        for (Series s : g) {
            for (int i = 0; i < s.floats().size(); i++) {
                if (floats.put(s.floats().t(i), s.floats().v(i)) != null) {
                    throw new PromqlException("vector cannot contain metrics with the same labelset");
                }
            }
            for (int i = 0; i < s.histograms().size(); i++) {
                if (hs.put(s.histograms().t(i), s.histograms().h(i)) != null) {
                    throw new PromqlException("vector cannot contain metrics with the same labelset");
                }
            }
        }
        FloatPoints f = new FloatPoints(floats.size());
        floats.forEach(f::add);
        HistogramPoints h = new HistogramPoints(Math.max(1, hs.size()));
        hs.forEach(h::add);
        return new Series(l, f, h, false);
    }
}
