package io.ignis.server;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server's settings from the command line, converted and checked. Durations are milliseconds, sizes bytes;
 * {@code retentionTimeMillis} is already defaulted to 15d when neither retention flag was given, as Prometheus
 * does. {@link #values()} holds every flag as the string {@code /api/v1/status/flags} shows.
 */
public record Flags(
        Path configFile,
        boolean autoReload,
        long autoReloadIntervalMillis,
        List<String> listenAddresses,
        String webConfigFile,
        long webReadTimeoutMillis,
        int webMaxConnections,
        URI externalUrl,
        String routePrefix,
        boolean enableLifecycle,
        boolean enableAdminApi,
        boolean enableRemoteWriteReceiver,
        String pageTitle,
        String corsOrigin,
        Path storageTsdbPath,
        long retentionTimeMillis,
        long retentionSizeBytes,
        boolean noLockfile,
        boolean walCompression,
        long remoteFlushDeadlineMillis,
        long forOutageToleranceMillis,
        long forGracePeriodMillis,
        long resendDelayMillis,
        int notificationQueueCapacity,
        long lookbackDeltaMillis,
        long queryTimeoutMillis,
        int queryMaxConcurrency,
        int queryMaxSamples,
        Set<String> features,
        String logLevel,
        String logFormat,
        Map<String, String> values) {

    /** As in Prometheus: the retention used when neither retention flag is given. */
    static final long DEFAULT_RETENTION_MILLIS = 15L * 24 * 60 * 60 * 1000;

    /** Parses a server command line; throws {@link FlagException} naming the offending flag. */
    public static Flags parse(String... args) {
        CommandLineArgs cl = FlagParser.parse(args);
        return from(cl);
    }

    static Flags from(CommandLineArgs cl) {
        FlagValues v = new FlagValues(cl);
        List<String> listen = v.list("web.listen-address");
        for (String address : listen) {
            ListenAddress.parse(address);
        }
        long retentionTime = v.duration("storage.tsdb.retention.time");
        long retentionSize = v.size("storage.tsdb.retention.size");
        if (retentionTime == 0 && retentionSize == 0) {
            retentionTime = DEFAULT_RETENTION_MILLIS;
        }
        URI externalUrl = externalUrl(v.string("web.external-url"), listen.get(0));
        String prefix = v.string("web.route-prefix");
        if (prefix.isEmpty()) {
            prefix = externalUrl.getRawPath() == null ? "" : externalUrl.getRawPath();
        }
        prefix = "/" + trimSlashes(prefix);
        return new Flags(
                Path.of(v.string("config.file")),
                v.bool("config.auto-reload"),
                // As Prometheus does, an interval under a second is raised to one second.
                Math.max(1000, v.duration("config.auto-reload-interval")),
                listen,
                v.string("web.config.file"),
                v.duration("web.read-timeout"),
                v.integer("web.max-connections"),
                externalUrl,
                prefix,
                v.bool("web.enable-lifecycle"),
                v.bool("web.enable-admin-api"),
                v.bool("web.enable-remote-write-receiver"),
                v.string("web.page-title"),
                v.string("web.cors.origin"),
                Path.of(v.string("storage.tsdb.path")),
                retentionTime,
                retentionSize,
                v.bool("storage.tsdb.no-lockfile"),
                v.bool("storage.tsdb.wal-compression"),
                v.duration("storage.remote.flush-deadline"),
                v.duration("rules.alert.for-outage-tolerance"),
                v.duration("rules.alert.for-grace-period"),
                v.duration("rules.alert.resend-delay"),
                v.integer("alertmanager.notification-queue-capacity"),
                v.duration("query.lookback-delta"),
                v.duration("query.timeout"),
                v.integer("query.max-concurrency"),
                v.integer("query.max-samples"),
                Collections.unmodifiableSet(new LinkedHashSet<>(v.list("enable-feature"))),
                v.choice("log.level"),
                v.choice("log.format"),
                Collections.unmodifiableMap(new LinkedHashMap<>(v.shown())));
    }

    /** Whether {@code --enable-feature} named {@code feature}. */
    public boolean hasFeature(String feature) {
        return features.contains(feature);
    }

    /**
     * As Prometheus computes it: the given URL, or {@code http://<hostname>:<listen port>}; the path loses its
     * trailing slash and gains a leading one.
     */
    private static URI externalUrl(String given, String listenAddress) {
        String url = given;
        if (url.isEmpty()) {
            url = "http://" + hostname() + ":" + ListenAddress.parse(listenAddress).port();
        }
        if (url.startsWith("\"") || url.startsWith("'") || url.endsWith("\"") || url.endsWith("'")) {
            throw FlagException.invalidValue("web.external-url", given, "URL must not begin or end with quotes");
        }
        try {
            URI uri = new URI(url);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            if (!path.isEmpty() && !path.startsWith("/")) {
                path = "/" + path;
            }
            return new URI(uri.getScheme(), uri.getRawAuthority(), path, uri.getRawQuery(), null);
        } catch (URISyntaxException e) {
            throw FlagException.invalidValue("web.external-url", given, e.getMessage());
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }
}
