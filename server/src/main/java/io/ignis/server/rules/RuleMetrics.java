package io.ignis.server.rules;

import io.ignis.server.metrics.SelfMeters;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rule manager's self-metrics as Prometheus's rules/group.go defines them: per group (label {@code rule_group},
 * the group key {@code file;group}) counters and gauges, plus the unlabelled duration summaries and their histogram
 * twins. Groups address a family by its Prometheus name; {@link #register} exposes them all on {@code /metrics}.
 * A group that goes away takes every series of its key with it, as Prometheus's manager deletes them on update.
 * Thread-safe.
 */
public final class RuleMetrics {
    private static final String LAST_DURATION = "prometheus_rule_group_last_duration_seconds";
    private static final String INTERVAL = "prometheus_rule_group_interval_seconds";

    private final Map<String, Counter> counters = new LinkedHashMap<>();
    private final Map<String, Gauge> gauges = new LinkedHashMap<>();
    private final Summary evalDuration = SelfMeters.summary("prometheus_rule_evaluation_duration_seconds",
            "The duration for a rule to execute.", SelfMeters.THREE_QUANTILES);
    private final Histogram evalDurationHistogram = SelfMeters.histogram(
            "prometheus_rule_evaluation_duration_histogram_seconds", "The duration for a rule to execute.",
            SelfMeters.TWIN_BUCKETS);
    private final Summary groupDuration = SelfMeters.summary("prometheus_rule_group_duration_seconds",
            "The duration of rule group evaluations.", SelfMeters.FIVE_QUANTILES);
    private final Histogram groupDurationHistogram = SelfMeters.histogram(
            "prometheus_rule_group_duration_histogram_seconds", "The duration of rule group evaluations.",
            SelfMeters.TWIN_BUCKETS);

    public RuleMetrics() {
        counter("prometheus_rule_group_iterations_missed_total",
                "The total number of rule group evaluations missed due to slow rule group evaluation.");
        counter("prometheus_rule_group_iterations_total",
                "The total number of scheduled rule group evaluations, whether executed or missed.");
        counter("prometheus_rule_evaluations_total", "The total number of rule evaluations.");
        counter("prometheus_rule_evaluation_failures_total", "The total number of rule evaluation failures.");
        gauge(INTERVAL, "The interval of a rule group.");
        gauge("prometheus_rule_group_last_evaluation_timestamp_seconds",
                "The timestamp of the last rule group evaluation in seconds.");
        gauge(LAST_DURATION, "The duration of the last rule group evaluation.");
        gauge("prometheus_rule_group_last_rule_duration_sum_seconds", "The sum of time in seconds it took to "
                + "evaluate each rule in the group regardless of concurrency. This should be higher than the group "
                + "duration if rules are evaluated concurrently.");
        gauge("prometheus_rule_group_last_restore_duration_seconds",
                "The duration of the last alert rules alerts restoration using the `ALERTS_FOR_STATE` series.");
        gauge("prometheus_rule_group_rules", "The number of rules.");
        gauge("prometheus_rule_group_last_evaluation_samples",
                "The number of samples returned during the last rule group evaluation.");
    }

    private void counter(String name, String help) {
        counters.put(name, SelfMeters.counter(name, help, "rule_group"));
    }

    private void gauge(String name, String help) {
        gauges.put(name, SelfMeters.gauge(name, help, "rule_group"));
    }

    /** Exposes every family in {@code registry}; a manager's metrics are registered once. */
    public void register(PrometheusRegistry registry) {
        registry.register(evalDuration);
        registry.register(evalDurationHistogram);
        registry.register(groupDuration);
        registry.register(groupDurationHistogram);
        counters.values().forEach(registry::register);
        gauges.values().forEach(registry::register);
    }

    void inc(String name, String group, double by) {
        meter(counters, name).labelValues(group).inc(by);
    }

    /**
     * Sets a per-group gauge. The interval is set once when the group starts, so the group's other series start
     * at 0 then, as Prometheus creates them with the group; the last duration is set once per iteration, with the
     * value Prometheus also observes into the group duration summary and histogram.
     */
    void set(String name, String group, double v) {
        meter(gauges, name).labelValues(group).set(v);
        if (name.equals(INTERVAL)) {
            for (Counter c : counters.values()) {
                c.initLabelValues(group);
            }
            for (Map.Entry<String, Gauge> g : gauges.entrySet()) {
                if (!g.getKey().equals("prometheus_rule_group_last_restore_duration_seconds")) {
                    g.getValue().initLabelValues(group);
                }
            }
        } else if (name.equals(LAST_DURATION)) {
            groupDuration.observe(v);
            groupDurationHistogram.observe(v);
        }
    }

    /** One rule's evaluation, failed or not. */
    void observeRuleEvaluation(long durationNanos) {
        evalDuration.observe(durationNanos / 1e9);
        evalDurationHistogram.observe(durationNanos / 1e9);
    }

    /** Drops every series of a group that went away. */
    void removeGroup(String group) {
        for (Counter c : counters.values()) {
            c.remove(group);
        }
        for (Gauge g : gauges.values()) {
            g.remove(group);
        }
    }

    /** The current value of a counter or gauge, 0 when never set. */
    public double value(String name, String group) {
        Counter c = counters.get(name);
        return c != null ? c.labelValues(group).get() : meter(gauges, name).labelValues(group).get();
    }

    private static <M> M meter(Map<String, M> meters, String name) {
        M m = meters.get(name);
        if (m == null) {
            throw new IllegalStateException("bug: no rule metric " + name);
        }
        return m;
    }
}
