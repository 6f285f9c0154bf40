package io.ignis.server.rules;

import io.ignis.config.Durations;
import io.ignis.config.yaml.YamlMapping;
import io.ignis.config.yaml.YamlNode;
import io.ignis.config.yaml.YamlScalar;
import io.ignis.config.yaml.YamlSequence;
import io.ignis.config.yaml.YamlTreeReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A rule unit-test file in promtool's format, parsed into records. Durations and times are in ms. */
record RuleTestFile(List<String> ruleFiles, long evaluationIntervalMs, List<String> groupEvalOrder,
        boolean fuzzyCompare, List<TestGroup> tests) {
    record TestGroup(String name, long intervalMs, List<InputSeries> inputSeries, List<AlertTest> alertTests,
            List<ExprTest> exprTests, Map<String, String> externalLabels, String externalURL, long startMs) {
    }

    record InputSeries(String series, String values) {
    }

    record AlertTest(long evalTimeMs, String evalTimeText, String alertname, List<ExpAlert> expAlerts) {
    }

    record ExpAlert(Map<String, String> labels, Map<String, String> annotations) {
    }

    record ExprTest(String expr, long evalTimeMs, String evalTimeText, List<ExpSample> expSamples) {
    }

    record ExpSample(String labels, double value) {
    }

    static RuleTestFile parse(String yaml) {
        YamlMapping root = map(YamlTreeReader.read(yaml), "test file");
        long eval = duration(root, "evaluation_interval", 60_000);
        List<TestGroup> tests = list(root, "tests", n -> group(map(n, "tests"), eval));
        return new RuleTestFile(list(root, "rule_files", RuleTestFile::text), eval,
                list(root, "group_eval_order", RuleTestFile::text), bool(root, "fuzzy_compare"), tests);
    }

    private static TestGroup group(YamlMapping m, long evalInterval) {
        return new TestGroup(string(m, "name"), duration(m, "interval", evalInterval),
                list(m, "input_series", n -> new InputSeries(string(map(n, "input_series"), "series"),
                        string(map(n, "input_series"), "values"))),
                list(m, "alert_rule_test", n -> alertTest(map(n, "alert_rule_test"))),
                list(m, "promql_expr_test", n -> exprTest(map(n, "promql_expr_test"))),
                stringMap(m, "external_labels"), string(m, "external_url"), start(m));
    }

    private static AlertTest alertTest(YamlMapping m) {
        return new AlertTest(duration(m, "eval_time", 0), string(m, "eval_time"), string(m, "alertname"),
                list(m, "exp_alerts", n -> new ExpAlert(stringMap(map(n, "exp_alerts"), "exp_labels"),
                        stringMap(map(n, "exp_alerts"), "exp_annotations"))));
    }

    private static ExprTest exprTest(YamlMapping m) {
        return new ExprTest(string(m, "expr"), duration(m, "eval_time", 0), string(m, "eval_time"),
                list(m, "exp_samples", n -> new ExpSample(string(map(n, "exp_samples"), "labels"),
                        Double.parseDouble(string(map(n, "exp_samples"), "value")))));
    }

    private static long start(YamlMapping m) {
        String s = string(m, "start_timestamp");
        if (s.isEmpty()) {
            return 0;
        }
        if (s.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return (long) (Double.parseDouble(s) * 1000);
        }
        return Instant.parse(s).toEpochMilli();
    }

    private static YamlMapping map(YamlNode n, String what) {
        if (n instanceof YamlMapping m) {
            return m;
        }
        throw new IllegalArgumentException(n.mark() + ": " + what + ": expected a mapping, got " + n.tag());
    }

    private static String text(YamlNode n) {
        if (n instanceof YamlScalar s) {
            return s.isNull() ? "" : s.text();
        }
        throw new IllegalArgumentException(n.mark() + ": expected a scalar, got " + n.tag());
    }

    private static String string(YamlMapping m, String key) {
        YamlMapping.Entry e = m.entry(key);
        return e == null ? "" : text(e.value());
    }

    private static boolean bool(YamlMapping m, String key) {
        return string(m, key).equals("true");
    }

    private static long duration(YamlMapping m, String key, long dflt) {
        String s = string(m, key);
        if (s.isEmpty()) {
            return dflt;
        }
        try {
            return Durations.parse(s).toMillis();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(m.entry(key).keyMark() + ": " + key + ": " + e.getMessage(), e);
        }
    }

    private static <T> List<T> list(YamlMapping m, String key, Function<YamlNode, T> item) {
        YamlMapping.Entry e = m.entry(key);
        List<T> out = new ArrayList<>();
        if (e == null || e.value() instanceof YamlScalar s && s.isNull()) {
            return out;
        }
        if (!(e.value() instanceof YamlSequence seq)) {
            throw new IllegalArgumentException(e.keyMark() + ": " + key + ": expected a sequence");
        }
        for (YamlNode n : seq.items()) {
            out.add(item.apply(n));
        }
        return out;
    }

    private static Map<String, String> stringMap(YamlMapping m, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        YamlMapping.Entry e = m.entry(key);
        if (e == null || e.value() instanceof YamlScalar s && s.isNull()) {
            return out;
        }
        for (YamlMapping.Entry kv : map(e.value(), key).entries()) {
            out.put(kv.key(), text(kv.value()));
        }
        return out;
    }
}
