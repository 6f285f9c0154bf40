package io.ignis.config.rules;

import io.ignis.config.yaml.Mark;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One rule: exactly one of {@code record} and {@code alert} is non-empty. {@code exprMark} is where the expression
 * is written, so that the server can place PromQL parse errors; it takes no part in equality.
 */
public record Rule(String record, String alert, String expr, Duration forDuration, Duration keepFiringFor,
        Map<String, String> labels, Map<String, String> annotations, Mark exprMark) {
    public Rule {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    public boolean isAlert() {
        return !alert.isEmpty();
    }

    /** The rule's name: the alert name or the recorded metric name. */
    public String name() {
        return isAlert() ? alert : record;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rule r && r.record.equals(record) && r.alert.equals(alert) && r.expr.equals(expr)
                && r.forDuration.equals(forDuration) && r.keepFiringFor.equals(keepFiringFor)
                && r.labels.equals(labels) && r.annotations.equals(annotations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(record, alert, expr, forDuration, keepFiringFor, labels, annotations);
    }
}
