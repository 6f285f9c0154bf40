package io.ignis.discovery;

import io.ignis.config.ServiceDiscoveryConfigs;
import io.ignis.config.StaticConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus's discovery manager: one provider per distinct SD config, shared by every job (or alertmanager set)
 * that names an equal config, kept running across {@link #applyConfig} when unchanged. Updates from providers are
 * coalesced and sent to subscribers as the full set of target groups of every job, at most about once per update
 * interval (5 s in Prometheus): the first update after a quiet period goes out after 100 ms, later ones back off
 * up to the interval.
 *
 * <p>Subscribers are called on the manager's sender thread, one at a time, with an immutable map from job name to
 * its groups; a job without any targets maps to an empty list. Thread-safe.
 */
public final class DiscoveryManager implements AutoCloseable {
    /** Prometheus's {@code updatert}. */
    public static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryManager.class);
    private static final long INITIAL_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String name;
    private final DiscovererFactory factory;
    private final DiscoveryMetrics metrics;
    private final long updateIntervalNanos;
    private final LongSupplier clockMillis;
    private final Object lock = new Object();
    private final List<Provider> providers = new ArrayList<>();
    private final Map<PoolKey, Map<String, TargetGroup>> targets = new LinkedHashMap<>();
    private final List<Consumer<Map<String, List<TargetGroup>>>> subscribers = new CopyOnWriteArrayList<>();
    private final Thread sender;
    private int lastProvider;
    private boolean triggered;
    private boolean closed;

    private record PoolKey(String setName, String provider) {
    }

    /**
     * @param name the manager's name in metrics: {@code scrape} or {@code notify}
     * @param updateInterval the coalescing interval; tests pass a few milliseconds
     * @param clockMillis wall-clock time for the last-update metric
     */
    public DiscoveryManager(String name, DiscovererFactory factory, DiscoveryMetrics metrics, Duration updateInterval,
            LongSupplier clockMillis) {
        this.name = Objects.requireNonNull(name, "name");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.updateIntervalNanos = Math.max(1, updateInterval.toNanos());
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        this.sender = new Thread(this::sendLoop, "sd-manager-" + name);
        sender.setDaemon(true);
        sender.start();
    }

    /** Adds a subscriber; it receives the next full update (and every later one). */
    public void subscribe(Consumer<Map<String, List<TargetGroup>>> subscriber) {
        subscribers.add(Objects.requireNonNull(subscriber, "subscriber"));
        synchronized (lock) {
            if (!providers.isEmpty()) {
                trigger();
            }
        }
    }

    /**
     * Applies a new set of jobs: providers whose config is still used keep running (a job newly sharing one gets
     * its current groups at once), unused ones are stopped and their groups dropped, new ones are started. A
     * config that cannot be turned into a discoverer is logged and counted in {@code prometheus_sd_failed_configs};
     * its job runs with its other configs. Iteration order of {@code configs} decides provider names.
     */
    public void applyConfig(Map<String, ServiceDiscoveryConfigs> configs) {
        List<Provider> stopped = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("discovery manager " + name + " is closed");
            }
            int failed = 0;
            for (Map.Entry<String, ServiceDiscoveryConfigs> e : configs.entrySet()) {
                failed += registerProviders(e.getKey(), SdConfig.of(e.getValue()));
            }
            metrics.failedConfigs(name, failed);
            List<Provider> kept = new ArrayList<>();
            for (Provider p : providers) {
                if (p.newSubs.isEmpty()) {
                    p.stopped = true;
                    stopped.add(p);
                    for (String s : p.subs) {
                        removeSub(s, p);
                    }
                    continue;
                }
                kept.add(p);
                moveSubs(p);
            }
            boolean hadProviders = !providers.isEmpty();
            providers.clear();
            providers.addAll(kept);
            for (Provider p : kept) {
                if (!p.started) {
                    start(p);
                }
            }
            if (hadProviders || !kept.isEmpty()) {
                trigger();
            }
        }
        for (Provider p : stopped) {
            closeQuietly(p);
        }
    }

    /** The current full set of target groups per job, as the next update would carry it. */
    public Map<String, List<TargetGroup>> targetGroups() {
        synchronized (lock) {
            return allGroups(false);
        }
    }

    /** Stops every provider and the sender; subscribers get nothing more. */
    @Override
    public void close() {
        List<Provider> all;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(providers);
            all.forEach(p -> p.stopped = true);
            lock.notifyAll();
        }
        all.forEach(this::closeQuietly);
        sender.interrupt();
        try {
            sender.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int registerProviders(String setName, List<SdConfig> configs) {
        int failed = 0;
        boolean added = false;
        for (SdConfig c : configs) {
            if (addSub(setName, c)) {
                added = true;
            } else {
                failed++;
            }
        }
        if (!added) {
            // As Prometheus: a job without working configs still appears in updates, with no groups.
            addSub(setName, new SdConfig.Static(List.of(new StaticConfig(List.of(), Map.of()))));
        }
        return failed;
    }

    private boolean addSub(String setName, SdConfig config) {
        for (Provider p : providers) {
            if (p.config.equals(config)) {
                p.newSubs.add(setName);
                return true;
            }
        }
        Discoverer d;
        try {
            d = factory.create(config, setName);
        } catch (RuntimeException e) {
            LOG.error("cannot create service discovery type={} config={} err=\"{}\"", config.mechanism(), setName,
                    e.getMessage(), e);
            return false;
        }
        Provider p = new Provider(config.mechanism() + "/" + lastProvider++, config, d);
        p.newSubs.add(setName);
        providers.add(p);
        return true;
    }

    private void moveSubs(Provider p) {
        Map<String, TargetGroup> ref = null;
        for (String s : p.subs) {
            Map<String, TargetGroup> t = targets.get(new PoolKey(s, p.name));
            if (t != null) {
                ref = t;
            }
        }
        for (String s : p.subs) {
            if (!p.newSubs.contains(s)) {
                removeSub(s, p);
            }
        }
        for (String s : p.newSubs) {
            if (!p.subs.contains(s)) {
                metrics.discoveredTargets(name, s, 0);
                if (ref != null && !ref.isEmpty()) {
                    targets.put(new PoolKey(s, p.name), new LinkedHashMap<>(ref));
                }
            }
        }
        p.subs = p.newSubs;
        p.newSubs = new LinkedHashSet<>();
    }

    private void removeSub(String setName, Provider p) {
        targets.remove(new PoolKey(setName, p.name));
        metrics.removeConfig(name, setName);
    }

    private void start(Provider p) {
        p.started = true;
        LOG.debug("starting provider provider={} subs={}", p.name, p.subs);
        try {
            p.discoverer.start(groups -> update(p, groups));
        } catch (RuntimeException e) {
            LOG.error("cannot start service discovery provider={} subs={} err=\"{}\"", p.name, p.subs,
                    e.getMessage(), e);
        }
    }

    private void update(Provider p, List<TargetGroup> groups) {
        metrics.receivedUpdate(name);
        synchronized (lock) {
            if (p.stopped) {
                return;
            }
            for (String s : p.subs) {
                Map<String, TargetGroup> pool = targets.computeIfAbsent(new PoolKey(s, p.name),
                        k -> new LinkedHashMap<>());
                for (TargetGroup tg : groups) {
                    if (tg == null) {
                        continue;
                    }
                    if (tg.targets().isEmpty()) {
                        pool.remove(tg.source());
                    } else {
                        pool.put(tg.source(), tg);
                    }
                }
            }
            trigger();
        }
    }

    private void trigger() {
        triggered = true;
        lock.notifyAll();
    }

    private Map<String, List<TargetGroup>> allGroups(boolean record) {
        Map<String, List<TargetGroup>> sets = new LinkedHashMap<>();
        for (Provider p : providers) {
            for (String s : p.subs) {
                List<TargetGroup> list = sets.computeIfAbsent(s, k -> new ArrayList<>());
                Map<String, TargetGroup> pool = targets.get(new PoolKey(s, p.name));
                if (pool != null) {
                    list.addAll(pool.values());
                }
            }
        }
        Map<String, List<TargetGroup>> out = new LinkedHashMap<>();
        long now = clockMillis.getAsLong();
        for (Map.Entry<String, List<TargetGroup>> e : sets.entrySet()) {
            out.put(e.getKey(), List.copyOf(e.getValue()));
            if (record) {
                int n = 0;
                for (TargetGroup tg : e.getValue()) {
                    n += tg.targets().size();
                }
                metrics.discoveredTargets(name, e.getKey(), n);
                metrics.lastUpdate(name, e.getKey(), now);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private void sendLoop() {
        long backoff = Math.min(INITIAL_BACKOFF_NANOS, updateIntervalNanos);
        long lastSent = System.nanoTime() - updateIntervalNanos;
        while (true) {
            Map<String, List<TargetGroup>> update;
            synchronized (lock) {
                long deadline = System.nanoTime() + backoff;
                try {
                    for (long left = backoff; !closed && left > 0; left = deadline - System.nanoTime()) {
                        TimeUnit.NANOSECONDS.timedWait(lock, left);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (closed) {
                    return;
                }
                update = triggered && !subscribers.isEmpty() ? allGroups(true) : null;
                if (update != null) {
                    triggered = false;
                }
            }
            if (update != null) {
                metrics.sentUpdate(name);
                deliver(update);
                lastSent = System.nanoTime();
            }
            backoff = Math.min(backoff * 3 / 2, updateIntervalNanos);
            if (System.nanoTime() - lastSent > updateIntervalNanos) {
                // Nothing happened for a while: start again from the low interval for prompt updates.
                backoff = Math.min(INITIAL_BACKOFF_NANOS, updateIntervalNanos);
            }
        }
    }

    private void deliver(Map<String, List<TargetGroup>> update) {
        for (Consumer<Map<String, List<TargetGroup>>> s : subscribers) {
            try {
                s.accept(update);
            } catch (RuntimeException e) {
                LOG.error("discovery subscriber failed manager={} err=\"{}\"", name, e.getMessage(), e);
            }
        }
    }

    private void closeQuietly(Provider p) {
        try {
            p.discoverer.close();
        } catch (RuntimeException e) {
            LOG.warn("error stopping provider provider={} err=\"{}\"", p.name, e.getMessage(), e);
        }
    }
}
