package io.ignis.promql.promqltest;

import io.ignis.labels.Labels;
import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code load_with_nhcb}: classic histogram series ({@code _bucket}, {@code _count}, {@code _sum}) of one load
 * converted into native histograms with custom buckets under the base name (README §3, Prometheus's
 * util/convertnhcb).
 */
final class NhcbConverter {
    private static final class Temp {
        final TreeMap<Double, Double> buckets = new TreeMap<>();
        double count;
        boolean hasCount;
        double sum;
    }

    private NhcbConverter() {
    }

    static void convert(TestStorage storage, Command.Load load) {
        Map<Labels, TreeMap<Long, Temp>> groups = new HashMap<>();
        for (Command.LoadSeries s : load.series()) {
            String name = s.labels().metricName();
            String base;
            int kind;
            if (name.endsWith("_bucket")) {
                base = name.substring(0, name.length() - 7);
                kind = 0;
            } else if (name.endsWith("_sum")) {
                base = name.substring(0, name.length() - 4);
                kind = 1;
            } else if (name.endsWith("_count")) {
                base = name.substring(0, name.length() - 6);
                kind = 2;
            } else {
                continue;
            }
            double le = 0;
            if (kind == 0) {
                if (!s.labels().has("le")) {
                    throw new IllegalArgumentException("expected bucket label in metric " + s.labels());
                }
                try {
                    le = io.ignis.promql.functions.ClassicBuckets.parseLe(s.labels().get("le"));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (Double.isNaN(le)) {
                    continue;
                }
            }
            Labels key = s.labels().toBuilder().set(Labels.METRIC_NAME, base).del("le").build();
            TreeMap<Long, Temp> byTs = groups.computeIfAbsent(key, k -> new TreeMap<>());
            SeriesValues v = s.values();
            for (int k = 0; k < v.size(); k++) {
                if (v.kind(k) != SeriesValues.Kind.FLOAT) {
                    continue;
                }
                Temp t = byTs.computeIfAbsent(k * load.intervalMs(), x -> new Temp());
                double f = v.floatValue(k);
                switch (kind) {
                    case 0 -> t.buckets.putIfAbsent(le, f);
                    case 1 -> t.sum = f;
                    default -> {
                        t.count = f;
                        t.hasCount = true;
                    }
                }
            }
        }
        for (Map.Entry<Labels, TreeMap<Long, Temp>> g : groups.entrySet()) {
            for (Map.Entry<Long, Temp> e : g.getValue().entrySet()) {
                storage.add(g.getKey(), 0, e.getKey(), 0, toHistogram(e.getValue()));
            }
        }
    }

    private static FloatHistogram toHistogram(Temp t) {
        List<double[]> b = new ArrayList<>();
        double prev = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Double, Double> e : t.buckets.entrySet()) {
            if (e.getValue() < 0) {
                throw new IllegalArgumentException("negative bucket count: le=" + e.getKey() + ", count=" + e.getValue());
            }
            if (e.getValue() < prev) {
                throw new IllegalArgumentException("bucket counts are not cumulative: " + e.getValue() + " < " + prev);
            }
            prev = e.getValue();
            b.add(new double[] {e.getKey(), e.getValue()});
        }
        double count = t.count;
        if (!t.hasCount && !b.isEmpty()) {
            count = b.get(b.size() - 1)[1];
        }
        if (b.isEmpty() || b.get(b.size() - 1)[0] != Double.POSITIVE_INFINITY) {
            b.add(new double[] {Double.POSITIVE_INFINITY, count});
        }
        if (count != b.get(b.size() - 1)[1]) {
            throw new IllegalArgumentException("count mismatch: count=" + count + " != le=+Inf count="
                    + b.get(b.size() - 1)[1]);
        }
        double[] buckets = new double[b.size()];
        double[] custom = new double[b.size() - 1];
        double prevCount = 0;
        for (int i = 0; i < b.size(); i++) {
            buckets[i] = b.get(i)[1] - prevCount;
            prevCount = b.get(i)[1];
            if (i < custom.length) {
                custom[i] = b.get(i)[0];
            }
        }
        return new FloatHistogram(CounterResetHint.UNKNOWN, -53, 0, 0, count, t.sum,
                new Span[] {new Span(0, buckets.length)}, buckets, new Span[0], new double[0], custom);
    }
}
