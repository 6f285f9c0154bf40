package io.ignis.scrape;

import io.ignis.config.Durations;
import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scrape target: its labels after relabeling (internal {@code __} labels included), its labels as discovered,
 * and the health of its last scrape. The identity is immutable; the health fields are written by its scrape loop
 * only and read by anyone through {@link #status}.
 */
public final class Target {
    static final String ADDRESS = "__address__";
    static final String SCHEME = "__scheme__";
    static final String METRICS_PATH = "__metrics_path__";
    static final String PARAM_PREFIX = "__param_";
    static final String SCRAPE_INTERVAL = "__scrape_interval__";
    static final String SCRAPE_TIMEOUT = "__scrape_timeout__";
    static final String META_PREFIX = "__meta_";
    static final String RESERVED_PREFIX = "__";
    static final String INSTANCE = "instance";
    static final String JOB = "job";

    private final Labels labels;
    private final Labels discoveredLabels;
    private final Labels publicLabels;
    private final String url;
    private final Duration interval;
    private final Duration timeout;
    private final long hash;

    private volatile Health health = Health.INITIAL;

    /** What the last scrape left behind; replaced whole so readers see a consistent triple. */
    private record Health(TargetHealth health, String lastError, long lastScrapeMillis, long durationNanos) {
        static final Health INITIAL = new Health(TargetHealth.UNKNOWN, "", 0, 0);
    }

    Target(Labels labels, Labels discoveredLabels, Map<String, List<String>> params) {
        this.labels = labels;
        this.discoveredLabels = discoveredLabels;
        this.publicLabels = publicLabels(labels);
        this.url = url(labels, params);
        this.interval = Durations.parse(labels.get(SCRAPE_INTERVAL));
        this.timeout = Durations.parse(labels.get(SCRAPE_TIMEOUT));
        this.hash = ScrapeOffset.targetHash(labels, url);
    }

    /** All labels after relabeling, internal ones included. */
    public Labels labels() {
        return labels;
    }

    /** The labels without the {@code __} prefix: these are attached to every scraped series. */
    public Labels publicLabels() {
        return publicLabels;
    }

    public Labels discoveredLabels() {
        return discoveredLabels;
    }

    public String url() {
        return url;
    }

    public Duration interval() {
        return interval;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Prometheus's target hash: identifies a target within its pool and sets its scrape phase. */
    long hash() {
        return hash;
    }

    void report(long startMillis, long durationNanos, String error) {
        health = new Health(error.isEmpty() ? TargetHealth.UP : TargetHealth.DOWN, error, startMillis, durationNanos);
    }

    public TargetHealth health() {
        return health.health();
    }

    public String lastError() {
        return health.lastError();
    }

    public TargetStatus status(String scrapePool, String globalUrl) {
        Health h = health;
        return new TargetStatus(scrapePool, url, globalUrl, publicLabels, discoveredLabels, h.health(),
                h.lastError(), h.lastScrapeMillis(), h.durationNanos(), interval, timeout);
    }

    private static Labels publicLabels(Labels labels) {
        LabelsBuilder b = new LabelsBuilder();
        for (int i = 0; i < labels.size(); i++) {
            if (!labels.name(i).startsWith(RESERVED_PREFIX)) {
                b.set(labels.name(i), labels.value(i));
            }
        }
        return b.build();
    }

    /**
     * As Prometheus's {@code Target.URL}: scheme, address and path from the labels; query from the config's
     * params, where a {@code __param_<name>} label replaces the first value of that parameter.
     */
    static String url(Labels labels, Map<String, List<String>> params) {
        TreeMap<String, List<String>> query = new TreeMap<>();
        params.forEach((k, v) -> query.put(k, new java.util.ArrayList<>(v)));
        for (int i = 0; i < labels.size(); i++) {
            String name = labels.name(i);
            if (name.startsWith(PARAM_PREFIX)) {
                List<String> values = query.computeIfAbsent(name.substring(PARAM_PREFIX.length()),
                        k -> new java.util.ArrayList<>());
                if (values.isEmpty()) {
                    values.add(labels.value(i));
                } else {
                    values.set(0, labels.value(i));
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(labels.get(SCHEME)).append("://").append(labels.get(ADDRESS));
        String path = labels.get(METRICS_PATH);
        if (!path.isEmpty() && !path.startsWith("/")) {
            sb.append('/');
        }
        sb.append(path);
        char sep = '?';
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            for (String v : e.getValue()) {
                sb.append(sep).append(queryEscape(e.getKey())).append('=').append(queryEscape(v));
                sep = '&';
            }
        }
        return sb.toString();
    }

    /** Go's url.QueryEscape: space as {@code +}, everything but unreserved characters percent-encoded. */
    private static String queryEscape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }

    @Override
    public String toString() {
        return url;
    }
}
