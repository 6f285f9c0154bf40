package io.ignis.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Binds the {@code storage}, {@code tracing}, {@code otlp} and {@code runtime} blocks. */
final class StorageBinder {
    private static final Set<String> TRANSLATION_STRATEGIES = Set.of("UnderscoreEscapingWithSuffixes",
            "UnderscoreEscapingWithoutSuffixes", "NoUTF8EscapingWithSuffixes", "NoTranslation");

    private StorageBinder() {
    }

    static StorageConfig storage(FieldReader r) {
        StorageConfig.Tsdb tsdb = r.object("tsdb", "tsdb", StorageBinder::tsdb);
        StorageConfig.Exemplars exemplars = r.object("exemplars", "exemplars",
                e -> new StorageConfig.Exemplars(e.integer("max_exemplars", StorageConfig.Exemplars.DEFAULT
                        .maxExemplars())));
        return new StorageConfig(tsdb, exemplars);
    }

    private static StorageConfig.Tsdb tsdb(FieldReader r) {
        Duration window = r.duration("out_of_order_time_window", Duration.ZERO);
        double threshold = r.number("stale_series_compaction_threshold", 0);
        String floats = r.object("chunk_encoding", "chunk_encoding", c -> c.string("floats", ""));
        if (!floats.isEmpty() && !floats.equals("xor") && !floats.equals("xor2")) {
            throw r.error("chunk_encoding", "'storage.tsdb.chunk_encoding.floats' must be 'xor' or 'xor2', or the"
                    + " field must be omitted entirely, got \"" + floats + "\"");
        }
        StorageConfig.Retention retention = r.object("retention", "retention", StorageBinder::retention);
        return new StorageConfig.Tsdb(window, threshold, floats, retention);
    }

    private static StorageConfig.Retention retention(FieldReader r) {
        StorageConfig.Retention t = new StorageConfig.Retention(r.duration("time", Duration.ZERO),
                r.byteSize("size", ByteSize.ZERO), r.number("percentage", 0));
        if (t.size().bytes() < 0) {
            throw r.error("size", "'storage.tsdb.retention.size' must be greater than or equal to 0, got "
                    + t.size());
        }
        if (t.percentage() < 0 || t.percentage() > 100) {
            throw r.error("percentage", "'storage.tsdb.retention.percentage' must be in the range [0, 100], got "
                    + formatFloat(t.percentage()));
        }
        return t;
    }

    static TracingConfig tracing(FieldReader r) {
        String clientType = r.string("client_type", "grpc");
        if (!clientType.equals("grpc") && !clientType.equals("http")) {
            throw r.error("client_type", "expected tracing client type to be to be http or grpc, but got "
                    + clientType);
        }
        TracingConfig t = new TracingConfig(clientType, r.string("endpoint", ""), r.number("sampling_fraction", 0),
                r.bool("insecure", false), r.object("tls_config", "tls_config", HttpConfigBinder::tls),
                r.stringMap("headers"), r.string("compression", ""), r.duration("timeout", Duration.ZERO));
        for (String h : t.headers().keySet()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.equals("authorization")) {
                throw r.error("headers", "custom authorization header configuration is not yet supported");
            }
            if (RemoteBinder.isReservedHeader(lower)) {
                throw r.error("headers", h + " is a reserved header. It must not be changed");
            }
        }
        if (t.endpoint().isEmpty()) {
            throw r.error("endpoint", "tracing endpoint must be set");
        }
        if (!t.compression().isEmpty() && !t.compression().equals("gzip")) {
            throw r.error("compression", "invalid compression type " + t.compression()
                    + " provided, valid options: gzip");
        }
        return t;
    }

    static OtlpConfig otlp(FieldReader r, String validationScheme) {
        OtlpConfig d = OtlpConfig.DEFAULT;
        OtlpConfig c = new OtlpConfig(r.bool("promote_all_resource_attributes", false),
                r.strings("promote_resource_attributes"), r.strings("ignore_resource_attributes"),
                r.string("translation_strategy", d.translationStrategy()),
                r.bool("keep_identifying_resource_attributes", false), r.bool("convert_histograms_to_nhcb", false),
                r.bool("promote_scope_metadata", false), r.bool("label_name_underscore_sanitization", true),
                r.bool("label_name_preserve_multiple_underscores", true));
        if (c.promoteAllResourceAttributes()) {
            if (!c.promoteResourceAttributes().isEmpty()) {
                throw r.error("promote_resource_attributes", "'promote_all_resource_attributes' and"
                        + " 'promote_resource_attributes' cannot be configured simultaneously");
            }
            c = withAttributes(c, c.promoteResourceAttributes(),
                    sanitize(r, "ignore_resource_attributes", c.ignoreResourceAttributes(), "ignored"));
        } else {
            if (!c.ignoreResourceAttributes().isEmpty()) {
                throw r.error("ignore_resource_attributes", "'ignore_resource_attributes' cannot be configured"
                        + " unless 'promote_all_resource_attributes' is true");
            }
            c = withAttributes(c, sanitize(r, "promote_resource_attributes", c.promoteResourceAttributes(),
                    "promoted"), c.ignoreResourceAttributes());
        }
        String strategy = c.translationStrategy();
        if (!TRANSLATION_STRATEGIES.contains(strategy)) {
            throw r.error("translation_strategy", "unsupported OTLP translation strategy \"" + strategy + "\"");
        }
        if ((strategy.equals("NoTranslation") || strategy.equals("NoUTF8EscapingWithSuffixes"))
                && validationScheme.equals(LabelNames.LEGACY)) {
            throw r.error("translation_strategy", "OTLP translation strategy \"" + strategy
                    + "\" is not allowed when UTF8 is disabled");
        }
        return c;
    }

    private static OtlpConfig withAttributes(OtlpConfig c, List<String> promote, List<String> ignore) {
        return new OtlpConfig(c.promoteAllResourceAttributes(), promote, ignore, c.translationStrategy(),
                c.keepIdentifyingResourceAttributes(), c.convertHistogramsToNhcb(), c.promoteScopeMetadata(),
                c.labelNameUnderscoreSanitization(), c.labelNamePreserveMultipleUnderscores());
    }

    private static List<String> sanitize(FieldReader r, String key, List<String> attributes, String adjective) {
        Set<String> seen = new HashSet<>();
        for (String raw : attributes) {
            String attr = raw.trim();
            if (attr.isEmpty()) {
                throw r.error(key, "invalid '" + key + "': empty " + adjective + " OTel resource attribute");
            }
            if (!seen.add(attr)) {
                throw r.error(key, "invalid '" + key + "': duplicated " + adjective + " OTel resource attribute \""
                        + attr + "\"");
            }
        }
        return attributes.stream().map(String::trim).toList();
    }

    static RuntimeConfig runtime(FieldReader r) {
        long gogc = r.integer("gogc", 0);
        return gogc == 0 ? RuntimeConfig.DEFAULT : new RuntimeConfig((int) gogc);
    }

    /** Go's {@code %v} of a float64: no trailing {@code .0}. */
    static String formatFloat(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
