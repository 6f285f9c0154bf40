package io.ignis.scrape;

import io.ignis.config.GlobalConfig;
import io.ignis.config.ScrapeConfig;
import io.ignis.discovery.TargetGroup;
import io.ignis.labels.Labels;
import io.ignis.model.MetricMetadata;
import io.ignis.scrape.client.ClientEventLoop;
import io.ignis.storage.Appendable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * Prometheus's scrape manager: one {@link ScrapePool} per job. {@link #applyConfig} adds, restarts (when its
 * config changed) or stops (with stale markers) pools; {@link #applyTargets} receives the discovery manager's
 * full map of job name to target groups. Every loop of every pool shares the given scheduler and event loop:
 * no thread per target. Thread-safe.
 *
 * <p>Typical wiring: construct, {@code applyConfig(config.global(), config.scrapeConfigs())}, subscribe
 * {@code this::applyTargets} to the discovery manager, read {@link #targets()} and {@link #metadata()} for the
 * API, {@link #close()} on shutdown (no stale markers then, as the server restarts where it stopped).
 */
public final class ScrapeManager implements AutoCloseable {

    /**
     * @param hostname this machine's FQDN: seeds the scrape offsets and replaces loopback hosts in global URLs
     * @param userAgent the {@code User-Agent} header of every scrape
     * @param appendExemplars pass exemplars to the appender (exemplar storage enabled)
     * @param appendMetadata pass metric metadata to the appender ({@code metadata-wal-records})
     * @param clockMillis wall-clock time for sample timestamps
     * @param nanoTime monotonic time for scrape durations
     * @param adjustTimestamps {@code --scrape.adjust-timestamps}: snap scrape times within 2 ms to the ideal tick
     */
    public record Options(String hostname, String userAgent, boolean appendExemplars, boolean appendMetadata,
            LongSupplier clockMillis, LongSupplier nanoTime, boolean adjustTimestamps) {
        public static Options defaults(String hostname) {
            return new Options(hostname, "Prometheus/3.0.0", false, false, System::currentTimeMillis,
                    System::nanoTime, true);
        }

        /** These options with exemplars passed to the appender or not ({@code --enable-feature=exemplar-storage}). */
        public Options withAppendExemplars(boolean append) {
            return new Options(hostname, userAgent, append, appendMetadata, clockMillis, nanoTime, adjustTimestamps);
        }
    }

    /** Every active and dropped target, by job in config order. */
    public record Targets(List<TargetStatus> active, List<DroppedTarget> dropped, Map<String, Integer> droppedCounts) {
    }

    /** One metric family's metadata as scraped from one target. */
    public record TargetMetadata(String scrapePool, Labels target, String metric, MetricMetadata metadata) {
    }

    private final Options options;
    private final PoolContext context;
    private final Map<String, ScrapePool> pools = new LinkedHashMap<>();
    private Map<String, List<TargetGroup>> lastGroups = Map.of();
    private long offsetSeed;
    private volatile boolean closed;

    public ScrapeManager(Appendable appendable, ClientEventLoop eventLoop, ScheduledExecutorService scheduler,
            ScrapeMetrics metrics, Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.context = new PoolContext(Objects.requireNonNull(appendable, "appendable"),
                Objects.requireNonNull(eventLoop, "eventLoop"), Objects.requireNonNull(scheduler, "scheduler"),
                Objects.requireNonNull(metrics, "metrics"), options.clockMillis(), options.nanoTime(),
                options.userAgent(), options.appendExemplars(), options.appendMetadata(), options.hostname(),
                () -> closed, options.adjustTimestamps());
    }

    /**
     * Applies a (re)loaded configuration: pools of new jobs start, pools whose job config is equal keep running
     * without a gap, changed ones restart their loops (keeping caches), removed ones stop with stale markers.
     */
    public synchronized void applyConfig(GlobalConfig global, List<ScrapeConfig> configs) {
        offsetSeed = ScrapeOffset.seed(options.hostname(), Labels.fromMap(global.externalLabels()));
        Map<String, ScrapeConfig> byJob = new LinkedHashMap<>();
        for (ScrapeConfig c : configs) {
            byJob.put(c.jobName(), c);
        }
        for (var it = pools.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            ScrapeConfig c = byJob.get(e.getKey());
            if (c == null) {
                e.getValue().stop(true);
                it.remove();
            } else if (!c.equals(e.getValue().config())) {
                e.getValue().reload(c);
            }
        }
        for (ScrapeConfig c : byJob.values()) {
            if (!pools.containsKey(c.jobName())) {
                ScrapePool p = new ScrapePool(c, context, offsetSeed);
                context.metrics().poolsCreated.increment();
                pools.put(c.jobName(), p);
                List<TargetGroup> g = lastGroups.get(c.jobName());
                if (g != null) {
                    p.sync(g);
                }
            }
        }
    }

    /** The discovery manager's update: the complete target groups of every job. Unknown jobs are ignored. */
    public synchronized void applyTargets(Map<String, List<TargetGroup>> groups) {
        if (closed) {
            return;
        }
        lastGroups = Map.copyOf(groups);
        for (Map.Entry<String, List<TargetGroup>> e : groups.entrySet()) {
            ScrapePool p = pools.get(e.getKey());
            if (p != null) {
                p.sync(e.getValue());
            }
        }
    }

    /** An immutable snapshot of every target for {@code /api/v1/targets}. */
    public synchronized Targets targets() {
        List<TargetStatus> active = new ArrayList<>();
        List<DroppedTarget> dropped = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Map.Entry<String, ScrapePool> e : pools.entrySet()) {
            active.addAll(e.getValue().activeTargets());
            dropped.addAll(e.getValue().droppedTargets());
            counts.put(e.getKey(), e.getValue().droppedTargetCount());
        }
        return new Targets(List.copyOf(active), List.copyOf(dropped), Map.copyOf(counts));
    }

    /** Metadata per target and metric family for {@code /api/v1/targets/metadata} and {@code /api/v1/metadata}. */
    public synchronized List<TargetMetadata> metadata() {
        List<TargetMetadata> out = new ArrayList<>();
        for (Map.Entry<String, ScrapePool> e : pools.entrySet()) {
            e.getValue().metadata().forEach((target, byMetric) -> byMetric.forEach((metric, m) ->
                    out.add(new TargetMetadata(e.getKey(), target, metric, m))));
        }
        return List.copyOf(out);
    }

    /** The pool of a job, or null; for tests. */
    synchronized ScrapePool pool(String job) {
        return pools.get(job);
    }

    /** Stops every loop without stale markers. The scheduler and event loop stay the caller's to close. */
    @Override
    public synchronized void close() {
        closed = true;
        for (ScrapePool p : pools.values()) {
            p.stop(false);
        }
        pools.clear();
    }
}
