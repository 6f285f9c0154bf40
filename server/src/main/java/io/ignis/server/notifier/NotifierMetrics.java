package io.ignis.server.notifier;

import io.ignis.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The notifier's {@code prometheus_notifications_*} metrics as plain counters and gauges keyed by name and
 * {@code alertmanager} URL ("" for the unlabelled ones); {@link #collect()} snapshots them for the server.
 */
public final class NotifierMetrics {
    /** One metric sample of a snapshot. */
    public record Sample(String name, Labels labels, double value) {
    }

    private final Map<String, Map<String, DoubleAdder>> counters = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Double>> gauges = new ConcurrentHashMap<>();

    void inc(String name, String alertmanager, double by) {
        counters.computeIfAbsent(name, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(alertmanager, k -> new DoubleAdder()).add(by);
    }

    void set(String name, String alertmanager, double v) {
        gauges.computeIfAbsent(name, k -> new ConcurrentHashMap<>()).put(alertmanager, v);
    }

    public double value(String name, String alertmanager) {
        Map<String, DoubleAdder> c = counters.get(name);
        if (c != null && c.containsKey(alertmanager)) {
            return c.get(alertmanager).sum();
        }
        Map<String, Double> g = gauges.get(name);
        return g != null ? g.getOrDefault(alertmanager, 0.0) : 0;
    }

    public List<Sample> collect() {
        List<Sample> out = new ArrayList<>();
        counters.forEach((n, m) -> m.forEach((am, v) -> out.add(new Sample(n, labels(am), v.sum()))));
        gauges.forEach((n, m) -> m.forEach((am, v) -> out.add(new Sample(n, labels(am), v))));
        return out;
    }

    private static Labels labels(String am) {
        return am.isEmpty() ? Labels.EMPTY : Labels.of("alertmanager", am);
    }
}
