package io.ignis.server.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prometheus's rule concurrency controller: sequential unless {@code --enable-feature=concurrent-rule-eval}; then
 * a group's rules are split into batches by their dependencies, and the rules of a batch may run at the same time,
 * bounded across all groups by {@code --rules.max-concurrent-evals} slots. A rule that finds no free slot runs on
 * the group's own thread. Thread-safe.
 */
public final class RuleConcurrency {
    /** Every rule in order on its group's thread: Prometheus's default. */
    public static final RuleConcurrency SEQUENTIAL = new RuleConcurrency(0);

    private final Semaphore slots;
    private final ExecutorService executor;

    private RuleConcurrency(int maxConcurrent) {
        if (maxConcurrent <= 0) {
            slots = null;
            executor = null;
            return;
        }
        slots = new Semaphore(maxConcurrent);
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "rule-eval-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Concurrent evaluation with at most {@code maxConcurrent} rules running at once beyond the groups' own. */
    public static RuleConcurrency concurrent(int maxConcurrent) {
        if (maxConcurrent <= 0) {
            throw new IllegalArgumentException("rules.max-concurrent-evals must be positive, got " + maxConcurrent);
        }
        return new RuleConcurrency(maxConcurrent);
    }

    /**
     * Prometheus's {@code SplitGroupIntoBatches}: the rules depending on none, then each rule with both
     * dependencies and dependents on its own, then the rules nothing depends on; indexes into {@code rules}. Null
     * when sequential.
     */
    List<int[]> batches(List<Rule> rules) {
        if (slots == null) {
            return null;
        }
        List<Integer> noDependencies = new ArrayList<>();
        List<Integer> both = new ArrayList<>();
        List<Integer> noDependents = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (r.noDependencyRules()) {
                noDependencies.add(i);
            } else if (!r.noDependentRules()) {
                both.add(i);
            } else {
                noDependents.add(i);
            }
        }
        List<int[]> out = new ArrayList<>();
        if (!noDependencies.isEmpty()) {
            out.add(toArray(noDependencies));
        }
        for (int i : both) {
            out.add(new int[] {i});
        }
        if (!noDependents.isEmpty()) {
            out.add(toArray(noDependents));
        }
        return out;
    }

    /** Takes a slot without waiting; the caller runs the rule elsewhere and calls {@link #done()} after. */
    boolean allow() {
        return slots != null && slots.tryAcquire();
    }

    void done() {
        slots.release();
    }

    /** Runs a rule that got a slot. */
    void execute(Runnable r) {
        executor.execute(r);
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }
}
