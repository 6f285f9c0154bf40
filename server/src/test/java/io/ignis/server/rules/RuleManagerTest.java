package io.ignis.server.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.Labels;
import io.ignis.model.StaleNaN;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleManagerTest {
    private static final long MIN = 60_000;
    private final RulesFixture f = new RulesFixture();
    @TempDir
    Path dir;

    private Path file(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private static final String RULES = """
            groups:
              - name: g
                interval: 1m
                labels: {team: core}
                rules:
                  - record: job:up:sum
                    expr: sum by (job) (up)
                  - alert: Down
                    expr: up == 0
                    for: 5m
                    labels: {severity: page}
                    annotations: {summary: "{{ $labels.instance }} down"}
            """;

    @Test
    void loadsGroupsWithGroupLabelsDefaultsAndParsedRules() throws IOException {
        RuleManager m = new RuleManager(f.options());
        m.update(30_000, 0, List.of(file("a.yml", RULES), file("b.yml", """
                groups:
                  - name: other
                    query_offset: 1m
                    limit: 10
                    rules:
                      - record: x
                        expr: vector(1)
                """)), Map.of("cluster", "eu"), "http://ignis:9090");
        List<Group> groups = m.ruleGroups();
        assertThat(groups).extracting(Group::name).containsExactly("g", "other");
        assertThat(groups.get(0).intervalMs()).isEqualTo(MIN);
        assertThat(groups.get(1).intervalMs()).isEqualTo(30_000);
        assertThat(groups.get(1).queryOffsetMs()).isEqualTo(MIN);
        assertThat(groups.get(1).limit()).isEqualTo(10);
        assertThat(m.rules()).hasSize(3);
        AlertingRule down = m.alertingRules().get(0);
        assertThat(down.labels()).isEqualTo(Labels.of("severity", "page", "team", "core"));
        assertThat(down.holdDurationMs()).isEqualTo(5 * MIN);
        assertThat(down.isRestored()).as("first load restores for state").isFalse();
    }

    @Test
    void badFilesFailTheUpdateAndKeepThePreviousGroups() throws IOException {
        RuleManager m = new RuleManager(f.options());
        Path good = file("a.yml", RULES);
        m.update(MIN, 0, List.of(good), Map.of(), "http://x");
        Path badExpr = file("bad.yml", "groups:\n  - name: b\n    rules:\n      - record: r\n        expr: sum(\n");
        assertThatThrownBy(() -> m.update(MIN, 0, List.of(badExpr), Map.of(), "http://x"))
                .isInstanceOf(RuleLoadException.class)
                .hasMessageContaining("group \"b\", rule 1, \"r\": could not parse expression");
        Path badTemplate = file("badt.yml", """
                groups:
                  - name: t
                    rules:
                      - alert: A
                        expr: up
                        annotations: {x: "{{ nosuch }}"}
                """);
        assertThatThrownBy(() -> m.update(MIN, 0, List.of(badTemplate), Map.of(), "http://x"))
                .hasMessageContaining("annotation \"x\": template: __alert_A:1: function \"nosuch\" not defined");
        assertThat(m.ruleGroups()).extracting(Group::name).containsExactly("g");
    }

    @Test
    void reloadKeepsUnchangedGroupsAndCopiesStateOfChangedOnes() throws IOException {
        f.storage.add(Labels.of("__name__", "up", "job", "node", "instance", "a"), 0, 0);
        RuleManager m = new RuleManager(f.options());
        Path p = file("a.yml", RULES);
        m.update(MIN, 0, List.of(p), Map.of(), "http://x");
        Group first = m.ruleGroups().get(0);
        first.eval(MIN);
        assertThat(m.alertingRules().get(0).state()).isEqualTo(AlertState.PENDING);

        m.update(MIN, 0, List.of(p), Map.of(), "http://x");
        assertThat(m.ruleGroups().get(0)).isSameAs(first);

        file("a.yml", RULES.replace("interval: 1m", "interval: 2m"));
        m.update(MIN, 0, List.of(p), Map.of(), "http://x");
        Group second = m.ruleGroups().get(0);
        assertThat(second).isNotSameAs(first);
        AlertingRule down = m.alertingRules().get(0);
        assertThat(down.activeAlerts()).hasSize(1);
        assertThat(down.activeAlerts().get(0).activeAt()).isEqualTo(MIN);
    }

    @Test
    void removedRulesAndGroupsGetStaleMarkers() throws IOException {
        Labels up = Labels.of("__name__", "up", "job", "node", "instance", "a");
        for (long t = 0; t <= 10 * MIN; t += 15_000) {
            f.storage.add(up, t, 1);
        }
        RuleManager m = new RuleManager(f.options());
        Path p = file("a.yml", RULES);
        m.update(MIN, 0, List.of(p), Map.of(), "http://x");
        m.ruleGroups().get(0).eval(MIN);
        Labels recorded = Labels.of("__name__", "job:up:sum", "job", "node", "team", "core");
        assertThat(f.storage.samples(recorded)).containsEntry(MIN, 1.0);

        file("a.yml", RULES.replace("job:up:sum", "job:up:total"));
        m.update(MIN, 0, List.of(p), Map.of(), "http://x");
        m.ruleGroups().get(0).eval(2 * MIN);
        assertThat(Double.doubleToRawLongBits(f.storage.samples(recorded).get(2 * MIN)))
                .isEqualTo(StaleNaN.BITS);

        Labels total = Labels.of("__name__", "job:up:total", "job", "node", "team", "core");
        f.clock.set(3 * MIN);
        m.update(MIN, 0, List.of(), Map.of(), "http://x");
        assertThat(m.ruleGroups()).isEmpty();
        assertThat(Double.doubleToRawLongBits(f.storage.samples(total).lastEntry().getValue()))
                .isEqualTo(StaleNaN.BITS);
    }

    @Test
    void startedGroupsEvaluateOnTheirOwnThreadsUntilStopped() throws Exception {
        f.storage.add(Labels.of("__name__", "up", "job", "node", "instance", "a"), 0, 1);
        java.util.concurrent.CountDownLatch twoIterations = new java.util.concurrent.CountDownLatch(2);
        f.clock.set(1000);
        f.sleeper = (t, wakeup, stopped) -> {
            if (stopped.getAsBoolean()) {
                return false;
            }
            f.clock.set(Math.max(f.clock.get(), t));
            twoIterations.countDown();
            if (twoIterations.getCount() == 0) {
                synchronized (wakeup) {
                    while (!stopped.getAsBoolean()) {
                        try {
                            wakeup.wait(1000);
                        } catch (InterruptedException e) {
                            return false;
                        }
                    }
                }
                return false;
            }
            return true;
        };
        RuleManager m = new RuleManager(f.options());
        m.update(MIN, 0, List.of(file("a.yml", RULES)), Map.of(), "http://x");
        m.start();
        assertThat(twoIterations.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        m.stop();
        Group g = m.ruleGroups().get(0);
        assertThat(g.lastEvalTimestamp()).isGreaterThan(0);
        assertThat(f.storage.samples(Labels.of("__name__", "job:up:sum", "job", "node", "team", "core")))
                .isNotEmpty();
    }

    @Test
    void aRestartedManagerRestoresForStateFromAlertsForState() throws IOException {
        Labels errors = Labels.of("__name__", "errors", "instance", "h1");
        for (long t = 0; t <= 60 * MIN; t += 15_000) {
            f.storage.add(errors, t, 1);
        }
        Path p = file("a.yml", """
                groups:
                  - name: e
                    interval: 1m
                    rules:
                      - alert: Errors
                        expr: errors > 0
                        for: 30m
                """);
        int[] sleeps = {0};
        int[] budget = {12};
        f.sleeper = (t, wakeup, stopped) -> {
            f.clock.set(Math.max(f.clock.get(), t));
            return ++sleeps[0] <= budget[0];
        };
        f.clock.set(10 * MIN);
        RuleManager before = new RuleManager(f.options());
        before.update(MIN, 0, List.of(p), Map.of(), "http://x");
        before.ruleGroups().get(0).run();
        AlertingRule old = before.alertingRules().get(0);
        assertThat(old.isRestored()).isTrue();
        long activeAt = old.activeAlerts().get(0).activeAt();
        long lastEval = before.ruleGroups().get(0).lastEvalTimestamp();

        // Down for ten minutes; the new manager restores after its second evaluation.
        f.clock.set(lastEval + 10 * MIN);
        sleeps[0] = 0;
        budget[0] = 3;
        RuleManager after = new RuleManager(f.options());
        after.update(MIN, 0, List.of(p), Map.of(), "http://x");
        AlertingRule restored = after.alertingRules().get(0);
        assertThat(restored.isRestored()).isFalse();
        after.ruleGroups().get(0).run();
        assertThat(restored.isRestored()).isTrue();
        long downAt = lastEval / 1000 * 1000;
        long restartEval = after.ruleGroups().get(0).lastEvalTimestamp();
        // Restored at the second slot after the restart; the third evaluation followed.
        long restoreTime = restartEval - MIN;
        assertThat(restored.activeAlerts().get(0).activeAt())
                .isEqualTo(activeAt / 1000 * 1000 + (restoreTime - downAt))
                .isGreaterThan(activeAt)
                .isLessThan(restartEval);
    }
}
