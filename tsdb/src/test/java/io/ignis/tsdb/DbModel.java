package io.ignis.tsdb;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.Appender;
import io.ignis.storage.Querier;
import io.ignis.tsdb.Samples.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test helper: what was committed to a Db, per series, to compare queries against. */
final class DbModel {
    static final long HOUR = 3_600_000L;

    final Map<Labels, TreeMap<Long, Double>> series = new HashMap<>();

    static Labels series(int i) {
        return Labels.of("__name__", "m" + (i % 3), "instance", "host-" + i, "job", i % 2 == 0 ? "a" : "b");
    }

    /** Appends {@code nSeries} series every {@code step} ms over {@code [from, to)}, one commit per step. */
    void fill(Db db, int nSeries, long from, long to, long step) {
        for (long t = from; t < to; t += step) {
            Appender app = db.appender();
            for (int i = 0; i < nSeries; i++) {
                double v = t / 1000.0 + i;
                app.append(0, series(i), t, v);
                series.computeIfAbsent(series(i), k -> new TreeMap<>()).put(t, v);
            }
            app.commit();
        }
    }

    void delete(long mint, long maxt, java.util.function.Predicate<Labels> which) {
        for (Map.Entry<Labels, TreeMap<Long, Double>> e : series.entrySet()) {
            if (which.test(e.getKey())) {
                e.getValue().subMap(mint, true, maxt, true).clear();
            }
        }
        series.values().removeIf(Map::isEmpty);
    }

    /** The expected samples in {@code [mint, maxt]}, as {@link Samples#read} returns them. */
    Map<Labels, List<Sample>> expected(long mint, long maxt) {
        Map<Labels, List<Sample>> out = new HashMap<>();
        for (Map.Entry<Labels, TreeMap<Long, Double>> e : series.entrySet()) {
            List<Sample> l = new ArrayList<>();
            e.getValue().subMap(mint, true, maxt, true).forEach((t, v) -> l.add(Sample.of(t, v)));
            if (!l.isEmpty()) {
                out.put(e.getKey(), l);
            }
        }
        return out;
    }

    static Map<Labels, List<Sample>> read(Db db, long mint, long maxt) {
        try (Querier q = db.querier(mint, maxt)) {
            Map<Labels, List<Sample>> got = new HashMap<>(Samples.read(q, Matcher.regex("__name__", ".+")));
            got.values().removeIf(List::isEmpty);
            return got;
        }
    }
}
