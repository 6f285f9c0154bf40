package io.ignis.server.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.XxHash64;
import io.ignis.model.StaleNaN;
import io.ignis.promql.value.Vector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GroupTest {
    private static final long MIN = 60_000;
    private final RulesFixture f = new RulesFixture();

    private static Labels l(String... kv) {
        return Labels.of(kv);
    }

    private void series(Labels l, long from, long to, long step, double v) {
        for (long t = from; t <= to; t += step) {
            f.storage.add(l, t, v);
        }
    }

    private static boolean isStale(double v) {
        return Double.doubleToRawLongBits(v) == StaleNaN.BITS;
    }

    @Test
    void recordingRuleOutputEqualsTheExpressionAndCarriesGroupAndRuleLabels() {
        series(l("__name__", "http_requests", "job", "api", "instance", "1"), 0, 10 * MIN, 15_000, 3);
        series(l("__name__", "http_requests", "job", "api", "instance", "2"), 0, 10 * MIN, 15_000, 4);
        series(l("__name__", "http_requests", "job", "web", "instance", "1"), 0, 10 * MIN, 15_000, 5);
        RecordingRule rule = new RecordingRule("job:http_requests:sum", "sum by (job) (http_requests)",
                l("team", "core", "job", "overridden"));
        Group g = f.group("g", MIN, List.of(rule), false);
        g.eval(5 * MIN);

        Vector direct = RuleQuery.of(f.engine, f.storage).query("sum by (job) (http_requests)", 5 * MIN);
        assertThat(direct.size()).isEqualTo(2);
        Labels out = l("__name__", "job:http_requests:sum", "job", "overridden", "team", "core");
        assertThat(rule.health()).isEqualTo(RuleHealth.BAD);
        assertThat(rule.lastError()).contains("same labelset");

        RecordingRule keepJob = new RecordingRule("job:http_requests:sum", "sum by (job) (http_requests)",
                l("team", "core"));
        Group g2 = f.group("g2", MIN, List.of(keepJob), false);
        g2.eval(5 * MIN);
        assertThat(keepJob.health()).isEqualTo(RuleHealth.GOOD);
        assertThat(keepJob.lastError()).isEmpty();
        for (int i = 0; i < direct.size(); i++) {
            Labels want = direct.labels(i).toBuilder().set("__name__", "job:http_requests:sum").set("team", "core")
                    .build();
            assertThat(f.storage.samples(want)).containsExactly(Map.entry(5 * MIN, direct.v(i)));
        }
        assertThat(f.storage.samples(out)).isEmpty();
        Vector queried = RuleQuery.of(f.engine, f.storage).query("job:http_requests:sum", 5 * MIN);
        assertThat(queried.size()).isEqualTo(2);
        assertThat(queried.v(0) + queried.v(1)).isEqualTo(12.0);
    }

    @Test
    void seriesARuleStopsProducingGetAStaleMarker() {
        Labels a = l("__name__", "up", "instance", "a");
        Labels b = l("__name__", "up", "instance", "b");
        series(a, 0, 10 * MIN, 15_000, 1);
        series(b, 0, 2 * MIN, 15_000, 1);
        RecordingRule rule = new RecordingRule("up:copy", "up", Labels.EMPTY);
        Group g = f.group("g", MIN, List.of(rule), false);
        g.eval(MIN);
        g.eval(8 * MIN);
        TreeMap<Long, Double> copyB = f.storage.samples(l("__name__", "up:copy", "instance", "b"));
        assertThat(copyB.firstEntry().getValue()).isEqualTo(1.0);
        assertThat(copyB.lastKey()).isEqualTo(8 * MIN);
        assertThat(isStale(copyB.lastEntry().getValue())).isTrue();
        assertThat(f.storage.samples(l("__name__", "up:copy", "instance", "a"))).containsEntry(8 * MIN, 1.0);
    }

    @Test
    void alertGoesPendingFiresAndResolvesWithAlertsSeriesAndNotifications() {
        Labels load = l("__name__", "load", "instance", "h1");
        for (long t = 0; t <= 20 * MIN; t += 15_000) {
            f.storage.add(load, t, t >= 2 * MIN && t < 9 * MIN ? 0.95 : 0.1);
        }
        AlertingRule rule = new AlertingRule("HighLoad", "load > 0.9", 3 * MIN, 0, l("severity", "page"),
                Map.of("summary", "{{ $labels.instance }} load {{ $value | humanizePercentage }}"), Map.of(),
                "http://ignis:9090", true);
        Group g = f.group("g", MIN, List.of(rule), false);
        Labels alertLabels = l("alertname", "HighLoad", "instance", "h1", "severity", "page");

        g.eval(MIN);
        assertThat(rule.activeAlerts()).isEmpty();
        g.eval(2 * MIN);
        assertThat(rule.state()).isEqualTo(AlertState.PENDING);
        assertThat(rule.activeAlerts().get(0).labels()).isEqualTo(alertLabels);
        assertThat(rule.activeAlerts().get(0).annotations()).isEqualTo(l("summary", "h1 load 95%"));
        assertThat(f.sent()).isEmpty();
        g.eval(4 * MIN);
        assertThat(rule.state()).isEqualTo(AlertState.PENDING);
        g.eval(5 * MIN);
        assertThat(rule.state()).isEqualTo(AlertState.FIRING);
        List<Alert> sent = f.sent();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).state()).isEqualTo(AlertState.FIRING);
        assertThat(sent.get(0).activeAt()).isEqualTo(2 * MIN);
        assertThat(sent.get(0).validUntil()).isEqualTo(5 * MIN + 4 * MIN);
        g.eval(6 * MIN);
        assertThat(f.sent()).as("resend delay of 1m not yet passed").isEmpty();
        g.eval(7 * MIN + 1);
        assertThat(f.sent()).hasSize(1);
        g.eval(10 * MIN);
        assertThat(rule.state()).isEqualTo(AlertState.INACTIVE);
        sent = f.sent();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).resolvedAt()).isEqualTo(10 * MIN);

        Labels alerts = alertLabels.toBuilder().set("__name__", "ALERTS").set("alertstate", "pending").build();
        assertThat(f.storage.samples(alerts).keySet()).contains(2 * MIN, 4 * MIN);
        assertThat(isStale(f.storage.samples(alerts).get(5 * MIN))).isTrue();
        Labels firing = alertLabels.toBuilder().set("__name__", "ALERTS").set("alertstate", "firing").build();
        assertThat(f.storage.samples(firing)).containsEntry(5 * MIN, 1.0).containsEntry(6 * MIN, 1.0);
        assertThat(isStale(f.storage.samples(firing).get(10 * MIN))).isTrue();
        Labels forState = alertLabels.toBuilder().set("__name__", "ALERTS_FOR_STATE").build();
        assertThat(f.storage.samples(forState)).containsEntry(5 * MIN, 120.0);
        assertThat(f.metrics.value("prometheus_rule_evaluations_total", g.key())).isEqualTo(7);
    }

    @Test
    void keepFiringForHoldsAResolvedAlert() {
        Labels up = l("__name__", "down", "instance", "h1");
        for (long t = 0; t <= 20 * MIN; t += 15_000) {
            f.storage.add(up, t, t < 3 * MIN ? 1 : 0);
        }
        AlertingRule rule = new AlertingRule("Down", "down == 1", 0, 2 * MIN, Labels.EMPTY, Map.of(), Map.of(),
                "http://x", true);
        Group g = f.group("g", MIN, List.of(rule), false);
        g.eval(MIN);
        assertThat(rule.state()).isEqualTo(AlertState.FIRING);
        g.eval(4 * MIN);
        assertThat(rule.state()).as("keep firing").isEqualTo(AlertState.FIRING);
        g.eval(5 * MIN);
        assertThat(rule.state()).isEqualTo(AlertState.FIRING);
        g.eval(6 * MIN);
        assertThat(rule.state()).isEqualTo(AlertState.INACTIVE);
    }

    @Test
    void templateErrorIsTheRulesLastErrorNotACrash() {
        f.storage.add(l("__name__", "x"), 0, 1);
        AlertingRule rule = new AlertingRule("Bad", "x", 0, 0, Labels.EMPTY,
                Map.of("d", "{{ humanize \"one\" }}"), Map.of(), "http://x", true);
        Group g = f.group("g", MIN, List.of(rule), false);
        g.eval(1000);
        assertThat(rule.health()).isEqualTo(RuleHealth.BAD);
        assertThat(rule.lastError()).contains("error calling humanize");
        assertThat(rule.activeAlerts().get(0).annotations().get("d")).startsWith("<error expanding template: ");
        assertThat(rule.state()).isEqualTo(AlertState.FIRING);
    }

    @Test
    void limitAndQueryErrorsMarkTheRuleBad() {
        series(l("__name__", "m", "i", "1"), 0, MIN, 15_000, 1);
        series(l("__name__", "m", "i", "2"), 0, MIN, 15_000, 1);
        RecordingRule rec = new RecordingRule("r", "m", Labels.EMPTY);
        AlertingRule alert = new AlertingRule("A", "m", 0, 0, Labels.EMPTY, Map.of(), Map.of(), "http://x", true);
        RecordingRule bad = new RecordingRule("s", "m{", Labels.EMPTY);
        Group g = new Group("g", "f", MIN, 1, 0, List.of(rec, alert, bad), false, f.options());
        g.eval(MIN);
        assertThat(rec.lastError()).isEqualTo("exceeded limit of 1 with 2 series");
        assertThat(alert.lastError()).isEqualTo("exceeded limit of 1 with 2 alerts");
        assertThat(bad.health()).isEqualTo(RuleHealth.BAD);
        assertThat(f.metrics.value("prometheus_rule_evaluation_failures_total", "f;g")).isEqualTo(3);
    }

    @Test
    void queryOffsetShiftsTheQueryAndTheWrittenTimestamps() {
        series(l("__name__", "m"), 0, 10 * MIN, 15_000, 7);
        RecordingRule rec = new RecordingRule("r", "m", Labels.EMPTY);
        Group g = new Group("g", "f", MIN, 0, 30_000, List.of(rec), false, f.options());
        g.eval(5 * MIN);
        assertThat(f.storage.samples(l("__name__", "r"))).containsExactly(Map.entry(5 * MIN - 30_000, 7.0));
    }

    @Test
    void forStateIsRestoredAfterARestart() {
        Labels m = l("__name__", "errors", "instance", "h1");
        for (long t = 0; t <= 60 * MIN; t += 15_000) {
            f.storage.add(m, t, 1);
        }
        AlertingRule before = new AlertingRule("Errors", "errors > 0", 30 * MIN, 0, Labels.EMPTY, Map.of(),
                Map.of(), "http://x", true);
        Group g1 = f.group("g", MIN, List.of(before), false);
        for (long t = 10 * MIN; t <= 20 * MIN; t += MIN) {
            g1.eval(t);
        }
        assertThat(before.state()).isEqualTo(AlertState.PENDING);
        // Down from 20m to 25m; the restarted group restores after its second evaluation.
        AlertingRule after = new AlertingRule("Errors", "errors > 0", 30 * MIN, 0, Labels.EMPTY, Map.of(),
                Map.of(), "http://x", false);
        Group g2 = f.group("g", MIN, List.of(after), true);
        g2.eval(25 * MIN);
        g2.eval(26 * MIN);
        assertThat(after.activeAlerts().get(0).activeAt()).isEqualTo(25 * MIN);
        g2.restoreForState(26 * MIN);
        // Pending 10m before going down at 20m; the 6m since then do not count.
        assertThat(after.activeAlerts().get(0).activeAt()).isEqualTo(10 * MIN + 6 * MIN);
        g2.eval(45 * MIN);
        assertThat(after.state()).isEqualTo(AlertState.PENDING);
        g2.eval(46 * MIN);
        assertThat(after.state()).isEqualTo(AlertState.FIRING);
    }

    @Test
    void restoreNeverFiresSoonerThanTheGracePeriod() {
        Labels m = l("__name__", "errors");
        for (long t = 0; t <= 60 * MIN; t += 15_000) {
            f.storage.add(m, t, 1);
        }
        AlertingRule before = new AlertingRule("E", "errors", 30 * MIN, 0, Labels.EMPTY, Map.of(), Map.of(),
                "http://x", true);
        Group g1 = f.group("g", MIN, List.of(before), false);
        for (long t = 0; t <= 28 * MIN; t += MIN) {
            g1.eval(t);
        }
        AlertingRule after = new AlertingRule("E", "errors", 30 * MIN, 0, Labels.EMPTY, Map.of(), Map.of(),
                "http://x", false);
        Group g2 = f.group("g", MIN, List.of(after), true);
        g2.eval(30 * MIN);
        g2.restoreForState(30 * MIN);
        assertThat(after.activeAlerts().get(0).activeAt()).isEqualTo(30 * MIN + 10 * MIN - 30 * MIN);
    }

    @Test
    void evaluationSlotsAreAlignedByTheGroupHash() {
        Group g = f.group("g", MIN, List.of(), false);
        long slot = g.evalTimestamp(1_000_000_000_000L);
        assertThat(slot).isLessThanOrEqualTo(1_000_000_000_000L).isGreaterThan(1_000_000_000_000L - MIN);
        assertThat(g.evalTimestamp(1_000_000_000_000L + MIN)).isEqualTo(slot + MIN);
        // Slots are whole nanoseconds; written timestamps are truncated to ms, as Prometheus's.
        assertThat(g.evalTimestamp(slot + 1)).isEqualTo(slot);
        long offset = Math.floorMod(slot, MIN);
        byte[] key = "file\u00ffrules.yml\u00ffname\u00ffg\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(offset).isEqualTo(Long.remainderUnsigned(XxHash64.hash(key), MIN * 1_000_000) / 1_000_000);
    }

    @Test
    void xxHash64MatchesTheReferenceVectors() {
        assertThat(XxHash64.hash(new byte[0])).isEqualTo(0xEF46DB3751D8E999L);
        assertThat(XxHash64.hash("a".getBytes(StandardCharsets.UTF_8))).isEqualTo(0xD24EC4F1A98C6E5BL);
        assertThat(XxHash64.hash("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo(0x44BC2CF5AD770999L);
        assertThat(XxHash64.hash("Nobody inspects the spammish repetition".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(0xFBCEA83C8A378BF1L);
    }

    @Test
    void runLoopCountsMissedIterationsAndRestoresAfterTheSecondEvaluation() {
        series(l("__name__", "m"), 0, 60 * MIN, 15_000, 1);
        RecordingRule rec = new RecordingRule("r", "m", Labels.EMPTY);
        AlertingRule alert = new AlertingRule("A", "m", 0, 0, Labels.EMPTY, Map.of(), Map.of(), "http://x", false);
        f.clock.set(10 * MIN + 1);
        int[] sleeps = {0};
        Group g = f.group("g", MIN, List.of(rec, alert), true);
        f.sleeper = (t, wakeup, stopped) -> {
            sleeps[0]++;
            // The third wait overruns by two and a half intervals: two slots are missed.
            long lag = sleeps[0] == 3 ? 2 * MIN + 30_000 : 0;
            f.clock.set(Math.max(f.clock.get(), t) + lag);
            return sleeps[0] <= 5;
        };
        g.run();
        assertThat(f.metrics.value("prometheus_rule_group_iterations_missed_total", g.key())).isEqualTo(2);
        assertThat(f.metrics.value("prometheus_rule_group_iterations_total", g.key())).isEqualTo(5 + 2);
        long first = g.evalTimestamp(10 * MIN + 1) + MIN;
        assertThat(f.storage.samples(l("__name__", "r")).keySet())
                .containsExactly(first, first + MIN, first + 4 * MIN, first + 5 * MIN, first + 6 * MIN);
        assertThat(alert.isRestored()).isTrue();
        assertThat(g.shouldRestore()).isFalse();
    }
}
