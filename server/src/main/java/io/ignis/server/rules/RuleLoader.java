package io.ignis.server.rules;

import io.ignis.config.ConfigException;
import io.ignis.config.rules.RuleFile;
import io.ignis.config.rules.RuleFileLoader;
import io.ignis.config.rules.RuleGroup;
import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.promql.parser.ParseException;
import io.ignis.promql.parser.PromqlParser;
import io.ignis.server.rules.template.Expander;
import io.ignis.server.rules.template.TemplateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns rule files into groups, as Prometheus's {@code LoadGroups}: group labels under rule labels, the default
 * interval and query offset where a group sets none, every expression parsed and every alert template parsed up
 * front so that a bad file fails the load instead of an evaluation.
 */
final class RuleLoader {
    /** A group as loaded, with the settings that decide whether a reload may keep the running one. */
    record Loaded(RuleGroup config, String file, long intervalMs, long queryOffsetMs, List<Rule> rules) {
    }

    private RuleLoader() {
    }

    static List<Loaded> load(List<Path> files, long defaultIntervalMs, long defaultQueryOffsetMs,
            Map<String, String> externalLabels, String externalURL, boolean restored, List<String> errors) {
        List<Loaded> out = new ArrayList<>();
        for (Path f : files) {
            RuleFile rf;
            try {
                rf = RuleFileLoader.loadFile(f);
            } catch (ConfigException e) {
                errors.add(e.getMessage());
                continue;
            }
            for (RuleGroup g : rf.groups()) {
                List<Rule> rules = new ArrayList<>();
                for (int i = 0; i < g.rules().size(); i++) {
                    io.ignis.config.rules.Rule r = g.rules().get(i);
                    String problem = check(r);
                    if (problem != null) {
                        errors.add(f + ": group \"" + g.name() + "\", rule " + (i + 1) + ", \"" + r.name() + "\": "
                                + problem);
                        continue;
                    }
                    rules.add(rule(r, g.labels(), externalLabels, externalURL, restored));
                }
                RuleDependencies.analyse(rules);
                long interval = g.interval().isZero() ? defaultIntervalMs : g.interval().toMillis();
                long offset = g.queryOffset() == null ? defaultQueryOffsetMs : g.queryOffset().toMillis();
                out.add(new Loaded(g, rf.fileName(), interval, offset, rules));
            }
        }
        return out;
    }

    /** The problem with a rule's expression or templates, or null. */
    static String check(io.ignis.config.rules.Rule r) {
        try {
            PromqlParser.parse(r.expr());
        } catch (ParseException e) {
            return "could not parse expression: " + e.getMessage();
        }
        if (r.isAlert()) {
            for (Map.Entry<String, String> e : r.labels().entrySet()) {
                String p = checkTemplate(r.alert(), "label", e.getKey(), e.getValue());
                if (p != null) {
                    return p;
                }
            }
            for (Map.Entry<String, String> e : r.annotations().entrySet()) {
                String p = checkTemplate(r.alert(), "annotation", e.getKey(), e.getValue());
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static String checkTemplate(String alert, String what, String key, String text) {
        try {
            Expander.checkAlertTemplate(alert, text);
            return null;
        } catch (TemplateException e) {
            return what + " \"" + key + "\": " + e.getMessage();
        }
    }

    private static Rule rule(io.ignis.config.rules.Rule r, Map<String, String> groupLabels,
            Map<String, String> externalLabels, String externalURL, boolean restored) {
        LabelsBuilder lb = new LabelsBuilder();
        groupLabels.forEach(lb::set);
        r.labels().forEach(lb::set);
        Labels labels = lb.build();
        if (!r.isAlert()) {
            return new RecordingRule(r.record(), r.expr(), labels);
        }
        return new AlertingRule(r.alert(), r.expr(), r.forDuration().toMillis(), r.keepFiringFor().toMillis(), labels,
                r.annotations(), externalLabels, externalURL, restored);
    }
}
