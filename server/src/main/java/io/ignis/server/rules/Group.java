package io.ignis.server.rules;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.labels.XxHash64;
import io.ignis.model.StaleNaN;
import io.ignis.promql.value.Vector;
import io.ignis.storage.Appender;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.storage.SelectHints;
import io.ignis.storage.SeriesSet;
import io.ignis.storage.StorageException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rule group, as Prometheus's {@code rules.Group}: its rules run one after the other (or in dependency batches
 * under {@code concurrent-rule-eval}) every {@code interval}
 * at timestamps offset within the interval by a hash of file and name, so evaluations stay on the same slots
 * across restarts. Missed slots are counted, not caught up. Series a rule stopped producing, and series of rules
 * that went away, get stale markers.
 */
public final class Group {
    private static final Logger LOG = LoggerFactory.getLogger(Group.class);

    private final String name;
    private final String file;
    private final long intervalMs;
    private final long limit;
    private final long queryOffsetMs;
    private final List<Rule> rules;
    private final GroupOptions opts;
    private final List<Map<Labels, Labels>> seriesInPreviousEval;
    private List<Labels> staleSeries = new ArrayList<>();
    private final Object wakeup = new Object();
    private volatile boolean done;
    private boolean shouldRestore;
    private volatile long lastEvaluation;
    private volatile long evaluationTimeNanos;
    private volatile long lastEvalTimestamp;

