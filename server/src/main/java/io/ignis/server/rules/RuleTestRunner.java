package io.ignis.server.rules;

import io.ignis.labels.Labels;
import io.ignis.labels.MatchType;
import io.ignis.labels.Matcher;
import io.ignis.promql.engine.Engine;
import io.ignis.promql.engine.EngineOptions;
import io.ignis.promql.parser.PromqlParser;
import io.ignis.promql.value.Vector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code ignis test rules}: runs rule unit-test files in promtool's format. Each test group loads its
 * {@code input_series}, evaluates every rule group each {@code evaluation_interval} from the start time to the
 * last {@code eval_time}, compares the firing alerts at each {@code alert_rule_test} time and then runs the
 * {@code promql_expr_test} queries.
 */
public final class RuleTestRunner {
    private RuleTestRunner() {
    }

    /** Runs the files, reporting like promtool to {@code out}; returns whether every test passed. */
    public static boolean run(List<Path> files, PrintStream out) {
        boolean ok = true;
        for (Path f : files) {
            out.println("Unit Testing:  " + f);
            List<String> errors = runFile(f);
            if (errors.isEmpty()) {
                out.println("  SUCCESS");
            } else {
                ok = false;
                out.println("  FAILED:");
                errors.forEach(out::println);
            }
            out.println();
        }
        return ok;
    }

