package io.ignis.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** Binds the {@code global} block as Prometheus's {@code GlobalConfig.UnmarshalYAML} does. */
final class GlobalBinder {
    private GlobalBinder() {
    }

    /** {@code env} maps an environment variable name to its value, or null when unset. */
    static GlobalConfig bind(FieldReader r, UnaryOperator<String> env) {
        Duration interval = r.duration("scrape_interval", Duration.ZERO);
        Duration timeout = r.duration("scrape_timeout", Duration.ZERO);
        boolean protocolsSet = r.present("scrape_protocols");
        List<String> protocols = r.strings("scrape_protocols");
        Duration evaluation = r.duration("evaluation_interval", Duration.ZERO);
        String validation = validationScheme(r, "metric_name_validation_scheme");
        if (validation.isEmpty()) {
            validation = LabelNames.UTF8;
        }
        String escaping = r.string("metric_name_escaping_scheme", "");
        if (escaping.isEmpty()) {
            escaping = validation.equals(LabelNames.LEGACY) ? ScrapeProtocols.ESCAPING_UNDERSCORES
                    : ScrapeProtocols.ESCAPING_ALLOW_UTF8;
        } else if (!ScrapeProtocols.isEscapingScheme(escaping)) {
            throw r.error("metric_name_escaping_scheme", "unknown global name escaping method specified, must be one"
                    + " of 'allow-utf-8', 'underscores', 'dots', or 'values', got \"" + escaping + "\"");
        }
        Map<String, String> externalLabels = externalLabels(r, validation);

        if (interval.isZero()) {
            interval = GlobalConfig.DEFAULT_SCRAPE_INTERVAL;
        }
        if (timeout.compareTo(interval) > 0) {
            throw r.error("scrape_timeout", "global scrape timeout greater than scrape interval");
        }
        if (timeout.isZero()) {
            timeout = min(GlobalConfig.DEFAULT_SCRAPE_TIMEOUT, interval);
        }
        if (evaluation.isZero()) {
            evaluation = GlobalConfig.DEFAULT_EVALUATION_INTERVAL;
        }
        if (protocolsSet) {
            String problem = ScrapeConfigBinder.checkProtocols(protocols);
            if (problem != null) {
                throw r.error("scrape_protocols", problem + " for global config");
            }
        }
        return new GlobalConfig(interval, timeout, protocols, evaluation,
                r.duration("rule_query_offset", Duration.ZERO), r.file("query_log_file"),
                r.file("scrape_failure_log_file"), expand(externalLabels, env),
                r.byteSize("body_size_limit", ByteSize.ZERO), r.unsigned("sample_limit", 0),
                r.unsigned("target_limit", 0), r.unsigned("label_limit", 0), r.unsigned("label_name_length_limit", 0),
                r.unsigned("label_value_length_limit", 0), r.unsigned("keep_dropped_targets", 0), validation, escaping,
                r.bool("scrape_native_histograms", false), r.bool("convert_classic_histograms_to_nhcb", false),
                r.bool("always_scrape_classic_histograms", false), r.bool("extra_scrape_metrics", false));
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A name validation scheme field: empty (unset), {@code utf8} or {@code legacy}. */
    static String validationScheme(FieldReader r, String key) {
        String s = r.string(key, "");
        if (!s.isEmpty() && !s.equals(LabelNames.UTF8) && !s.equals(LabelNames.LEGACY)) {
            throw r.error(key, "unrecognized ValidationScheme: \"" + s + "\"");
        }
        return s;
    }

    private static Map<String, String> externalLabels(FieldReader r, String scheme) {
        Map<String, String> labels = r.stringMap("external_labels");
        for (Map.Entry<String, String> l : labels.entrySet()) {
            if (!LabelNames.isValidLabelName(l.getKey(), scheme)) {
                throw r.error("external_labels", "\"" + l.getKey() + "\" is not a valid label name");
            }
            if (!LabelNames.isValidLabelValue(l.getValue())) {
                throw r.error("external_labels", "\"" + l.getValue() + "\" is not a valid label value");
            }
        }
        return labels;
    }

    /** Labels sorted by name, as Prometheus keeps them, with values expanded from the environment. */
    private static Map<String, String> expand(Map<String, String> labels, UnaryOperator<String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> l : new TreeMap<>(labels).entrySet()) {
            out.put(l.getKey(), EnvExpander.expand(l.getValue(), env));
        }
        return out;
    }
}
