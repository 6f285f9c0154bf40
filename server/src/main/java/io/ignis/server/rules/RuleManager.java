package io.ignis.server.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Prometheus's rule manager: {@link #update} loads the rule files and swaps the running groups; a group whose
 * file, name, settings and rules are unchanged keeps running untouched; a changed group takes over the old
 * one's alert state and written series; a group that went away stops and marks its series stale. Groups only
 * start evaluating after {@link #start()} (the storage must be ready). Thread-safe.
 */
public final class RuleManager {
    private final GroupOptions opts;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, RuleLoader.Loaded> configs = new HashMap<>();
    private final Map<Group, Thread> threads = new HashMap<>();
    private boolean started;
    private boolean restored;

    public RuleManager(GroupOptions opts) {
        this.opts = Objects.requireNonNull(opts, "opts");
    }

    /**
     * Loads {@code files} and replaces the running groups.
     *
     * @param defaultIntervalMs    {@code global.evaluation_interval}
     * @param defaultQueryOffsetMs {@code global.rule_query_offset}
     * @throws RuleLoadException when any file or rule fails to load; the previous groups keep running
     */
    public synchronized void update(long defaultIntervalMs, long defaultQueryOffsetMs, List<Path> files,
            Map<String, String> externalLabels, String externalURL) {
        List<String> errors = new ArrayList<>();
        boolean shouldRestore = !restored;
        List<RuleLoader.Loaded> loaded = RuleLoader.load(files, defaultIntervalMs, defaultQueryOffsetMs,
                externalLabels, externalURL, !shouldRestore, errors);
        if (!errors.isEmpty()) {
            throw new RuleLoadException(errors);
        }
        restored = true;
        Map<String, Group> next = new LinkedHashMap<>();
        Map<String, RuleLoader.Loaded> nextConfigs = new HashMap<>();
        for (RuleLoader.Loaded l : loaded) {
            String key = l.file() + ";" + l.config().name();
            Group old = groups.remove(key);
            RuleLoader.Loaded oldConfig = configs.get(key);
            nextConfigs.put(key, l);
            if (old != null && equal(oldConfig, l)) {
                next.put(key, old);
                continue;
            }
            Group g = new Group(l.config().name(), l.file(), l.intervalMs(), l.config().limit(), l.queryOffsetMs(),
                    l.rules(), shouldRestore, opts);
            if (old != null) {
                stopAndJoin(old);
                g.copyState(old);
            }
            next.put(key, g);
            if (started) {
                startGroup(g);
            }
        }
        for (Group gone : groups.values()) {
            stopAndJoin(gone);
            gone.markSeriesStale();
            opts.metrics().removeGroup(gone.key());
        }
        groups.clear();
        groups.putAll(next);
        configs.clear();
        configs.putAll(nextConfigs);
    }

    private static boolean equal(RuleLoader.Loaded a, RuleLoader.Loaded b) {
        return a != null && a.config().equals(b.config()) && a.intervalMs() == b.intervalMs()
                && a.queryOffsetMs() == b.queryOffsetMs();
    }

    /** Lets the groups evaluate (Prometheus's {@code Run}). */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        for (Group g : groups.values()) {
            startGroup(g);
        }
    }

    private void startGroup(Group g) {
        Thread t = new Thread(g::run, "rule-group-" + g.name());
        t.setDaemon(true);
        threads.put(g, t);
        t.start();
    }

    private void stopAndJoin(Group g) {
        g.stop();
        Thread t = threads.remove(g);
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops every group without marking series stale (shutdown). */
    public synchronized void stop() {
        for (Group g : groups.values()) {
            stopAndJoin(g);
        }
    }

    /** The groups ordered by file, then name, as the API lists them. */
    public synchronized List<Group> ruleGroups() {
        List<Group> out = new ArrayList<>(groups.values());
        out.sort(Comparator.comparing(Group::file).thenComparing(Group::name));
        return out;
    }

    public List<Rule> rules() {
        List<Rule> out = new ArrayList<>();
        for (Group g : ruleGroups()) {
            out.addAll(g.rules());
        }
        return out;
    }

    public List<AlertingRule> alertingRules() {
        List<AlertingRule> out = new ArrayList<>();
        for (Rule r : rules()) {
            if (r instanceof AlertingRule a) {
                out.add(a);
            }
        }
        return out;
    }
}
