package io.ignis.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Binds {@code remote_write} and {@code remote_read} entries as Prometheus's config package does. */
final class RemoteBinder {
    /** Headers Prometheus sets itself; {@code authorization} is checked separately. */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-encoding", "content-length",
            "content-type", "user-agent", "connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "www-authenticate", "accept-encoding", "x-prometheus-remote-write-version",
            "x-prometheus-remote-read-version", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256");
    private static final HttpClientConfig WRITE_HTTP_DEFAULT = HttpClientConfig.DEFAULT.withEnableHttp2(false);

    private RemoteBinder() {
    }

    static RemoteWriteConfig write(FieldReader r, String scheme) {
        for (String key : List.of("sigv4", "azuread", "google_iam")) {
            r.reject(key, key + " is not supported by Ignis");
        }
        String url = r.string("url", "");
        if (url.isEmpty()) {
            throw r.error("url", "url for remote_write is empty");
        }
        HttpConfigBinder.parseUrl(r, "url", url);
        List<RelabelConfig> relabel = RelabelBinder.list(r, "write_relabel_configs",
                "empty or null relabeling rule in remote write config", scheme);
        Map<String, String> headers = headers(r);
        String message = r.string("protobuf_message", RemoteWriteConfig.MESSAGE_V1);
        if (!message.equals(RemoteWriteConfig.MESSAGE_V1) && !message.equals(RemoteWriteConfig.MESSAGE_V2)) {
            throw r.error("protobuf_message", "invalid protobuf_message value: unknown type for remote write protobuf"
                    + " message " + message + ", supported: " + RemoteWriteConfig.MESSAGE_V1 + ", "
                    + RemoteWriteConfig.MESSAGE_V2);
        }
        HttpClientConfig http = HttpConfigBinder.bind(r, WRITE_HTTP_DEFAULT);
        QueueConfig queue = r.object("queue_config", "queue_config", RemoteBinder::queue);
        MetadataConfig metadata = r.object("metadata_config", "metadata_config",
                m -> new MetadataConfig(m.bool("send", true), m.duration("send_interval",
                        MetadataConfig.DEFAULT.sendInterval()), (int) m.integer("max_samples_per_send", 2000)));
        return new RemoteWriteConfig(url, r.duration("remote_timeout", RemoteWriteConfig.DEFAULT_REMOTE_TIMEOUT),
                headers, relabel, r.string("name", ""), r.bool("send_exemplars", false),
                r.bool("send_native_histograms", false), r.bool("round_robin_dns", false), message,
                r.bool("failed_request_logging", false), http, queue, metadata);
    }

    private static QueueConfig queue(FieldReader r) {
        QueueConfig d = QueueConfig.DEFAULT;
        QueueConfig q = new QueueConfig(intField(r, "capacity", d.capacity()), intField(r, "max_shards", d.maxShards()),
                intField(r, "min_shards", d.minShards()), intField(r, "max_samples_per_send", d.maxSamplesPerSend()),
                r.duration("batch_send_deadline", d.batchSendDeadline()), r.duration("min_backoff", d.minBackoff()),
                r.duration("max_backoff", d.maxBackoff()), r.bool("retry_on_http_429", false),
                r.duration("sample_age_limit", d.sampleAgeLimit()));
        if (q.maxShards() <= 0) {
            throw r.error("max_shards", "remote write queue max_shards must be positive");
        }
        if (q.minShards() <= 0) {
            throw r.error("min_shards", "remote write queue min_shards must be positive");
        }
        if (q.minShards() > q.maxShards()) {
            throw r.error("min_shards", "remote write queue min_shards must not be greater than max_shards");
        }
        if (q.maxSamplesPerSend() <= 0) {
            throw r.error("max_samples_per_send", "remote write queue max_samples_per_send must be positive");
        }
        if (q.capacity() <= 0) {
            throw r.error("capacity", "remote write queue capacity must be positive");
        }
        if (q.maxBackoff().compareTo(q.minBackoff()) < 0) {
            throw r.error("max_backoff", "remote write queue max_backoff must not be less than min_backoff");
        }
        return q;
    }

    private static int intField(FieldReader r, String key, int dflt) {
        return (int) r.integer(key, dflt);
    }

    static RemoteReadConfig read(FieldReader r) {
        String url = r.string("url", "");
        if (url.isEmpty()) {
            throw r.error("url", "url for remote_read is empty");
        }
        HttpConfigBinder.parseUrl(r, "url", url);
        Map<String, String> headers = headers(r);
        HttpClientConfig http = HttpConfigBinder.bind(r, HttpClientConfig.DEFAULT);
        Map<String, String> required = r.stringMap("required_matchers");
        for (String name : required.keySet()) {
            if (!LabelNames.isValidLabelName(name, LabelNames.UTF8)) {
                throw r.error("required_matchers", "\"" + name + "\" is not a valid label name");
            }
        }
        return new RemoteReadConfig(url, r.duration("remote_timeout", RemoteReadConfig.DEFAULT_REMOTE_TIMEOUT),
                r.unsigned("chunked_read_limit", RemoteReadConfig.DEFAULT_CHUNKED_READ_LIMIT), headers,
                r.bool("read_recent", false), r.string("name", ""), http, required,
                r.bool("filter_external_labels", true));
    }

    /** Whether Prometheus sets header {@code lowerCaseName} itself, so that a config must not. */
    static boolean isReservedHeader(String lowerCaseName) {
        return RESERVED_HEADERS.contains(lowerCaseName);
    }

    private static Map<String, String> headers(FieldReader r) {
        Map<String, String> headers = r.stringMap("headers");
        for (String h : headers.keySet()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.equals("authorization")) {
                throw r.error("headers", "authorization header must be changed via the basic_auth, authorization,"
                        + " oauth2, sigv4, azuread or google_iam parameter");
            }
            if (RESERVED_HEADERS.contains(lower)) {
                throw r.error("headers", h + " is a reserved header. It must not be changed");
            }
        }
        return headers;
    }
}
