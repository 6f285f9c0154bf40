package io.ignis.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the effective configuration as YAML with Prometheus's field names and order. Fields Prometheus marks
 * {@code omitempty} are left out when zero; everything else is printed, so that loading the output gives the same
 * config back. Secrets print as {@code <secret>} unless {@code redact} is false (tests only).
 */
final class ConfigPrinter {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private final boolean redact;

    private ConfigPrinter(boolean redact) {
        this.redact = redact;
    }

    static String print(PrometheusConfig c, boolean redact) {
        try {
            return YAML.writeValueAsString(new ConfigPrinter(redact).config(c));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bug: cannot print config", e);
        }
    }

    private Map<String, Object> config(PrometheusConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("global", global(c.global()));
        m.put("runtime", Map.of("gogc", c.runtime().gogc()));
        Map<String, Object> alerting = alerting(c.alerting());
        putIf(m, "alerting", alerting, !alerting.isEmpty());
        putIf(m, "rule_files", c.ruleFiles(), !c.ruleFiles().isEmpty());
        putIf(m, "scrape_config_files", c.scrapeConfigFiles(), !c.scrapeConfigFiles().isEmpty());
        putIf(m, "scrape_configs", list(c.mainScrapeConfigs(), this::scrape), !c.mainScrapeConfigs().isEmpty());
        m.put("storage", storage(c.storage()));
        if (c.tracing().isEnabled()) {
            m.put("tracing", tracing(c.tracing()));
        }
        putIf(m, "remote_write", list(c.remoteWriteConfigs(), this::remoteWrite), !c.remoteWriteConfigs().isEmpty());
        putIf(m, "remote_read", list(c.remoteReadConfigs(), this::remoteRead), !c.remoteReadConfigs().isEmpty());
        m.put("otlp", otlp(c.otlp()));
        return m;
    }

    private Map<String, Object> global(GlobalConfig g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scrape_interval", d(g.scrapeInterval()));
        m.put("scrape_timeout", d(g.scrapeTimeout()));
        putIf(m, "scrape_protocols", g.scrapeProtocols(), !g.scrapeProtocols().isEmpty());
        m.put("evaluation_interval", d(g.evaluationInterval()));
        putIf(m, "rule_query_offset", d(g.ruleQueryOffset()), !g.ruleQueryOffset().isZero());
        putString(m, "query_log_file", g.queryLogFile());
        putString(m, "scrape_failure_log_file", g.scrapeFailureLogFile());
        if (!g.externalLabels().isEmpty()) {
            // Values are already expanded; doubling '$' keeps a reload from expanding them a second time.
            Map<String, Object> labels = new LinkedHashMap<>();
            g.externalLabels().forEach((k, v) -> labels.put(k, v.replace("$", "$$")));
            m.put("external_labels", labels);
        }
        putIf(m, "body_size_limit", g.bodySizeLimit().toString(), g.bodySizeLimit().bytes() != 0);
        putLimit(m, "sample_limit", g.sampleLimit());
        putLimit(m, "target_limit", g.targetLimit());
        putLimit(m, "label_limit", g.labelLimit());
        putLimit(m, "label_name_length_limit", g.labelNameLengthLimit());
        putLimit(m, "label_value_length_limit", g.labelValueLengthLimit());
        putLimit(m, "keep_dropped_targets", g.keepDroppedTargets());
        m.put("metric_name_validation_scheme", g.metricNameValidationScheme());
        m.put("metric_name_escaping_scheme", g.metricNameEscapingScheme());
        m.put("scrape_native_histograms", g.scrapeNativeHistograms());
        putIf(m, "convert_classic_histograms_to_nhcb", true, g.convertClassicHistogramsToNhcb());
        putIf(m, "always_scrape_classic_histograms", true, g.alwaysScrapeClassicHistograms());
        m.put("extra_scrape_metrics", g.extraScrapeMetrics());
        return m;
    }

