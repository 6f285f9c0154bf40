package io.ignis.server.rules;

import io.ignis.labels.Labels;
import io.ignis.labels.MatchType;
import io.ignis.labels.Matcher;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.VectorSelector;
import io.ignis.promql.parser.ParseException;
import io.ignis.promql.parser.PromqlParser;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus's rule dependency analysis ({@code buildDependencyMap}, {@code AnalyseRules}): a rule depends on an
 * earlier rule of its group when one of its selectors matches that rule's name, or selects {@code ALERTS} or
 * {@code ALERTS_FOR_STATE} with an {@code alertname} matcher that the earlier alerting rule's name passes (or none).
 * A selector without a metric name makes the whole group indeterminate: its rules are left unanalysed, so none runs
 * concurrently.
 */
final class RuleDependencies {
    private RuleDependencies() {
    }

    /**
     * Records on every rule its dependents and dependencies (each in group order), unless the group is
     * indeterminate.
     */
    static void analyse(List<Rule> rules) {
        Map<Rule, List<Rule>> dependents = build(rules);
        if (dependents == null) {
            return;
        }
        for (Rule r : rules) {
            List<Rule> dependencies = new ArrayList<>();
            for (Rule other : rules) {
                if (dependents.getOrDefault(other, List.of()).contains(r)) {
                    dependencies.add(other);
                }
            }
            r.setDependencies(dependents.getOrDefault(r, List.of()), dependencies);
        }
    }

    /** Rule to the rules that read its output, or null when the group is indeterminate. */
    static Map<Rule, List<Rule>> build(List<Rule> rules) {
        Map<Rule, List<Rule>> dependents = new IdentityHashMap<>();
        if (rules.size() <= 1) {
            return dependents;
        }
        for (Rule rule : rules) {
            Expr expr;
            try {
                expr = PromqlParser.parse(rule.query());
            } catch (ParseException e) {
                // The loader refused unparsable rules already; nothing is known about one that gets here.
                return null;
            }
            List<VectorSelector> selectors = new ArrayList<>();
            collect(expr, selectors);
            for (VectorSelector vs : selectors) {
                if (!addDependencies(rule, vs, rules, dependents)) {
                    return null;
                }
            }
        }
        return dependents;
    }

    /** False when the selector has no metric name matcher (a wildcard). */
    private static boolean addDependencies(Rule rule, VectorSelector vs, List<Rule> rules,
            Map<Rule, List<Rule>> dependents) {
        Matcher name = vs.name().isEmpty() ? find(vs, Labels.METRIC_NAME)
                : Matcher.of(MatchType.EQUAL, Labels.METRIC_NAME, vs.name());
        if (name == null) {
            return false;
        }
        boolean alerts = name.matches(AlertingRule.ALERTS) || name.matches(AlertingRule.ALERTS_FOR_STATE);
        Matcher alertName = alerts ? find(vs, AlertingRule.ALERT_NAME) : null;
        for (Rule other : rules) {
            // Only earlier rules are dependencies: a later rule's output is read from its previous evaluation.
            if (other == rule) {
                break;
            }
            boolean readsAlerts = alerts && other instanceof AlertingRule
                    && (alertName == null || alertName.matches(other.name()));
            if (name.matches(other.name()) || readsAlerts) {
                dependents.computeIfAbsent(other, k -> new ArrayList<>()).add(rule);
            }
        }
        return true;
    }

    private static Matcher find(VectorSelector vs, String label) {
        for (Matcher m : vs.matchers()) {
            if (m.name().equals(label)) {
                return m;
            }
        }
        return null;
    }

    private static void collect(Expr e, List<VectorSelector> out) {
        if (e instanceof VectorSelector vs) {
            out.add(vs);
        }
        for (Expr c : e.children()) {
            collect(c, out);
        }
    }
}
