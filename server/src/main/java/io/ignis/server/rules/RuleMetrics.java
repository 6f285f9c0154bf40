package io.ignis.server.rules;

import io.ignis.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The rule manager's self-metrics under Prometheus's names, kept as plain counters and gauges per group key
 * ({@code file;group}); {@link #collect()} gives a snapshot for the server to expose through Micrometer.
 */
public final class RuleMetrics {
    /** One metric sample of a snapshot. */
    public record Sample(String name, Labels labels, double value) {
    }

    private final Map<String, Map<String, DoubleAdder>> counters = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Double>> gauges = new ConcurrentHashMap<>();

    void inc(String name, String group, double by) {
        counters.computeIfAbsent(name, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(group, k -> new DoubleAdder()).add(by);
    }

    void set(String name, String group, double v) {
        gauges.computeIfAbsent(name, k -> new ConcurrentHashMap<>()).put(group, v);
    }

    /** Forgets the gauges of a group that went away (counters stay, as Prometheus's do until restart). */
    void removeGroup(String group) {
        for (Map<String, Double> g : gauges.values()) {
            g.remove(group);
        }
    }

    /** The current value of a counter or gauge, 0 when never set. */
    public double value(String name, String group) {
        Map<String, DoubleAdder> c = counters.get(name);
        if (c != null && c.containsKey(group)) {
            return c.get(group).sum();
        }
        Map<String, Double> g = gauges.get(name);
        return g != null ? g.getOrDefault(group, 0.0) : 0;
    }

    public List<Sample> collect() {
        List<Sample> out = new ArrayList<>();
        counters.forEach((name, m) -> m.forEach((g, v) -> out.add(new Sample(name, Labels.of("rule_group", g),
                v.sum()))));
        gauges.forEach((name, m) -> m.forEach((g, v) -> out.add(new Sample(name, Labels.of("rule_group", g), v))));
        return out;
    }
}