    private Map<String, Object> scrape(ScrapeConfig s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_name", s.jobName());
        putIf(m, "honor_labels", true, s.honorLabels());
        m.put("honor_timestamps", s.honorTimestamps());
        m.put("track_timestamps_staleness", s.trackTimestampsStaleness());
        putIf(m, "params", s.params(), !s.params().isEmpty());
        m.put("scrape_interval", d(s.scrapeInterval()));
        m.put("scrape_timeout", d(s.scrapeTimeout()));
        m.put("scrape_protocols", s.scrapeProtocols());
        putString(m, "fallback_scrape_protocol", s.fallbackScrapeProtocol());
        m.put("scrape_native_histograms", s.scrapeNativeHistograms());
        m.put("always_scrape_classic_histograms", s.alwaysScrapeClassicHistograms());
        m.put("convert_classic_histograms_to_nhcb", s.convertClassicHistogramsToNhcb());
        putString(m, "scrape_failure_log_file", s.scrapeFailureLogFile());
        m.put("metrics_path", s.metricsPath());
        m.put("scheme", s.scheme());
        m.put("enable_compression", s.enableCompression());
        putIf(m, "body_size_limit", s.bodySizeLimit().toString(), s.bodySizeLimit().bytes() != 0);
        putLimit(m, "sample_limit", s.sampleLimit());
        putLimit(m, "target_limit", s.targetLimit());
        putLimit(m, "label_limit", s.labelLimit());
        putLimit(m, "label_name_length_limit", s.labelNameLengthLimit());
        putLimit(m, "label_value_length_limit", s.labelValueLengthLimit());
        putLimit(m, "native_histogram_bucket_limit", s.nativeHistogramBucketLimit());
        putIf(m, "native_histogram_min_bucket_factor", s.nativeHistogramMinBucketFactor(),
                s.nativeHistogramMinBucketFactor() != 0);
        putLimit(m, "keep_dropped_targets", s.keepDroppedTargets());
        m.put("metric_name_validation_scheme", s.metricNameValidationScheme());
        m.put("metric_name_escaping_scheme", s.metricNameEscapingScheme());
        m.put("extra_scrape_metrics", s.extraScrapeMetrics());
        http(m, s.httpClientConfig());
        sd(m, s.serviceDiscoveryConfigs());
        putIf(m, "relabel_configs", list(s.relabelConfigs(), this::relabel), !s.relabelConfigs().isEmpty());
        putIf(m, "metric_relabel_configs", list(s.metricRelabelConfigs(), this::relabel),
                !s.metricRelabelConfigs().isEmpty());
        return m;
    }

    private void http(Map<String, Object> m, HttpClientConfig h) {
        if (h.basicAuth() != null) {
            BasicAuth b = h.basicAuth();
            Map<String, Object> a = new LinkedHashMap<>();
            putString(a, "username", b.username());
            putString(a, "username_file", b.usernameFile());
            putSecret(a, "password", b.password());
            putString(a, "password_file", b.passwordFile());
            m.put("basic_auth", a);
        }
        if (h.authorization() != null) {
            Authorization z = h.authorization();
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("type", z.type());
            putSecret(a, "credentials", z.credentials());
            putString(a, "credentials_file", z.credentialsFile());
            m.put("authorization", a);
        }
        m.put("tls_config", tls(h.tlsConfig()));
        putString(m, "proxy_url", url(h.proxyUrl()));
        putString(m, "no_proxy", h.noProxy());
        putIf(m, "proxy_from_environment", true, h.proxyFromEnvironment());
        if (!h.proxyConnectHeader().isEmpty()) {
            Map<String, Object> headers = new LinkedHashMap<>();
            h.proxyConnectHeader().forEach((k, v) -> headers.put(k, list(v, this::secret)));
            m.put("proxy_connect_header", headers);
        }
        if (!h.httpHeaders().isEmpty()) {
            Map<String, Object> headers = new LinkedHashMap<>();
            h.httpHeaders().forEach((k, v) -> {
                Map<String, Object> one = new LinkedHashMap<>();
                putIf(one, "values", v.values(), !v.values().isEmpty());
                putIf(one, "secrets", list(v.secrets(), this::secret), !v.secrets().isEmpty());
                putIf(one, "files", v.files(), !v.files().isEmpty());
                headers.put(k, one);
            });
            m.put("http_headers", headers);
        }
        m.put("follow_redirects", h.followRedirects());
        m.put("enable_http2", h.enableHttp2());
    }

