package io.ignis.config.rules;

import io.ignis.config.ConfigException;
import io.ignis.config.FieldReader;
import io.ignis.config.LabelNames;
import java.util.Map;

/** Prometheus's {@code rulefmt.Rule.Validate}, in its order and wording. */
final class RuleChecks {
    private RuleChecks() {
    }

    static void check(FieldReader r, Rule rule, String group, int number, String scheme) {
        String prefix = "group \"" + group + "\", rule " + number + ", \"" + rule.name() + "\": ";
        boolean recording = !rule.record().isEmpty();
        if (recording && rule.isAlert()) {
            throw fail(r, "record", prefix, "only one of 'record' and 'alert' must be set");
        }
        if (!recording && !rule.isAlert()) {
            throw r.error(prefix + "one of 'record' or 'alert' must be set");
        }
        if (rule.expr().isEmpty()) {
            throw fail(r, "expr", prefix, "field 'expr' must be set in rule");
        }
        if (recording) {
            if (!rule.annotations().isEmpty()) {
                throw fail(r, "record", prefix, "invalid field 'annotations' in recording rule");
            }
            if (!rule.forDuration().isZero()) {
                throw fail(r, "record", prefix, "invalid field 'for' in recording rule");
            }
            if (!rule.keepFiringFor().isZero()) {
                throw fail(r, "record", prefix, "invalid field 'keep_firing_for' in recording rule");
            }
            if (!LabelNames.isValidMetricName(rule.record(), scheme)) {
                throw fail(r, "record", prefix, "invalid recording rule name: " + rule.record());
            }
            if (rule.record().contains("{") || rule.record().contains("}")) {
                throw fail(r, "record", prefix, "braces present in the recording rule name; should it be in expr?: "
                        + rule.record());
            }
        }
        for (Map.Entry<String, String> l : rule.labels().entrySet()) {
            if (!LabelNames.isValidLabelName(l.getKey(), scheme) || l.getKey().equals("__name__")) {
                throw fail(r, "labels", prefix, "invalid label name: " + l.getKey());
            }
            if (!LabelNames.isValidLabelValue(l.getValue())) {
                throw fail(r, "labels", prefix, "invalid label value: " + l.getValue());
            }
        }
        for (String name : rule.annotations().keySet()) {
            if (!LabelNames.isValidLabelName(name, scheme)) {
                throw fail(r, "annotations", prefix, "invalid annotation name: " + name);
            }
        }
        if (rule.isAlert()) {
            checkTemplates(r, "labels", "label", rule.labels(), rule.alert(), prefix);
            checkTemplates(r, "annotations", "annotation", rule.annotations(), rule.alert(), prefix);
        }
    }

    /**
     * The one template error found without a Go template parser: an action opened with two left braces and
     * never closed. The full template check happens when the server expands the template.
     */
    private static void checkTemplates(FieldReader r, String key, String what, Map<String, String> values,
            String alert, String prefix) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            String text = e.getValue();
            int open = text.indexOf("{{");
            while (open >= 0) {
                int close = text.indexOf("}}", open + 2);
                if (close < 0) {
                    int line = 1 + (int) text.substring(0, open).chars().filter(c -> c == '\n').count();
                    throw fail(r, key, prefix, what + " \"" + e.getKey() + "\": template: __alert_" + alert + ":"
                            + line + ": unclosed action");
                }
                open = text.indexOf("{{", close + 2);
            }
        }
    }

    private static ConfigException fail(FieldReader r, String key, String prefix, String reason) {
        return r.error(key, prefix + reason);
    }
}
