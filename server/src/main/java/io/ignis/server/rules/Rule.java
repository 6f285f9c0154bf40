package io.ignis.server.rules;

import io.ignis.labels.Labels;
import io.ignis.promql.value.Vector;
import java.util.List;

/**
 * A recording or alerting rule with the state the API shows: health, last error, when it last ran and for how
 * long. Evaluation happens on its group's thread; the API reads from others, hence the volatile fields.
 */
public abstract sealed class Rule permits RecordingRule, AlertingRule {
    private final String name;
    private final String query;
    private final Labels labels;
    private volatile RuleHealth health = RuleHealth.UNKNOWN;
    private volatile String lastError = "";
    private volatile long evaluationTimestamp;
    private volatile long evaluationDurationNanos;
    // Null until the group's dependency analysis ran and could tell: then nothing is known.
    private volatile List<Rule> dependentRules;
    private volatile List<Rule> dependencyRules;

    Rule(String name, String query, Labels labels) {
        this.name = name;
        this.query = query;
        this.labels = labels;
    }

    /**
     * Evaluates the rule at {@code ts} (its query runs at {@code ts - queryOffsetMs}); returns the samples to
     * write. {@code limit} 0 means none.
     *
     * @throws RuntimeException when the query fails or a limit or label-set check is violated
     */
    abstract Vector eval(long ts, long queryOffsetMs, RuleQuery query, long limit);

    public String name() {
        return name;
    }

    /** The expression as written in the rule file. */
    public String query() {
        return query;
    }

    public Labels labels() {
        return labels;
    }

    public RuleHealth health() {
        return health;
    }

    public String lastError() {
        return lastError;
    }

    public long evaluationTimestamp() {
        return evaluationTimestamp;
    }

    public long evaluationDurationNanos() {
        return evaluationDurationNanos;
    }

    void setHealth(RuleHealth h, String error) {
        health = h;
        lastError = error == null ? "" : error;
    }

    void setEvaluated(long timestampMs, long durationNanos) {
        evaluationTimestamp = timestampMs;
        evaluationDurationNanos = durationNanos;
    }

    /** Set by the dependency analysis: the rules that read this one's output, and those whose output it reads. */
    void setDependencies(List<Rule> dependents, List<Rule> dependencies) {
        dependentRules = List.copyOf(dependents);
        dependencyRules = List.copyOf(dependencies);
    }

    /** Whether no rule of the group is known to read this rule's output (false when unknown). */
    public boolean noDependentRules() {
        List<Rule> d = dependentRules;
        return d != null && d.isEmpty();
    }

    /** Whether this rule is known to read no other rule's output (false when unknown). */
    public boolean noDependencyRules() {
        List<Rule> d = dependencyRules;
        return d != null && d.isEmpty();
    }

    /** The rules reading this one's output, or null when the analysis could not tell. */
    public List<Rule> dependentRules() {
        return dependentRules;
    }

    /** The rules whose output this one reads, or null when the analysis could not tell. */
    public List<Rule> dependencyRules() {
        return dependencyRules;
    }

    /** Name and labels, which decide whether a reloaded rule takes over this one's state (as Prometheus). */
    String nameAndLabels() {
        return name + labels;
    }
}
