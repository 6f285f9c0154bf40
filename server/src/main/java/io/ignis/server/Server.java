package io.ignis.server;

import io.ignis.config.ConfigLoader;
import io.ignis.config.Durations;
import io.ignis.config.PrometheusConfig;
import io.ignis.config.StorageConfig;
import io.ignis.labels.Labels;
import io.ignis.promql.engine.ActiveQueryTracker;
import io.ignis.promql.engine.Engine;
import io.ignis.promql.engine.EngineOptions;
import io.ignis.promql.engine.QueryGate;
import io.ignis.promql.engine.QueryParser;
import io.ignis.promql.parser.ParserOptions;
import io.ignis.promql.parser.PromqlParser;
import io.ignis.server.api.ApiDependencies;
import io.ignis.server.api.ApiRoutes;
import io.ignis.server.api.BuildInfo;
import io.ignis.server.api.RuntimeInfo;
import io.ignis.server.api.StatusApi;
import io.ignis.server.http.HttpServer;
import io.ignis.server.http.WebConfigFile;
import io.ignis.server.http.Response;
import io.ignis.server.http.Router;
import io.ignis.server.http.WebSecurity;
import io.ignis.server.metrics.DiscoverySelfMetrics;
import io.ignis.server.metrics.ExemplarMetrics;
import io.ignis.server.metrics.HttpMetrics;
import io.ignis.server.metrics.MetricsExposition;
import io.ignis.server.metrics.ReadyState;
import io.ignis.server.metrics.ServerMetrics;
import io.ignis.server.metrics.TsdbMetrics;
import io.ignis.server.ui.UiRoutes;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and runs one server from its flags: metrics, config reloader, HTTP routes, and (as later issues land)
 * storage, scrape, rules and notifier. {@link #start()} brings it up to ready; {@link #shutdown()} stops it in the
 * order that keeps storage consistent: stop taking HTTP requests first, storage last.
 */
public final class Server {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final Flags flags;
    private final BuildInfo build;
    private final ServerMetrics metrics;
    private final ActiveConfig activeConfig = new ActiveConfig();
    private final Lifecycle lifecycle;
    private final HttpServer http;
    private final ConfigWatcher configWatcher;
    private final ReadyStorage storage = new ReadyStorage();
    private final ScrapeComponent scrape;
    private final QueryParser parser;
    private final Engine engine;
    private final RulesComponent rules;
    private final RemoteComponent remote;
    // A field because Micrometer meters hold only weak references to the object they read.
    private final TsdbMetrics tsdbMetrics = new TsdbMetrics(
            () -> storage.tsdb() == null ? null : storage.tsdb().db().stats());
    private final ExemplarMetrics exemplarMetrics = new ExemplarMetrics(
            () -> storage.tsdb() == null ? null : storage.tsdb().db().exemplarStats());
    private final Function<Path, PrometheusConfig> loader;
    private final Instant startTime = Instant.now();
    private List<InetSocketAddress> bound = List.of();
    private boolean stopped;

    public Server(Flags flags, BuildInfo build) {
        this(flags, build, ConfigLoader::loadFile);
    }

    /** {@code loader} is {@link ConfigLoader#loadFile} except in tests. */
    Server(Flags flags, BuildInfo build, Function<Path, PrometheusConfig> loader) {
        this.flags = flags;
        this.build = build;
        this.loader = loader;
        this.metrics = new ServerMetrics(buildLabels(build));
        ParserOptions parserOptions = ParserOptions.fromFeatures(flags.features());
        this.parser = query -> PromqlParser.parse(query, parserOptions);
        // As Prometheus: queries.active in the data directory lists the running queries, so a crash's are logged on
        // the next start.
        this.engine = new Engine(engineOptions(flags), parser, new QueryGate(flags.queryMaxConcurrency()),
                ActiveQueryTracker.open(flags.storageTsdbPath(), flags.queryMaxConcurrency()));
        PrometheusRegistry selfRegistry = metrics.prometheusRegistry().getPrometheusRegistry();
        DiscoverySelfMetrics sdMetrics = new DiscoverySelfMetrics();
        sdMetrics.register(selfRegistry);
        this.scrape = new ScrapeComponent(storage, hostname(), selfRegistry, sdMetrics,
                flags.hasFeature(TsdbComponent.EXEMPLAR_STORAGE));
        this.remote = new RemoteComponent(storage, flags.storageTsdbPath(), selfRegistry);
        this.rules = new RulesComponent(storage, remote, engine, flags, selfRegistry, sdMetrics);
        // Prometheus's reloader order: the TSDB, remote storage, query engine, scrape with its discovery, rules
        // with the notifier.
        List<Reloadable> components = List.of(storage, remote, new QueryLogComponent(engine), scrape, rules);
        Reloader reloader = new Reloader(flags.configFile(), loader, components, activeConfig, metrics,
                System::currentTimeMillis);
        this.lifecycle = new Lifecycle(reloader, metrics);
        WebSecurity security = flags.webConfigFile().isEmpty() ? WebSecurity.NONE
                : new WebConfigFile(Path.of(flags.webConfigFile()));
        this.http = new HttpServer(routes(), flags.webMaxConnections(), flags.webReadTimeoutMillis(), security);
        this.configWatcher = new ConfigWatcher(flags.configFile(), lifecycle);
    }

    private Router routes() {
        HttpMetrics httpMetrics = new HttpMetrics(metrics.registry());
        tsdbMetrics.bindTo(metrics.registry());
        exemplarMetrics.bindTo(metrics.registry());
        Router router = new Router(flags.routePrefix(), httpMetrics::observe);
        new LifecycleRoutes(lifecycle, flags.enableLifecycle()).register(router);
        MetricsExposition exposition = new MetricsExposition(metrics.prometheusRegistry());
        router.get("/metrics", r -> {
            MetricsExposition.Body body = exposition.render(r.header("accept"));
            return Response.bytes(200, body.contentType(), body.bytes());
        });
        new StatusApi(activeConfig::yaml, flags.values(), build, this::runtimeInfo).register(router);
        remote.register(router, flags.enableRemoteWriteReceiver(), this::externalLabelMap);
        ApiRoutes.register(router, new ApiDependencies(remote, engine, parser,
                System::currentTimeMillis, this::externalLabels, scrape, rules::apiGroups, rules,
                storage, storage, flags.enableAdminApi(), flags.storageTsdbPath(),
                ApiDependencies.corsPattern(flags.corsOrigin()), storage));
        UiRoutes.register(router, router.prefix());
        return router;
    }

    /**
     * Serves HTTP (not ready yet), applies the first configuration and becomes ready. Throws
     * {@link ReloadException} when the first configuration cannot be applied.
     */
    public List<InetSocketAddress> start() throws InterruptedException {
        listen();
        becomeReady();
        return bound;
    }

    /** Binds the listen addresses; {@code /-/ready} answers 503 until {@link #becomeReady()}. */
    List<InetSocketAddress> listen() throws InterruptedException {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String address : flags.listenAddresses()) {
            ListenAddress a = ListenAddress.parse(address);
            addresses.add(new InetSocketAddress(a.bindHost(), a.port()));
        }
        bound = http.start(addresses);
        for (InetSocketAddress address : bound) {
            LOG.atInfo().setMessage("Listening on").addKeyValue("address", address.getHostString() + ":"
                    + address.getPort()).log();
        }
        return bound;
    }

    /** Opens storage and applies the first configuration, then reports ready. */
    void becomeReady() throws InterruptedException {
        try {
            storage.set(TsdbComponent.open(flags, initialMaxExemplars()));
        } catch (IOException e) {
            throw new UncheckedIOException("open TSDB at " + flags.storageTsdbPath() + ": " + e.getMessage(), e);
        }
        lifecycle.reloadAndWait();
        rules.start();
        lifecycle.setReady(ReadyState.READY);
        LOG.info("Server is ready to receive web requests.");
        if (flags.autoReload()) {
            configWatcher.start(flags.autoReloadIntervalMillis());
        }
    }

    /**
     * {@code storage.exemplars.max_exemplars} of the configuration file, read before the TSDB opens as Prometheus
     * reads it, so the WAL replay fills a ring of the configured size. A file that does not load gives the default
     * here; the first reload then reports why it does not load.
     */
    private long initialMaxExemplars() {
        if (!flags.hasFeature(TsdbComponent.EXEMPLAR_STORAGE)) {
            return 0;
        }
        try {
            return loader.apply(flags.configFile()).storage().exemplars().maxExemplars();
        } catch (RuntimeException e) {
            return StorageConfig.Exemplars.DEFAULT.maxExemplars();
        }
    }

    /** The addresses actually bound, with real ports when port 0 was asked for. */
    public List<InetSocketAddress> boundAddresses() {
        return bound;
    }

    /** Reloads on the reload thread without waiting, as SIGHUP does. */
    void requestReload() {
        lifecycle.requestReload();
    }

    /** Asks {@link #awaitQuit()} to return {@code reason}; false when a stop was already asked for. */
    boolean requestQuit(String reason) {
        return lifecycle.requestQuit(reason);
    }

    /** Blocks until a signal or {@code /-/quit} asks the server to stop; returns the reason. */
    String awaitQuit() throws InterruptedException {
        return lifecycle.awaitQuit();
    }

    /** Stops everything, in order; safe to call more than once. */
    public synchronized void shutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        lifecycle.setReady(ReadyState.STOPPING);
        LOG.info("Stopping web handler...");
        http.stopAccepting();
        configWatcher.close();
        // As Prometheus: scrape first, then (once they exist) rules and notifier, storage last (flushes the WAL).
        LOG.info("Stopping scrape manager...");
        scrape.close();
        LOG.info("Stopping rule manager and notifier...");
        rules.close();
        LOG.info("Stopping remote storage...");
        remote.close();
        lifecycle.close();
        TsdbComponent tsdb = storage.tsdb();
        if (tsdb != null) {
            try {
                tsdb.close();
            } catch (IOException e) {
                LOG.atError().setMessage("closing TSDB failed").addKeyValue("err", e.toString()).log();
            }
        }
        http.close();
        metrics.close();
    }

    private static EngineOptions engineOptions(Flags flags) {
        return EngineOptions.defaults().withFeatures(flags.features()).withLookbackDelta(flags.lookbackDeltaMillis())
                .withMaxSamples(flags.queryMaxSamples()).withTimeout(flags.queryTimeoutMillis());
    }

    private Map<String, String> externalLabelMap() {
        PrometheusConfig config = activeConfig.current();
        return config == null ? Map.of() : config.global().externalLabels();
    }

    private Labels externalLabels() {
        PrometheusConfig config = activeConfig.current();
        return config == null ? Labels.EMPTY : Labels.fromMap(config.global().externalLabels());
    }

    ServerMetrics metrics() {
        return metrics;
    }

    private RuntimeInfo runtimeInfo() {
        double lastReload = metrics.lastReloadSuccessSeconds();
        return new RuntimeInfo(startTime, Path.of("").toAbsolutePath().toString(), hostname(), Instant.now(),
                metrics.lastReloadSuccessful(), Instant.ofEpochMilli((long) (lastReload * 1000)), 0,
                ManagementFactory.getThreadMXBean().getThreadCount(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory(), retention());
    }

    private String retention() {
        // As Prometheus words it: the time, the size, or "<time> or <size>" when both apply.
        String time = flags.retentionTimeMillis() == 0 ? "" : Durations.format(Duration.ofMillis(flags.retentionTimeMillis()));
        String size = flags.retentionSizeBytes() == 0 ? "" : flags.values().get("storage.tsdb.retention.size");
        return time.isEmpty() || size.isEmpty() ? time + size : time + " or " + size;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }

    static ServerMetrics.BuildLabels buildLabels(BuildInfo build) {
        String arch = System.getProperty("os.arch", "");
        String goarch = switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
        return new ServerMetrics.BuildLabels(build.version(), build.revision(), build.branch(), build.goVersion(),
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT), goarch, "");
    }
}