    private Map<String, Object> tls(TlsConfig t) {
        Map<String, Object> m = new LinkedHashMap<>();
        putString(m, "ca", t.ca());
        putString(m, "ca_file", t.caFile());
        putString(m, "cert", t.cert());
        putString(m, "cert_file", t.certFile());
        putSecret(m, "key", t.key());
        putString(m, "key_file", t.keyFile());
        putString(m, "server_name", t.serverName());
        m.put("insecure_skip_verify", t.insecureSkipVerify());
        putString(m, "min_version", t.minVersion());
        putString(m, "max_version", t.maxVersion());
        return m;
    }

    private void sd(Map<String, Object> m, ServiceDiscoveryConfigs sd) {
        putIf(m, "dns_sd_configs", list(sd.dnsSdConfigs(), this::dns), !sd.dnsSdConfigs().isEmpty());
        putIf(m, "ec2_sd_configs", list(sd.ec2SdConfigs(), this::ec2), !sd.ec2SdConfigs().isEmpty());
        putIf(m, "file_sd_configs", list(sd.fileSdConfigs(), this::file), !sd.fileSdConfigs().isEmpty());
        putIf(m, "kubernetes_sd_configs", list(sd.kubernetesSdConfigs(), this::kubernetes),
                !sd.kubernetesSdConfigs().isEmpty());
        putIf(m, "static_configs", list(sd.staticConfigs(), this::staticConfig), !sd.staticConfigs().isEmpty());
    }

    private Map<String, Object> staticConfig(StaticConfig s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("targets", s.targets());
        putIf(m, "labels", s.labels(), !s.labels().isEmpty());
        return m;
    }

    private Map<String, Object> file(FileSdConfig f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", f.files());
        m.put("refresh_interval", d(f.refreshInterval()));
        return m;
    }

    private Map<String, Object> dns(DnsSdConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("names", c.names());
        m.put("refresh_interval", d(c.refreshInterval()));
        m.put("type", c.type());
        m.put("port", c.port());
        return m;
    }

    private Map<String, Object> ec2(Ec2SdConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", c.endpoint());
        m.put("region", c.region());
        putString(m, "access_key", c.accessKey());
        putSecret(m, "secret_key", c.secretKey());
        putString(m, "profile", c.profile());
        putString(m, "role_arn", c.roleArn());
        putString(m, "external_id", c.externalId());
        m.put("refresh_interval", d(c.refreshInterval()));
        m.put("port", c.port());
        List<Object> filters = new ArrayList<>();
        for (Ec2Filter f : c.filters()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", f.name());
            one.put("values", f.values());
            filters.add(one);
        }
        m.put("filters", filters.isEmpty() ? null : filters);
        http(m, c.httpClientConfig());
        return m;
    }

    private Map<String, Object> kubernetes(KubernetesSdConfig k) {
        Map<String, Object> m = new LinkedHashMap<>();
        putString(m, "api_server", url(k.apiServer()));
        m.put("role", k.role());
        m.put("kubeconfig_file", k.kubeconfigFile());
        http(m, k.httpClientConfig());
        Map<String, Object> ns = new LinkedHashMap<>();
        ns.put("own_namespace", k.namespaces().ownNamespace());
        ns.put("names", k.namespaces().names().isEmpty() ? null : k.namespaces().names());
        m.put("namespaces", ns);
        List<Object> selectors = new ArrayList<>();
        for (KubernetesSdConfig.Selector s : k.selectors()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("role", s.role());
            putString(one, "label", s.label());
            putString(one, "field", s.field());
            selectors.add(one);
        }
        putIf(m, "selectors", selectors, !selectors.isEmpty());
        KubernetesSdConfig.AttachMetadata a = k.attachMetadata();
        Map<String, Object> attach = new LinkedHashMap<>();
        attach.put("node", a.node());
        attach.put("namespace", a.namespace());
        attach.put("deployment", a.deployment());
        attach.put("job", a.job());
        attach.put("cronjob", a.cronjob());
        m.put("attach_metadata", attach);
        return m;
    }