    static List<String> runFile(Path file) {
        RuleTestFile tf;
        try {
            tf = RuleTestFile.parse(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return List.of("    " + e.getMessage());
        }
        List<Path> ruleFiles = new ArrayList<>();
        Path dir = file.toAbsolutePath().getParent();
        for (String r : tf.ruleFiles()) {
            ruleFiles.add(dir.resolve(r));
        }
        List<String> errors = new ArrayList<>();
        for (RuleTestFile.TestGroup tg : tf.tests()) {
            errors.addAll(runGroup(tf, tg, ruleFiles));
        }
        return errors;
    }

    private static List<String> runGroup(RuleTestFile tf, RuleTestFile.TestGroup tg, List<Path> ruleFiles) {
        MemStorage storage = new MemStorage();
        long mint = tg.startMs();
        try {
            load(storage, tg, mint);
        } catch (RuntimeException e) {
            return List.of("    " + e.getMessage());
        }
        Engine engine = new Engine(EngineOptions.defaults(), PromqlParser::parse);
        long[] now = {mint};
        GroupOptions opts = new GroupOptions(storage, storage, RuleQuery.of(engine, storage), (expr, alerts) -> {
        }, GroupOptions.DEFAULT_OUTAGE_TOLERANCE_MS, GroupOptions.DEFAULT_FOR_GRACE_PERIOD_MS,
                GroupOptions.DEFAULT_RESEND_DELAY_MS, () -> now[0], GroupOptions.Sleeper.system(() -> now[0]),
                new RuleMetrics());
        List<String> loadErrors = new ArrayList<>();
        List<RuleLoader.Loaded> loaded = RuleLoader.load(ruleFiles, tg.intervalMs(), 0, tg.externalLabels(),
                tg.externalURL(), true, loadErrors);
        if (!loadErrors.isEmpty()) {
            return loadErrors;
        }
        List<Group> groups = new ArrayList<>();
        for (RuleLoader.Loaded l : loaded) {
            groups.add(new Group(l.config().name(), l.file(), l.intervalMs(), l.config().limit(), l.queryOffsetMs(),
                    l.rules(), false, opts));
        }
        order(groups, tf.groupEvalOrder());
        List<String> errors = new ArrayList<>();
        long maxEval = 0;
        TreeSet<Long> alertTimes = new TreeSet<>();
        for (RuleTestFile.AlertTest at : tg.alertTests()) {
            if (at.alertname().isEmpty()) {
                return List.of("    an item under alert_rule_test misses required attribute alertname at eval_time "
                        + at.evalTimeText());
            }
            alertTimes.add(at.evalTimeMs());
            maxEval = Math.max(maxEval, at.evalTimeMs());
        }
        for (RuleTestFile.ExprTest et : tg.exprTests()) {
            maxEval = Math.max(maxEval, et.evalTimeMs());
        }
        long interval = tf.evaluationIntervalMs();
        for (long ts = mint; ts <= mint + maxEval; ts += interval) {
            now[0] = ts;
            List<String> evalErrors = new ArrayList<>();
            for (Group g : groups) {
                g.eval(ts);
                for (Rule r : g.rules()) {
                    if (!r.lastError().isEmpty()) {
                        evalErrors.add("    rule: " + r.name() + ", time: " + duration(ts) + ", err: " + r.lastError());
                    }
                }
            }
            if (!evalErrors.isEmpty()) {
                errors.addAll(evalErrors);
                return errors;
            }
            for (Long t : alertTimes.subSet(ts - mint, true, ts - mint + interval, false)) {
                checkAlerts(tg, t, groups, errors);
            }
        }
        for (RuleTestFile.ExprTest et : tg.exprTests()) {
            checkExpr(engine, storage, et, mint, tf.fuzzyCompare(), errors);
        }
        return errors;
    }

    private static void load(MemStorage storage, RuleTestFile.TestGroup tg, long mint) {
        for (RuleTestFile.InputSeries s : tg.inputSeries()) {
            Labels l = labels(s.series());
            List<Double> values = SeriesValues.expand(s.values());
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) != null) {
                    storage.add(l, mint + i * tg.intervalMs(), values.get(i));
                }
            }
        }
    }

    static Labels labels(String selector) {
        List<Matcher> ms = PromqlParser.parseMetricSelector(selector);
        io.ignis.labels.LabelsBuilder b = new io.ignis.labels.LabelsBuilder();
        for (Matcher m : ms) {
            if (m.type() != MatchType.EQUAL) {
                throw new IllegalArgumentException("series " + selector + ": only equality matchers describe a series");
            }
            b.set(m.name(), m.value());
        }
        return b.build();
    }

    private static void order(List<Group> groups, List<String> order) {
        if (order.isEmpty()) {
            return;
        }
        groups.sort(Comparator.comparingInt(g -> {
            int i = order.indexOf(g.name());
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
    }

    private record LabelsAndAnnotations(Labels labels, Labels annotations) {
        @Override
        public String toString() {
            return "Labels:" + labels + " Annotations:" + annotations;
        }
    }

    private static final Comparator<LabelsAndAnnotations> BY_LABELS =
            Comparator.comparing(LabelsAndAnnotations::labels).thenComparing(LabelsAndAnnotations::annotations);

    private static void checkAlerts(RuleTestFile.TestGroup tg, long t, List<Group> groups, List<String> errors) {
        for (RuleTestFile.AlertTest at : tg.alertTests()) {
            if (at.evalTimeMs() != t) {
                continue;
            }
            List<LabelsAndAnnotations> got = new ArrayList<>();
            for (Group g : groups) {
                for (Rule r : g.rules()) {
                    if (r instanceof AlertingRule ar && ar.name().equals(at.alertname())) {
                        for (Alert a : ar.activeAlerts()) {
                            if (a.state() == AlertState.FIRING) {
                                got.add(new LabelsAndAnnotations(a.labels(), a.annotations()));
                            }
                        }
                    }
                }
            }
            List<LabelsAndAnnotations> exp = new ArrayList<>();
            for (RuleTestFile.ExpAlert e : at.expAlerts()) {
                Map<String, String> l = new java.util.HashMap<>(e.labels());
                l.put(AlertingRule.ALERT_NAME, at.alertname());
                exp.add(new LabelsAndAnnotations(Labels.fromMap(l), Labels.fromMap(e.annotations())));
            }
            got.sort(BY_LABELS);
            exp.sort(BY_LABELS);
            if (!got.equals(exp)) {
                String name = tg.name().isEmpty() ? "" : "    name: " + tg.name() + ",\n";
                errors.add(name + "    alertname: " + at.alertname() + ", time: " + at.evalTimeText() + ", \n"
                        + "        exp:" + exp + ", \n        got:" + got);
            }
        }
    }

    private static void checkExpr(Engine engine, MemStorage storage, RuleTestFile.ExprTest et, long mint,
            boolean fuzzy, List<String> errors) {
        Vector v;
        try {
            v = RuleQuery.of(engine, storage).query(et.expr(), mint + et.evalTimeMs());
        } catch (RuntimeException e) {
            errors.add("    expr: \"" + et.expr() + "\", time: " + et.evalTimeText() + ", err: " + e.getMessage());
            return;
        }
        List<Map.Entry<Labels, Double>> got = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            got.add(Map.entry(v.labels(i), v.v(i)));
        }
        List<Map.Entry<Labels, Double>> exp = new ArrayList<>();
        for (RuleTestFile.ExpSample s : et.expSamples()) {
            try {
                exp.add(Map.entry(s.labels().isEmpty() ? Labels.EMPTY : labels(s.labels()), s.value()));
            } catch (RuntimeException e) {
                errors.add("    expr: \"" + et.expr() + "\", time: " + et.evalTimeText() + ", err: " + e.getMessage());
                return;
            }
        }
        Comparator<Map.Entry<Labels, Double>> byLabels = Map.Entry.comparingByKey();
        got.sort(byLabels);
        exp.sort(byLabels);
        if (!samplesEqual(exp, got, fuzzy)) {
            errors.add("    expr: \"" + et.expr() + "\", time: " + et.evalTimeText() + ",\n        exp: "
                    + samples(exp) + "\n        got: " + samples(got));
        }
    }

    private static boolean samplesEqual(List<Map.Entry<Labels, Double>> a, List<Map.Entry<Labels, Double>> b,
            boolean fuzzy) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            double x = a.get(i).getValue();
            double y = b.get(i).getValue();
            boolean same = Double.compare(x, y) == 0 || x == y
                    || fuzzy && (Math.nextDown(x) == y || Math.nextUp(x) == y);
            if (!a.get(i).getKey().equals(b.get(i).getKey()) || !same) {
                return false;
            }
        }
        return true;
    }

    private static String samples(List<Map.Entry<Labels, Double>> s) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < s.size(); i++) {
            sb.append(i > 0 ? " " : "").append(s.get(i).getKey()).append(' ')
                    .append(io.ignis.server.rules.template.GoFloat.format(s.get(i).getValue(), 'g', -1));
        }
        return sb.append(']').toString();
    }

    private static String duration(long ms) {
        return io.ignis.config.Durations.format(java.time.Duration.ofMillis(ms));
    }
}
