package io.ignis.scrape;

import io.ignis.config.ScrapeConfig;
import io.ignis.discovery.TargetGroup;
import io.ignis.labels.Labels;
import io.ignis.model.MetricMetadata;
import io.ignis.scrape.client.ScrapeClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's targets and loops, as Prometheus's {@code scrapePool}: {@link #sync} turns the job's target groups
 * into targets and starts, keeps or stops loops by target hash; {@link #reload} restarts every loop with a new
 * config, handing each target's cache to its new loop. Thread-safe: all methods lock the pool.
 */
final class ScrapePool {
    private static final Logger LOG = LoggerFactory.getLogger(ScrapePool.class);

    private final PoolContext ctx;
    private final long offsetSeed;
    private ScrapeConfig config;
    private TargetBuilder builder;
    private LoopOptions options;
    private ScrapeClient client;
    private List<TargetGroup> groups = List.of();
    private Map<Long, ScrapeLoop> loops = new LinkedHashMap<>();
    private List<DroppedTarget> dropped = List.of();
    private int droppedCount;
    // Targets of the last sync or reload whose labels could not be built (Prometheus's sync failures).
    private int buildFailures;

    ScrapePool(ScrapeConfig config, PoolContext ctx, long offsetSeed) {
        this.ctx = ctx;
        this.offsetSeed = offsetSeed;
        configure(config);
    }

    private void configure(ScrapeConfig c) {
        this.config = c;
        this.builder = new TargetBuilder(c);
        this.options = LoopOptions.of(c, ctx.appendExemplars(), ctx.appendMetadata());
        this.client = new ScrapeClient(ctx.eventLoop(), c.httpClientConfig());
    }

    synchronized ScrapeConfig config() {
        return config;
    }

    /** Applies the job's current target groups: new targets start, vanished ones stop with stale markers. */
    synchronized void sync(List<TargetGroup> groups) {
        long start = ctx.nanoTime().getAsLong();
        this.groups = List.copyOf(groups);
        ctx.metrics().poolSyncs.increment();
        Map<Long, ScrapeLoop> old = loops;
        loops = startLoops(old, true);
        ctx.metrics().observer.poolSynced(config.jobName(), ctx.nanoTime().getAsLong() - start, buildFailures);
    }

    /** Restarts every loop under {@code newConfig}, keeping each surviving target's cache. */
    synchronized void reload(ScrapeConfig newConfig) {
        long start = ctx.nanoTime().getAsLong();
        ctx.metrics().poolReloads.increment();
        for (ScrapeLoop l : loops.values()) {
            l.stop(false, ctx.shuttingDown());
        }
        configure(newConfig);
        Map<Long, ScrapeLoop> old = loops;
        loops = startLoops(old, false);
        ctx.metrics().observer.poolReloaded(newConfig.scrapeInterval().toNanos(), ctx.nanoTime().getAsLong() - start);
    }

    /**
     * Builds the targets, then for each: keeps its running loop ({@code keepRunning}) or starts a new one, taking
     * over the old loop's cache; old loops whose target vanished stop with end-of-run staleness.
     */
    private Map<Long, ScrapeLoop> startLoops(Map<Long, ScrapeLoop> old, boolean keepRunning) {
        Map<Long, Target> active = new LinkedHashMap<>();
        List<DroppedTarget> newDropped = new ArrayList<>();
        int dropCount = 0;
        buildFailures = 0;
        for (TargetGroup g : groups) {
            for (TargetBuilder.Result r : builder.fromGroup(g)) {
                if (r.error() != null) {
                    buildFailures++;
                    LOG.warn("creating target failed scrape_pool={} err={}", config.jobName(), r.error());
                } else if (r.target() != null) {
                    active.putIfAbsent(r.target().hash(), r.target());
                } else {
                    dropCount++;
                    if (config.keepDroppedTargets() == 0 || newDropped.size() < config.keepDroppedTargets()) {
                        newDropped.add(new DroppedTarget(config.jobName(), r.discoveredLabels()));
                    }
                }
            }
        }
        dropped = List.copyOf(newDropped);
        droppedCount = dropCount;
        String forced = "";
        if (config.targetLimit() > 0 && active.size() > config.targetLimit()) {
            forced = "target_limit exceeded (number of targets: " + active.size() + ", limit: "
                    + config.targetLimit() + ")";
            ctx.metrics().exceededTargetLimit.increment();
        }
        Map<Long, ScrapeLoop> next = new LinkedHashMap<>();
        for (Map.Entry<Long, Target> e : active.entrySet()) {
            ScrapeLoop prev = old.get(e.getKey());
            ScrapeLoop loop;
            if (prev != null && keepRunning) {
                loop = prev;
                loop.target().setDiscoveredLabels(e.getValue().discoveredLabels());
            } else {
                loop = newLoop(e.getValue(), prev == null ? new ScrapeCache() : prev.cache());
            }
            loop.setForcedError(forced);
            next.put(e.getKey(), loop);
        }
        for (Map.Entry<Long, ScrapeLoop> e : old.entrySet()) {
            if (!next.containsKey(e.getKey())) {
                e.getValue().stop(true, ctx.shuttingDown());
            }
        }
        return next;
    }

    private ScrapeLoop newLoop(Target t, ScrapeCache cache) {
        ScrapeLoop l = new ScrapeLoop(t, cache, options, client, ctx.appendable(), ctx.scheduler(), ctx.metrics(),
                ctx.clockMillis(), ctx.nanoTime(), ctx.userAgent(), ctx.adjustTimestamps());
        long interval = t.interval().toNanos();
        long nowNanos = ctx.clockMillis().getAsLong() * 1_000_000L;
        l.start(ScrapeOffset.firstDelayNanos(t.hash(), offsetSeed, interval, nowNanos));
        return l;
    }

    /** Stops every loop; with {@code staleness}, their series get end-of-run stale markers (a removed job). */
    synchronized void stop(boolean staleness) {
        for (ScrapeLoop l : loops.values()) {
            l.stop(staleness, ctx.shuttingDown());
        }
        loops = new LinkedHashMap<>();
    }

    /** The running loops, for tests that check which loops survive a reload. */
    synchronized List<ScrapeLoop> loops() {
        return List.copyOf(loops.values());
    }

    synchronized List<TargetStatus> activeTargets() {
        List<TargetStatus> out = new ArrayList<>(loops.size());
        for (ScrapeLoop l : loops.values()) {
            out.add(l.target().status(config.jobName(), globalUrl(l.target().url(), ctx.hostname())));
        }
        return out;
    }

    synchronized List<DroppedTarget> droppedTargets() {
        return dropped;
    }

    synchronized int droppedTargetCount() {
        return droppedCount;
    }

    /** Per active target, its public labels and its metadata by metric family. */
    synchronized Map<Labels, Map<String, MetricMetadata>> metadata() {
        Map<Labels, Map<String, MetricMetadata>> out = new LinkedHashMap<>();
        for (ScrapeLoop l : loops.values()) {
            out.put(l.target().publicLabels(), l.cache().metadata());
        }
        return out;
    }

    /** Prometheus's globalURL: a loopback host replaced by this machine's name, so links work from elsewhere. */
    static String globalUrl(String url, String hostname) {
        for (String local : new String[] {"//localhost", "//127.0.0.1", "//[::1]"}) {
            int i = url.indexOf(local);
            if (i >= 0 && !hostname.isEmpty()) {
                return url.substring(0, i + 2) + hostname + url.substring(i + local.length());
            }
        }
        return url;
    }
}
