package io.ignis.server;

import static io.ignis.server.FlagKind.BOOL;
import static io.ignis.server.FlagKind.DURATION;
import static io.ignis.server.FlagKind.INT;
import static io.ignis.server.FlagKind.LIST;
import static io.ignis.server.FlagKind.SIZE;
import static io.ignis.server.FlagKind.STRING;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every flag the server accepts, with Prometheus's names and defaults, in the order {@code --help} prints them.
 * Help texts are ours; names and defaults follow Prometheus 3 so existing unit files keep working.
 */
final class FlagTable {
    static final List<FlagDef> ALL = List.of(
            FlagDef.of("config.file", STRING, "prometheus.yml", "Path of the Prometheus-format configuration file."),
            FlagDef.of("config.auto-reload", BOOL, "false",
                    "Reload the configuration by itself when the file changes; see --config.auto-reload-interval."),
            FlagDef.of("config.auto-reload-interval", DURATION, "30s",
                    "How often the configuration file is checked for changes with --config.auto-reload (at least 1s)."),
            FlagDef.of("web.listen-address", LIST, "0.0.0.0:9090",
                    "Host and port serving the UI, the HTTP API and /metrics. Repeat to listen on several."),
            FlagDef.of("web.config.file", STRING, "",
                    "[EXPERIMENTAL] Path of a web configuration file (TLS, basic auth)."),
            FlagDef.of("web.read-timeout", DURATION, "5m",
                    "How long to wait for a request to be read; idle connections are closed after it too."),
            FlagDef.of("web.max-connections", INT, "512",
                    "Upper bound on open HTTP connections, summed over all listen addresses."),
            FlagDef.placeholder("web.external-url", "<URL>",
                    "URL at which users reach Ignis, e.g. behind a reverse proxy. Links back to Ignis use it, and "
                            + "its path prefixes every HTTP route. Derived from the host name and port when omitted."),
            FlagDef.placeholder("web.route-prefix", "<path>",
                    "Path prefix of every HTTP route. Taken from the path of --web.external-url when omitted."),
            FlagDef.of("web.enable-lifecycle", BOOL, "false", "Allow POST/PUT /-/reload and /-/quit."),
            FlagDef.of("web.enable-admin-api", BOOL, "false",
                    "Allow the /api/v1/admin endpoints (snapshots, series deletion)."),
            FlagDef.of("web.enable-remote-write-receiver", BOOL, "false",
                    "Accept remote-write requests at /api/v1/write."),
            FlagDef.of("web.page-title", STRING, "Prometheus Time Series Collection and Processing Server",
                    "Title shown by the web UI."),
            FlagDef.of("web.cors.origin", STRING, ".*",
                    "Anchored regular expression of the origins allowed by CORS, e.g. 'https?://(a|b)\\.example'."),
            FlagDef.of("storage.tsdb.path", STRING, "data/", "Directory of the embedded time series database."),
            FlagDef.of("storage.tsdb.retention.time", DURATION, "",
                    "How long samples are kept. 15d when neither this nor --storage.tsdb.retention.size is "
                            + "given. Units: y, w, d, h, m, s, ms."),
            FlagDef.of("storage.tsdb.retention.size", SIZE, "",
                    "Most bytes the blocks may take; the oldest go first. Needs a unit: B, KB, MB, GB, TB, PB, "
                            + "EB (powers of two, so 1KB is 1024B), e.g. \"512MB\"."),
            FlagDef.of("storage.tsdb.no-lockfile", BOOL, "false", "Skip the lock file in the storage directory."),
            FlagDef.of("storage.tsdb.wal-compression", BOOL, "true", "Compress records of the write-ahead log."),
            FlagDef.of("storage.remote.flush-deadline", DURATION, "1m",
                    "How long remote-write queues may keep flushing at shutdown or reload."),
            FlagDef.of("rules.alert.for-outage-tolerance", DURATION, "1h",
                    "Longest downtime after which the \"for\" state of alerts is still restored."),
            FlagDef.of("rules.alert.for-grace-period", DURATION, "10m",
                    "Least time between a restart and a restored alert firing again; applies to alerts whose "
                            + "\"for\" is longer."),
            FlagDef.of("rules.alert.resend-delay", DURATION, "1m",
                    "Least time between two sends of the same firing alert to Alertmanager."),
            FlagDef.of("rules.max-concurrent-evals", INT, "4",
                    "Most rules evaluated at once across groups, with --enable-feature=concurrent-rule-eval."),
            FlagDef.of("alertmanager.notification-queue-capacity", INT, "10000",
                    "How many notifications may wait for Alertmanager."),
            FlagDef.of("query.lookback-delta", DURATION, "5m",
                    "How far back an instant selector or /federate looks for the latest sample."),
            FlagDef.of("query.timeout", DURATION, "2m", "Queries running longer than this are aborted."),
            FlagDef.of("query.max-concurrency", INT, "20", "How many queries may run at the same time."),
            FlagDef.of("query.max-samples", INT, "50000000",
                    "Most samples one query may hold in memory at once; a query needing more fails. This also "
                            + "bounds the size of a result."),
            FlagDef.of("enable-feature", LIST, "",
                    "Experimental features to turn on, separated by commas. Can be repeated."),
            FlagDef.choice("log.level", "info", List.of("debug", "info", "warn", "error"),
                    "Least severity that is logged. One of: [debug, info, warn, error]"),
            FlagDef.choice("log.format", "logfmt", List.of("logfmt", "json"),
                    "Output format of log messages. One of: [logfmt, json]"));

    private static final Map<String, FlagDef> BY_NAME = index();

    private FlagTable() {
    }

    static FlagDef byName(String name) {
        return BY_NAME.get(name);
    }

    private static Map<String, FlagDef> index() {
        Map<String, FlagDef> m = new LinkedHashMap<>();
        for (FlagDef def : ALL) {
            m.put(def.name(), def);
        }
        return m;
    }
}
