package io.ignis.server;

import io.ignis.config.Durations;
import io.ignis.config.PrometheusConfig;
import io.ignis.config.ScrapeConfig;
import io.ignis.config.ServiceDiscoveryConfigs;
import io.ignis.discovery.DiscoveryManager;
import io.ignis.discovery.Mechanisms;
import io.ignis.labels.Labels;
import io.ignis.model.MetricMetadata;
import io.ignis.scrape.DroppedTarget;
import io.ignis.scrape.ScrapeManager;
import io.ignis.scrape.ScrapeMetrics;
import io.ignis.scrape.TargetStatus;
import io.ignis.scrape.client.ClientEventLoop;
import io.ignis.server.api.TargetsSource;
import io.ignis.server.metrics.DiscoverySelfMetrics;
import io.ignis.server.metrics.ScrapeSelfMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.ignis.storage.Appendable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Scrape discovery feeding the scrape manager, as Prometheus's main wires them: on reload the scrape manager takes
 * the new jobs first, then discovery gets their SD configs and pushes target groups to it.
 */
final class ScrapeComponent implements Reloadable, TargetsSource, AutoCloseable {
    private final ScheduledExecutorService scheduler;
    private final ClientEventLoop eventLoop;
    private final ScrapeManager scrape;
    private final DiscoveryManager discovery;

    private final ScrapeSelfMetrics selfMetrics = new ScrapeSelfMetrics();
    // Target limit per job of the applied config, for prometheus_target_scrape_pool_target_limit.
    private volatile Map<String, Long> targetLimits = Map.of();

    /**
     * {@code registry} gets the {@code prometheus_target_*} families; the scrape discovery manager records into
     * {@code sdMetrics} (registered by the caller, shared with the notifier's discovery) as {@code name="scrape"}.
     * {@code appendExemplars}: pass scraped exemplars to the storage, as with {@code exemplar-storage} on.
     */
    ScrapeComponent(Appendable storage, String hostname, PrometheusRegistry registry, DiscoverySelfMetrics sdMetrics,
            boolean appendExemplars) {
        sdMetrics.addManager("scrape");
        ScrapeMetrics scrapeMetrics = new ScrapeMetrics(selfMetrics);
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "scrape-scheduler");
            t.setDaemon(true);
            return t;
        });
        // Small responses are appended on the event loop (see ScrapeLoop): a thread per core to do it.
        this.eventLoop = new ClientEventLoop(Runtime.getRuntime().availableProcessors());
        this.scrape = new ScrapeManager(storage, eventLoop, scheduler, scrapeMetrics,
                ScrapeManager.Options.defaults(hostname).withAppendExemplars(appendExemplars));
        selfMetrics.register(registry, scrapeMetrics::snapshot, this::poolMetrics);
        this.discovery = new DiscoveryManager("scrape", new Mechanisms(sdMetrics), sdMetrics,
                DiscoveryManager.DEFAULT_UPDATE_INTERVAL, System::currentTimeMillis);
        discovery.subscribe(scrape::applyTargets);
    }

    @Override
    public String name() {
        return "scrape";
    }

    @Override
    public void apply(PrometheusConfig config) {
        scrape.applyConfig(config.global(), config.scrapeConfigs());
        Map<String, ServiceDiscoveryConfigs> sd = new LinkedHashMap<>();
        Map<String, Long> limits = new LinkedHashMap<>();
        for (ScrapeConfig c : config.scrapeConfigs()) {
            sd.put(c.jobName(), c.serviceDiscoveryConfigs());
            limits.put(c.jobName(), c.targetLimit());
        }
        for (String job : targetLimits.keySet()) {
            if (!limits.containsKey(job)) {
                selfMetrics.removePool(job);
            }
        }
        targetLimits = limits;
        discovery.applyConfig(sd);
    }

    /**
     * Each pool's gauges: targets, target limit, and the metadata cache as Prometheus sizes it (entries, and bytes
     * of help, unit and type per entry).
     */
    private List<ScrapeSelfMetrics.Pool> poolMetrics() {
        ScrapeManager.Targets targets = scrape.targets();
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (String pool : targets.droppedCounts().keySet()) {
            counts.put(pool, new int[1]);
        }
        for (TargetStatus t : targets.active()) {
            counts.computeIfAbsent(t.scrapePool(), k -> new int[1])[0]++;
        }
        Map<String, long[]> metadata = new LinkedHashMap<>();
        for (ScrapeManager.TargetMetadata m : scrape.metadata()) {
            long[] em = metadata.computeIfAbsent(m.scrapePool(), k -> new long[2]);
            em[0]++;
            em[1] += m.metadata().help().length() + m.metadata().unit().length() + m.metadata().type().text().length();
        }
        Map<String, Long> limits = targetLimits;
        List<ScrapeSelfMetrics.Pool> out = new ArrayList<>(counts.size());
        counts.forEach((job, n) -> {
            long[] em = metadata.getOrDefault(job, new long[2]);
            out.add(new ScrapeSelfMetrics.Pool(job, n[0], limits.getOrDefault(job, 0L), (int) em[0], em[1]));
        });
        return out;
    }

    @Override
    public Map<String, List<ActiveTarget>> activeTargets() {
        Map<String, Map<Labels, Map<String, MetricMetadata>>> metadata = new LinkedHashMap<>();
        for (ScrapeManager.TargetMetadata m : scrape.metadata()) {
            metadata.computeIfAbsent(m.scrapePool(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(m.target(), k -> new LinkedHashMap<>()).put(m.metric(), m.metadata());
        }
        Map<String, List<ActiveTarget>> out = new LinkedHashMap<>();
        for (TargetStatus t : scrape.targets().active()) {
            Map<String, MetricMetadata> meta = metadata.getOrDefault(t.scrapePool(), Map.of())
                    .getOrDefault(t.labels(), Map.of());
            out.computeIfAbsent(t.scrapePool(), k -> new ArrayList<>()).add(new ActiveTarget(t.discoveredLabels(),
                    t.labels(), t.scrapeUrl(), t.globalUrl(), t.lastError(), t.lastScrapeMillis(),
                    t.lastScrapeDurationNanos() / 1e9, t.health().text(), Durations.format(t.interval()),
                    Durations.format(t.timeout()), meta));
        }
        return out;
    }

    @Override
    public Map<String, List<Labels>> droppedTargets() {
        Map<String, List<Labels>> out = new LinkedHashMap<>();
        for (DroppedTarget t : scrape.targets().dropped()) {
            out.computeIfAbsent(t.scrapePool(), k -> new ArrayList<>()).add(t.discoveredLabels());
        }
        return out;
    }

    @Override
    public Map<String, Integer> droppedTargetCounts() {
        return scrape.targets().droppedCounts();
    }

    @Override
    public List<String> scrapePools() {
        return new ArrayList<>(scrape.targets().droppedCounts().keySet());
    }

    /** Stops discovery and every scrape loop (no stale markers: the server is going away, not the targets). */
    @Override
    public void close() {
        discovery.close();
        scrape.close();
        scheduler.shutdownNow();
        eventLoop.close();
    }
}