    Group(String name, String file, long intervalMs, long limit, long queryOffsetMs, List<Rule> rules,
            boolean shouldRestore, GroupOptions opts) {
        this.name = name;
        this.file = file;
        this.intervalMs = intervalMs;
        this.limit = limit;
        this.queryOffsetMs = queryOffsetMs;
        this.rules = List.copyOf(rules);
        this.shouldRestore = shouldRestore;
        this.opts = opts;
        this.seriesInPreviousEval = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            seriesInPreviousEval.add(new HashMap<>());
        }
    }

    public String name() {
        return name;
    }

    public String file() {
        return file;
    }

    public long intervalMs() {
        return intervalMs;
    }

    public long limit() {
        return limit;
    }

    public long queryOffsetMs() {
        return queryOffsetMs;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Wall-clock time (ms) when the last evaluation started. */
    public long lastEvaluation() {
        return lastEvaluation;
    }

    public long evaluationTimeNanos() {
        return evaluationTimeNanos;
    }

    public long lastEvalTimestamp() {
        return lastEvalTimestamp;
    }

    /** Prometheus's group key, {@code file;name}, also the {@code rule_group} label of the metrics. */
    public String key() {
        return file + ";" + name;
    }

    /** The evaluation slot at or before {@code startMs}: the interval grid shifted by the group's hash. */
    public long evalTimestamp(long startMs) {
        long intervalNanos = intervalMs * 1_000_000L;
        long offsetNanos = Long.remainderUnsigned(hash(), intervalNanos);
        long adjNow = startMs * 1_000_000L - offsetNanos;
        long base = adjNow - Math.floorMod(adjNow, intervalNanos);
        return Math.floorDiv(base + offsetNanos, 1_000_000L);
    }

    /** Prometheus's {@code labels.Hash} of {@code {file=<file>, name=<name>}}. */
    private long hash() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String s : new String[] {"file", file, "name", name}) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            b.write(bytes, 0, bytes.length);
            b.write(0xff);
        }
        return XxHash64.hash(b.toByteArray());
    }

    /**
     * The group's loop: waits for its first slot, evaluates, restores {@code for} state after the second
     * evaluation when asked to, then evaluates at every slot until {@link #stop} (counting skipped slots as
     * missed).
     */
    void run() {
        long now = opts.clock().getAsLong();
        long evalTs = evalTimestamp(now) + intervalMs;
        if (!opts.sleeper().sleepUntil(evalTs, wakeup, () -> done)) {
            return;
        }
        long tickBase = evalTs;
        opts.metrics().set("prometheus_rule_group_interval_seconds", key(), intervalMs / 1000.0);
        iteration(evalTs);
        long tick = 1;
        while (!done) {
            long nextTick = tickBase + tick * intervalMs;
            if (!opts.sleeper().sleepUntil(nextTick, wakeup, () -> done)) {
                break;
            }
            now = opts.clock().getAsLong();
            long missed = (now - evalTs) / intervalMs - 1;
            if (missed > 0) {
                opts.metrics().inc("prometheus_rule_group_iterations_missed_total", key(), missed);
                opts.metrics().inc("prometheus_rule_group_iterations_total", key(), missed);
            }
            evalTs += (Math.max(missed, 0) + 1) * intervalMs;
            // A ticker drops the ticks its reader was too slow for: continue from the first one not yet passed.
            tick = Math.max(tick + 1, (now - tickBase) / intervalMs + 1);
            iteration(evalTs);
            if (shouldRestore) {
                restoreForState(opts.clock().getAsLong());
            }
        }
    }

    /**
     * Writes stale markers for every series the group wrote, once it stopped because it went away. Prometheus
     * waits two intervals first so that a renamed group can take the series over; here the reload order already
     * guarantees the new groups exist.
     */
    void markSeriesStale() {
        for (Map<Labels, Labels> m : seriesInPreviousEval) {
            staleSeries.addAll(m.values());
        }
        cleanupStaleSeries(opts.clock().getAsLong());
    }

    private void iteration(long evalTs) {
        opts.metrics().inc("prometheus_rule_group_iterations_total", key(), 1);
        long startWall = opts.clock().getAsLong();
        long start = System.nanoTime();
        eval(evalTs);
        long took = System.nanoTime() - start;
        evaluationTimeNanos = took;
        lastEvaluation = startWall;
        lastEvalTimestamp = evalTs;
        long sum = 0;
        for (Rule r : rules) {
            sum += r.evaluationDurationNanos();
        }
        opts.metrics().set("prometheus_rule_group_last_duration_seconds", key(), took / 1e9);
        opts.metrics().set("prometheus_rule_group_last_rule_duration_sum_seconds", key(), sum / 1e9);
        opts.metrics().set("prometheus_rule_group_last_evaluation_timestamp_seconds", key(), evalTs / 1000.0);
    }

    /** Stops the loop after the current evaluation. */
    void stop() {
        done = true;
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
    }

    boolean shouldRestore() {
        return shouldRestore;
    }

    /**
     * Evaluates every rule once at {@code ts} and writes the results: in order, or batch by batch when the
     * concurrency controller splits the group (Prometheus's {@code Eval}); a batch finishes before the next starts.
     */
    public void eval(long ts) {
        LongAdder samplesTotal = new LongAdder();
        RuleConcurrency ctrl = opts.concurrency();
        List<int[]> batches = ctrl.batches(rules);
        if (batches == null) {
            for (int i = 0; i < rules.size() && !done; i++) {
                samplesTotal.add(evalRule(i, rules.get(i), ts));
            }
        } else {
            for (int[] batch : batches) {
                evalBatch(batch, ts, ctrl, samplesTotal);
                if (done) {
                    break;
                }
            }
        }
        opts.metrics().set("prometheus_rule_group_last_evaluation_samples", key(), samplesTotal.sum());
        opts.metrics().set("prometheus_rule_group_rules", key(), rules.size());
        cleanupStaleSeries(ts);
    }

    private void evalBatch(int[] batch, long ts, RuleConcurrency ctrl, LongAdder samplesTotal) {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int i : batch) {
            if (done) {
                break;
            }
            Rule rule = rules.get(i);
            if (batch.length > 1 && ctrl.allow()) {
                CompletableFuture<Void> f = new CompletableFuture<>();
                running.add(f);
                ctrl.execute(() -> {
                    try {
                        samplesTotal.add(evalRule(i, rule, ts));
                        f.complete(null);
                    } catch (Throwable t) {
                        f.completeExceptionally(t);
                    } finally {
                        ctrl.done();
                    }
                });
            } else {
                samplesTotal.add(evalRule(i, rule, ts));
            }
        }
        // Rules of the next batch may read what this one wrote.
        CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0])).join();
    }

    private int evalRule(int i, Rule rule, long ts) {
        long start = System.nanoTime();
        long startWall = opts.clock().getAsLong();
        opts.metrics().inc("prometheus_rule_evaluations_total", key(), 1);
        Vector vector;
        String templateError = null;
        try {
            try {
                vector = rule.eval(ts, queryOffsetMs, opts.query(), limit);
            } catch (AlertingRule.TemplateFailure f) {
                vector = f.samples;
                templateError = f.getMessage();
            }
        } catch (RuntimeException e) {
            rule.setHealth(RuleHealth.BAD, message(e));
            opts.metrics().inc("prometheus_rule_evaluation_failures_total", key(), 1);
            LOG.warn("msg=\"evaluating rule failed\" group={} rule={} err=\"{}\"", name, rule.name(), message(e));
            opts.metrics().observeRuleEvaluation(System.nanoTime() - start);
            rule.setEvaluated(startWall, System.nanoTime() - start);
            return 0;
        }
        if (templateError != null) {
            rule.setHealth(RuleHealth.BAD, templateError);
        } else {
            rule.setHealth(RuleHealth.GOOD, null);
        }
        if (rule instanceof AlertingRule ar) {
            ar.sendAlerts(ts, opts.resendDelayMs(), intervalMs, opts.notifyFunc());
        }
        write(i, rule, ts, vector);
        opts.metrics().observeRuleEvaluation(System.nanoTime() - start);
        rule.setEvaluated(startWall, System.nanoTime() - start);
        return vector.size();
    }

    private void write(int i, Rule rule, long ts, Vector vector) {
        Map<Labels, Labels> returned = new HashMap<>();
        Appender app = opts.appendable().appender();
        try {
            for (int k = 0; k < vector.size(); k++) {
                Labels l = vector.labels(k);
                try {
                    if (vector.isHistogram(k)) {
                        app.appendHistogram(0, l, vector.t(k), null, vector.histogram(k));
                    } else {
                        app.append(0, l, vector.t(k), vector.v(k));
                    }
                    returned.put(l, l);
                } catch (StorageException e) {
                    rule.setHealth(RuleHealth.BAD, e.getMessage());
                }
            }
            long staleT = ts - queryOffsetMs;
            for (Labels l : seriesInPreviousEval.get(i).keySet()) {
                if (!returned.containsKey(l)) {
                    appendStale(app, l, staleT);
                }
            }
            app.commit();
            seriesInPreviousEval.set(i, returned);
        } catch (RuntimeException e) {
            rule.setHealth(RuleHealth.BAD, message(e));
            opts.metrics().inc("prometheus_rule_evaluation_failures_total", key(), 1);
            LOG.warn("msg=\"rule sample appending failed\" group={} err=\"{}\"", name, message(e));
        }
    }

    private static void appendStale(Appender app, Labels l, long t) {
        try {
            app.append(0, l, t, StaleNaN.VALUE);
        } catch (StorageException e) {
            // Expected when another rule writes the series too (out of order, duplicate): ignored as Prometheus does.
        }
    }

    private void cleanupStaleSeries(long ts) {
        if (staleSeries.isEmpty()) {
            return;
        }
        Appender app = opts.appendable().appender();
        for (Labels l : staleSeries) {
            appendStale(app, l, ts - queryOffsetMs);
        }
        try {
            app.commit();
            staleSeries = new ArrayList<>();
        } catch (RuntimeException e) {
            LOG.warn("msg=\"stale sample appending for previous configuration failed\" err=\"{}\"", message(e));
        }
    }

    /**
     * Takes over the state of the same group before a reload: series written by rules with the same name and
     * labels, active alerts, and stale markers for the series of rules that went away.
     */
    void copyState(Group from) {
        evaluationTimeNanos = from.evaluationTimeNanos;
        lastEvaluation = from.lastEvaluation;
        Map<String, List<Integer>> ruleMap = new HashMap<>();
        for (int fi = 0; fi < from.rules.size(); fi++) {
            ruleMap.computeIfAbsent(from.rules.get(fi).nameAndLabels(), k -> new ArrayList<>()).add(fi);
        }
        for (int i = 0; i < rules.size(); i++) {
            List<Integer> indexes = ruleMap.get(rules.get(i).nameAndLabels());
            if (indexes == null || indexes.isEmpty()) {
                continue;
            }
            int fi = indexes.remove(0);
            seriesInPreviousEval.set(i, from.seriesInPreviousEval.get(fi));
            if (rules.get(i) instanceof AlertingRule ar && from.rules.get(fi) instanceof AlertingRule far) {
                ar.copyActiveFrom(far);
                ar.setRestored(far.isRestored());
            }
        }
        staleSeries = new ArrayList<>(from.staleSeries);
        for (int fi = 0; fi < from.rules.size(); fi++) {
            List<Integer> left = ruleMap.get(from.rules.get(fi).nameAndLabels());
            if (left != null && left.contains(fi)) {
                staleSeries.addAll(from.seriesInPreviousEval.get(fi).values());
            }
        }
    }

    /**
     * Prometheus's {@code RestoreForState}: alerts active before a restart get their {@code activeAt} back from
     * the last {@code ALERTS_FOR_STATE} sample within the outage tolerance, shifted by the downtime, and never
     * fire sooner than the grace period after the restart.
     */
    void restoreForState(long ts) {
        long started = System.nanoTime();
        try (Querier q = opts.queryable().querier(ts - opts.outageToleranceMs(), ts)) {
            for (Rule rule : rules) {
                if (rule instanceof AlertingRule ar) {
                    restoreRule(q, ar, ts);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("msg=\"failed to restore 'for' state\" group={} err=\"{}\"", name, message(e));
        } finally {
            shouldRestore = false;
            for (Rule rule : rules) {
                if (rule instanceof AlertingRule ar) {
                    ar.setRestored(true);
                }
            }
            opts.metrics().set("prometheus_rule_group_last_restore_duration_seconds", key(),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    private void restoreRule(Querier q, AlertingRule rule, long ts) {
        long hold = rule.holdDurationMs();
        if (hold < opts.forGracePeriodMs()) {
            return;
        }
        List<Matcher> matchers = new ArrayList<>();
        matchers.add(Matcher.equal(Labels.METRIC_NAME, AlertingRule.ALERTS_FOR_STATE));
        matchers.add(Matcher.equal(AlertingRule.ALERT_NAME, rule.name()));
        Labels static_ = rule.labels();
        for (int i = 0; i < static_.size(); i++) {
            if (!static_.value(i).contains("{{")) {
                matchers.add(Matcher.equal(static_.name(i), static_.value(i)));
            }
        }
        Map<Labels, long[]> last = new HashMap<>();
        Map<Labels, Double> lastV = new HashMap<>();
        SeriesSet set = q.select(false, SelectHints.range(ts - opts.outageToleranceMs(), ts),
                matchers.toArray(new Matcher[0]));
        SampleIterator it = null;
        while (set.next()) {
            it = set.at().iterator(it);
            long t = Long.MIN_VALUE;
            double v = 0;
            for (SampleType st = it.next(); st != SampleType.NONE; st = it.next()) {
                if (st == SampleType.FLOAT) {
                    t = it.atT();
                    v = it.atV();
                }
            }
            if (t != Long.MIN_VALUE) {
                Labels key = set.at().labels().withoutMetricName();
                last.put(key, new long[] {t});
                lastV.put(key, v);
            }
        }
        Set<Labels> seen = new HashSet<>();
        rule.forEachActive(a -> {
            long[] t = last.get(a.labels);
            if (t == null || !seen.add(a.labels)) {
                return;
            }
            double v = lastV.get(a.labels);
            if (StaleNaN.is(v)) {
                return;
            }
            long downAt = t[0] / 1000 * 1000;
            long restoredActiveAt = (long) v * 1000;
            long remaining = hold - (downAt - restoredActiveAt);
            if (remaining <= 0) {
                return;
            }
            if (remaining < opts.forGracePeriodMs()) {
                restoredActiveAt = ts + opts.forGracePeriodMs() - hold;
            } else {
                restoredActiveAt += ts - downAt;
            }
            a.activeAt = restoredActiveAt;
        });
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