    private Map<String, Object> relabel(RelabelConfig r) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "source_labels", r.sourceLabels(), !r.sourceLabels().isEmpty());
        m.put("separator", r.separator());
        putIf(m, "regex", r.regex().source(), !r.regex().equals(RelabelRegex.DEFAULT));
        putIf(m, "modulus", r.modulus(), r.modulus() != 0);
        putString(m, "target_label", r.targetLabel());
        m.put("replacement", r.replacement());
        m.put("action", r.action().yamlName());
        return m;
    }

    private Map<String, Object> alerting(AlertingConfig a) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "alert_relabel_configs", list(a.alertRelabelConfigs(), this::relabel),
                !a.alertRelabelConfigs().isEmpty());
        putIf(m, "alertmanagers", list(a.alertmanagers(), this::alertmanager), !a.alertmanagers().isEmpty());
        return m;
    }

    private Map<String, Object> alertmanager(AlertmanagerConfig a) {
        Map<String, Object> m = new LinkedHashMap<>();
        http(m, a.httpClientConfig());
        m.put("scheme", a.scheme());
        putString(m, "path_prefix", a.pathPrefix());
        m.put("timeout", d(a.timeout()));
        m.put("api_version", a.apiVersion());
        sd(m, a.serviceDiscoveryConfigs());
        putIf(m, "relabel_configs", list(a.relabelConfigs(), this::relabel), !a.relabelConfigs().isEmpty());
        putIf(m, "alert_relabel_configs", list(a.alertRelabelConfigs(), this::relabel),
                !a.alertRelabelConfigs().isEmpty());
        return m;
    }

    private Map<String, Object> remoteWrite(RemoteWriteConfig w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url(w.url()));
        m.put("remote_timeout", d(w.remoteTimeout()));
        putIf(m, "headers", w.headers(), !w.headers().isEmpty());
        putIf(m, "write_relabel_configs", list(w.writeRelabelConfigs(), this::relabel),
                !w.writeRelabelConfigs().isEmpty());
        putString(m, "name", w.name());
        putIf(m, "send_exemplars", true, w.sendExemplars());
        putIf(m, "send_native_histograms", true, w.sendNativeHistograms());
        putIf(m, "round_robin_dns", true, w.roundRobinDns());
        m.put("protobuf_message", w.protobufMessage());
        putIf(m, "failed_request_logging", true, w.failedRequestLogging());
        http(m, w.httpClientConfig());
        QueueConfig q = w.queueConfig();
        Map<String, Object> queue = new LinkedHashMap<>();
        queue.put("capacity", q.capacity());
        queue.put("max_shards", q.maxShards());
        queue.put("min_shards", q.minShards());
        queue.put("max_samples_per_send", q.maxSamplesPerSend());
        queue.put("batch_send_deadline", d(q.batchSendDeadline()));
        queue.put("min_backoff", d(q.minBackoff()));
        queue.put("max_backoff", d(q.maxBackoff()));
        putIf(queue, "retry_on_http_429", true, q.retryOnHttp429());
        putIf(queue, "sample_age_limit", d(q.sampleAgeLimit()), !q.sampleAgeLimit().isZero());
        m.put("queue_config", queue);
        MetadataConfig md = w.metadataConfig();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("send", md.send());
        metadata.put("send_interval", d(md.sendInterval()));
        metadata.put("max_samples_per_send", md.maxSamplesPerSend());
        m.put("metadata_config", metadata);
        return m;
    }

    private Map<String, Object> remoteRead(RemoteReadConfig r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url(r.url()));
        m.put("remote_timeout", d(r.remoteTimeout()));
        m.put("chunked_read_limit", r.chunkedReadLimit());
        putIf(m, "headers", r.headers(), !r.headers().isEmpty());
        putIf(m, "read_recent", true, r.readRecent());
        putString(m, "name", r.name());
        http(m, r.httpClientConfig());
        putIf(m, "required_matchers", r.requiredMatchers(), !r.requiredMatchers().isEmpty());
        m.put("filter_external_labels", r.filterExternalLabels());
        return m;
    }

    private Map<String, Object> storage(StorageConfig s) {
        Map<String, Object> tsdb = new LinkedHashMap<>();
        StorageConfig.Tsdb t = s.tsdb();
        putIf(tsdb, "out_of_order_time_window", d(t.outOfOrderTimeWindow()), !t.outOfOrderTimeWindow().isZero());
        putIf(tsdb, "stale_series_compaction_threshold", t.staleSeriesCompactionThreshold(),
                t.staleSeriesCompactionThreshold() != 0);
        if (!t.chunkEncodingFloats().isEmpty()) {
            tsdb.put("chunk_encoding", Map.of("floats", t.chunkEncodingFloats()));
        }
        Map<String, Object> retention = new LinkedHashMap<>();
        putIf(retention, "time", d(t.retention().time()), !t.retention().time().isZero());
        putIf(retention, "size", t.retention().size().toString(), t.retention().size().bytes() != 0);
        putIf(retention, "percentage", t.retention().percentage(), t.retention().percentage() != 0);
        putIf(tsdb, "retention", retention, !retention.isEmpty());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tsdb", tsdb);
        m.put("exemplars", Map.of("max_exemplars", s.exemplars().maxExemplars()));
        return m;
    }

    private Map<String, Object> tracing(TracingConfig t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client_type", t.clientType());
        m.put("endpoint", t.endpoint());
        putIf(m, "sampling_fraction", t.samplingFraction(), t.samplingFraction() != 0);
        putIf(m, "insecure", true, t.insecure());
        m.put("tls_config", tls(t.tlsConfig()));
        putIf(m, "headers", t.headers(), !t.headers().isEmpty());
        putString(m, "compression", t.compression());
        putIf(m, "timeout", d(t.timeout()), !t.timeout().isZero());
        return m;
    }

    private Map<String, Object> otlp(OtlpConfig o) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "promote_all_resource_attributes", true, o.promoteAllResourceAttributes());
        putIf(m, "promote_resource_attributes", o.promoteResourceAttributes(),
                !o.promoteResourceAttributes().isEmpty());
        putIf(m, "ignore_resource_attributes", o.ignoreResourceAttributes(), !o.ignoreResourceAttributes().isEmpty());
        m.put("translation_strategy", o.translationStrategy());
        putIf(m, "keep_identifying_resource_attributes", true, o.keepIdentifyingResourceAttributes());
        putIf(m, "convert_histograms_to_nhcb", true, o.convertHistogramsToNhcb());
        putIf(m, "promote_scope_metadata", true, o.promoteScopeMetadata());
        m.put("label_name_underscore_sanitization", o.labelNameUnderscoreSanitization());
        m.put("label_name_preserve_multiple_underscores", o.labelNamePreserveMultipleUnderscores());
        return m;
    }

    /** A URL with any password in its user info replaced, as Go's {@code url.Redacted} does. */
    private String url(String url) {
        if (!redact) {
            return url;
        }
        int scheme = url.indexOf("://");
        int at = url.indexOf('@');
        int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        if (scheme < 0 || at < 0 || (slash >= 0 && at > slash)) {
            return url;
        }
        int colon = url.indexOf(':', scheme + 3);
        if (colon < 0 || colon > at) {
            return url;
        }
        return url.substring(0, colon + 1) + "xxxxx" + url.substring(at);
    }

    private String secret(Secret s) {
        return redact ? Secret.REDACTED : s.value();
    }

    private void putSecret(Map<String, Object> m, String key, Secret s) {
        putIf(m, key, secret(s), !s.isEmpty());
    }

    private static String d(Duration d) {
        return Durations.format(d);
    }

    private static <T> List<Object> list(List<T> items, java.util.function.Function<T, Object> f) {
        List<Object> out = new ArrayList<>(items.size());
        for (T item : items) {
            out.add(f.apply(item));
        }
        return out;
    }

    private static void putIf(Map<String, Object> m, String key, Object value, boolean condition) {
        if (condition) {
            m.put(key, value);
        }
    }

    private static void putString(Map<String, Object> m, String key, String value) {
        putIf(m, key, value, !value.isEmpty());
    }

    private static void putLimit(Map<String, Object> m, String key, long value) {
        putIf(m, key, value, value != 0);
    }
}
