package io.ignis.config;

import io.ignis.config.yaml.YamlMapping;
import io.ignis.config.yaml.YamlSequence;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds one {@code scrape_config}, then fills and checks what it inherits from {@code global}, in the order of
 * Prometheus's {@code ScrapeConfig.UnmarshalYAML} and {@code ScrapeConfig.Validate}.
 */
final class ScrapeConfigBinder {
    private ScrapeConfigBinder() {
    }

    static ScrapeConfig bind(FieldReader r, GlobalConfig g) {
        String job = r.string("job_name", "");
        String jobRef = "for scrape config with job name \"" + job + "\"";
        boolean honorLabels = r.bool("honor_labels", false);
        boolean honorTimestamps = r.bool("honor_timestamps", true);
        boolean trackStaleness = r.bool("track_timestamps_staleness", false);
        Map<String, List<String>> params = params(r);
        Duration interval = r.duration("scrape_interval", Duration.ZERO);
        Duration timeout = r.duration("scrape_timeout", Duration.ZERO);
        boolean protocolsSet = r.present("scrape_protocols");
        List<String> protocols = r.strings("scrape_protocols");
        String fallback = r.string("fallback_scrape_protocol", "");
        Boolean nativeHistograms = optionalBool(r, "scrape_native_histograms");
        Boolean alwaysClassic = optionalBool(r, "always_scrape_classic_histograms");
        Boolean toNhcb = optionalBool(r, "convert_classic_histograms_to_nhcb");
        Boolean extraMetrics = optionalBool(r, "extra_scrape_metrics");
        String failureLog = r.file("scrape_failure_log_file");
        String metricsPath = r.string("metrics_path", ScrapeConfig.DEFAULT_METRICS_PATH);
        String scheme = r.string("scheme", ScrapeConfig.DEFAULT_SCHEME);
        boolean compression = r.bool("enable_compression", true);
        ByteSize bodySizeLimit = r.byteSize("body_size_limit", ByteSize.ZERO);
        long sampleLimit = r.unsigned("sample_limit", 0);
        long targetLimit = r.unsigned("target_limit", 0);
        long labelLimit = r.unsigned("label_limit", 0);
        long labelNameLengthLimit = r.unsigned("label_name_length_limit", 0);
        long labelValueLengthLimit = r.unsigned("label_value_length_limit", 0);
        long bucketLimit = r.unsigned("native_histogram_bucket_limit", 0);
        double minBucketFactor = r.number("native_histogram_min_bucket_factor", 0);
        long keepDropped = r.unsigned("keep_dropped_targets", 0);
        String validation = GlobalBinder.validationScheme(r, "metric_name_validation_scheme");
        String escaping = r.string("metric_name_escaping_scheme", "");
        ServiceDiscoveryConfigs sd = DiscoveryBinder.bind(r);
        if (job.isEmpty()) {
            throw r.error("job_name", "job_name is empty");
        }
        HttpClientConfig http = HttpConfigBinder.bind(r, HttpClientConfig.DEFAULT);
        // As in Prometheus: relabeling could still turn a URL-looking target into an address.
        if (!(r.node("relabel_configs") instanceof YamlSequence rules) || rules.items().isEmpty()) {
            DiscoveryBinder.checkStaticTargets(r, "static_configs", sd);
        }

        if (interval.isZero()) {
            interval = g.scrapeInterval();
        }
        if (timeout.compareTo(interval) > 0) {
            throw r.error("scrape_timeout", "scrape timeout greater than scrape interval " + jobRef);
        }
        if (timeout.isZero()) {
            timeout = GlobalBinder.min(g.scrapeTimeout(), interval);
        }
        boolean scrapeNative = nativeHistograms != null ? nativeHistograms : g.scrapeNativeHistograms();
        if (!protocolsSet) {
            if (!g.scrapeProtocols().isEmpty()) {
                protocols = g.scrapeProtocols();
            } else {
                protocols = scrapeNative ? ScrapeProtocols.DEFAULT_PROTO_FIRST : ScrapeProtocols.DEFAULT;
            }
        }
        String problem = checkProtocols(protocols);
        if (problem != null) {
            throw r.error("scrape_protocols", problem + " " + jobRef);
        }
        if (!fallback.isEmpty() && ScrapeProtocols.unknown(fallback) != null) {
            throw r.error("fallback_scrape_protocol", "invalid fallback_scrape_protocol " + jobRef + ": "
                    + ScrapeProtocols.unknown(fallback));
        }
        boolean validationUnset = validation.isEmpty();
        if (validationUnset) {
            validation = g.metricNameValidationScheme();
        }
        if (escaping.isEmpty()) {
            if (validationUnset) {
                escaping = g.metricNameEscapingScheme();
            } else {
                escaping = validation.equals(LabelNames.LEGACY) ? ScrapeProtocols.ESCAPING_UNDERSCORES
                        : ScrapeProtocols.ESCAPING_ALLOW_UTF8;
            }
        }
        if (escaping.equals(ScrapeProtocols.ESCAPING_ALLOW_UTF8)) {
            if (!validation.equals(LabelNames.UTF8)) {
                throw r.error("metric_name_escaping_scheme",
                        "utf8 metric names requested but validation scheme is not set to UTF8");
            }
        } else if (!ScrapeProtocols.isEscapingScheme(escaping)) {
            throw r.error("metric_name_escaping_scheme", "unknown scrape config name escaping method specified, must"
                    + " be one of 'allow-utf-8', 'underscores', 'dots', or 'values', got \"" + escaping + "\"");
        }
        List<RelabelConfig> relabel = RelabelBinder.list(r, "relabel_configs",
                "empty or null target relabeling rule in scrape config", validation);
        List<RelabelConfig> metricRelabel = RelabelBinder.list(r, "metric_relabel_configs",
                "empty or null metric relabeling rule in scrape config", validation);

        return new ScrapeConfig(job, honorLabels, honorTimestamps, trackStaleness, params, interval, timeout,
                protocols, fallback, scrapeNative,
                alwaysClassic != null ? alwaysClassic : g.alwaysScrapeClassicHistograms(),
                toNhcb != null ? toNhcb : g.convertClassicHistogramsToNhcb(),
                failureLog.isEmpty() ? g.scrapeFailureLogFile() : failureLog, metricsPath, scheme, compression,
                bodySizeLimit.bytes() == 0 ? g.bodySizeLimit() : bodySizeLimit,
                inherit(sampleLimit, g.sampleLimit()), inherit(targetLimit, g.targetLimit()),
                inherit(labelLimit, g.labelLimit()), inherit(labelNameLengthLimit, g.labelNameLengthLimit()),
                inherit(labelValueLengthLimit, g.labelValueLengthLimit()), bucketLimit, minBucketFactor,
                inherit(keepDropped, g.keepDroppedTargets()), validation, escaping,
                extraMetrics != null ? extraMetrics : g.extraScrapeMetrics(), sd, http, relabel, metricRelabel);
    }

    private static long inherit(long local, long global) {
        return local == 0 ? global : local;
    }

    private static Boolean optionalBool(FieldReader r, String key) {
        return r.has(key) ? r.bool(key, false) : null;
    }

    private static Map<String, List<String>> params(FieldReader r) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (YamlMapping.Entry e : r.entries("params", "url.Values")) {
            FieldReader one = FieldReader.of(r.fileName(), null, r.path("params"),
                    new YamlMapping(List.of(e), e.keyMark()), e.keyMark(), "params");
            out.put(e.key(), one.strings(e.key()));
        }
        return out;
    }

    /** Prometheus's {@code validateAcceptScrapeProtocols}: the reason, or null when the list is fine. */
    static String checkProtocols(List<String> protocols) {
        if (protocols.isEmpty()) {
            return "scrape_protocols cannot be empty";
        }
        Set<String> seen = new HashSet<>();
        for (String p : protocols) {
            if (!seen.add(p.toLowerCase(Locale.ROOT))) {
                return "duplicated protocol in scrape_protocols, got [" + String.join(" ", protocols) + "]";
            }
            String unknown = ScrapeProtocols.unknown(p);
            if (unknown != null) {
                return "scrape_protocols: " + unknown;
            }
        }
        return null;
    }
}
