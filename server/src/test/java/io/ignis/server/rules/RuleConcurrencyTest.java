package io.ignis.server.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.promql.value.Vector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code concurrent-rule-eval}: batches from the dependency analysis, bounded slots, batch order kept. */
class RuleConcurrencyTest {
    record Case(String name, List<String> exprs, String want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("independent rules form one batch", List.of("sum(x)", "sum(y)", "3"), "[[0, 1, 2]]"),
                new Case("a chain runs one by one", List.of("sum(x)", "r0 > 1", "r1 > 1"), "[[0], [1], [2]]"),
                new Case("producers first, then both-ways rules, then readers",
                        List.of("sum(x)", "r0 + 1", "sum(y)", "r1 + r2", "r1 * 2"),
                        "[[0, 2], [1], [3, 4]]"),
                new Case("an indeterminate group runs each rule alone", List.of("sum(x)", "count({job=\"a\"})"),
                        "[[0], [1]]"));
    }

    /** Recording rules named r0, r1, … in order, analysed as the loader does. */
    private static List<Rule> rules(List<String> exprs) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            rules.add(new RecordingRule("r" + i, exprs.get(i), Labels.EMPTY));
        }
        RuleDependencies.analyse(rules);
        return rules;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void batches(Case c) {
        List<String> got = new ArrayList<>();
        for (int[] b : RuleConcurrency.concurrent(4).batches(rules(c.exprs()))) {
            got.add(Arrays.toString(b));
        }
        assertThat(got.toString()).isEqualTo(c.want());
        assertThat(RuleConcurrency.SEQUENTIAL.batches(rules(c.exprs()))).isNull();
    }

    private final RulesFixture f = new RulesFixture();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();

    private GroupOptions options(RuleQuery q, RuleConcurrency c) {
        GroupOptions o = f.options();
        return new GroupOptions(o.appendable(), o.queryable(), q, o.notifyFunc(), o.outageToleranceMs(),
                o.forGracePeriodMs(), o.resendDelayMs(), o.clock(), o.sleeper(), o.metrics(), c);
    }

    /** A query that counts how many run at once and waits in {@code inside} before returning one sample. */
    private RuleQuery counting(Runnable inside) {
        return (expr, t) -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                inside.run();
            } finally {
                running.decrementAndGet();
            }
            Vector v = new Vector(1);
            v.add(Labels.EMPTY, t, 1, false);
            return v;
        };
    }

    @Test
    void independentRulesRunAtOnceOnSlotsAndTheGroupThread() {
        // Two slots plus the group's own thread: all three must be inside the query together.
        CyclicBarrier all = new CyclicBarrier(3);
        List<Rule> rules = rules(List.of("sum(x)", "sum(y)", "sum(z)"));
        Group g = new Group("g", "f", 60_000, 0, 0, rules,
                false, options(counting(() -> await(all)), RuleConcurrency.concurrent(2)));
        g.eval(60_000);
        assertThat(maxRunning.get()).isEqualTo(3);
        for (Rule r : rules) {
            assertThat(r.health()).isEqualTo(RuleHealth.GOOD);
        }
        assertThat(f.metrics.value("prometheus_rule_group_last_evaluation_samples", g.key())).isEqualTo(3);
    }

    @Test
    void slotsBoundTheConcurrency() {
        // One slot: the first rule takes it, the second runs on the group thread; never more than two at once.
        CountDownLatch two = new CountDownLatch(2);
        Group g = new Group("g", "f", 60_000, 0, 0, rules(List.of("sum(a)", "sum(b)", "sum(c)", "sum(d)")),
                false, options(counting(() -> {
                    two.countDown();
                    awaitLatch(two);
                }), RuleConcurrency.concurrent(1)));
        g.eval(60_000);
        assertThat(maxRunning.get()).isEqualTo(2);
        assertThat(f.metrics.value("prometheus_rule_group_last_evaluation_samples", g.key())).isEqualTo(4);
    }

    @Test
    void withoutTheFeatureRulesRunOneByOne() {
        Group g = new Group("g", "f", 60_000, 0, 0, rules(List.of("sum(a)", "sum(b)", "sum(c)")),
                false, options(counting(() -> { }), RuleConcurrency.SEQUENTIAL));
        g.eval(60_000);
        assertThat(maxRunning.get()).isEqualTo(1);
    }

    @Test
    void aRuleStartsOnlyAfterTheRulesItReadsFinished() {
        List<String> events = new ArrayList<>();
        RuleQuery q = (expr, t) -> {
            synchronized (events) {
                events.add("start " + expr);
            }
            synchronized (events) {
                events.add("end " + expr);
            }
            return new Vector(0);
        };
        Group g = new Group("g", "f", 60_000, 0, 0, rules(List.of("sum(x)", "sum(r0)", "sum(y)")), false,
                options(q, RuleConcurrency.concurrent(4)));
        for (int i = 1; i <= 20; i++) {
            synchronized (events) {
                events.clear();
            }
            g.eval(i * 60_000L);
            synchronized (events) {
                assertThat(events).hasSize(6);
                assertThat(events.indexOf("end sum(x)")).isLessThan(events.indexOf("start sum(r0)"));
                assertThat(events.indexOf("end sum(y)")).isLessThan(events.indexOf("start sum(r0)"));
            }
        }
    }

    private static void await(CyclicBarrier b) {
        try {
            b.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw new AssertionError("the rules did not run concurrently", e);
        }
    }

    private static void awaitLatch(CountDownLatch l) {
        try {
            if (!l.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the second rule never started");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
