package io.ignis.server.rules;

import io.ignis.promql.engine.Engine;
import io.ignis.promql.engine.EngineOptions;
import io.ignis.promql.parser.PromqlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Storage, engine, fake clock and a recording notifier, shared by the rule tests. */
final class RulesFixture {
    final MemStorage storage = new MemStorage();
    final Engine engine = new Engine(EngineOptions.defaults(), PromqlParser::parse);
    final AtomicLong clock = new AtomicLong();
    final List<Alert> sent = new ArrayList<>();
    final RuleMetrics metrics = new RuleMetrics();
    GroupOptions.Sleeper sleeper = (t, wakeup, stopped) -> {
        clock.set(Math.max(clock.get(), t));
        return !stopped.getAsBoolean();
    };

    GroupOptions options() {
        return new GroupOptions(storage, storage, RuleQuery.of(engine, storage), (expr, alerts) -> {
            synchronized (sent) {
                sent.addAll(alerts);
            }
        }, GroupOptions.DEFAULT_OUTAGE_TOLERANCE_MS, GroupOptions.DEFAULT_FOR_GRACE_PERIOD_MS,
                GroupOptions.DEFAULT_RESEND_DELAY_MS, clock::get, (t, w, s) -> sleeper.sleepUntil(t, w, s), metrics);
    }

    Group group(String name, long intervalMs, List<Rule> rules, boolean shouldRestore) {
        return new Group(name, "rules.yml", intervalMs, 0, 0, rules, shouldRestore, options());
    }

    List<Alert> sent() {
        synchronized (sent) {
            List<Alert> out = new ArrayList<>(sent);
            sent.clear();
            return out;
        }
    }
}
