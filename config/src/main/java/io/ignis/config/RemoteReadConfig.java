package io.ignis.config;

import java.time.Duration;
import java.util.Map;

/** One {@code remote_read} entry. */
public record RemoteReadConfig(String url, Duration remoteTimeout, long chunkedReadLimit, Map<String, String> headers,
        boolean readRecent, String name, HttpClientConfig httpClientConfig, Map<String, String> requiredMatchers,
        boolean filterExternalLabels) {
    public static final Duration DEFAULT_REMOTE_TIMEOUT = Duration.ofMinutes(1);
    /** 50 MB, Prometheus's default frame limit. */
    public static final long DEFAULT_CHUNKED_READ_LIMIT = 50_000_000L;

    public RemoteReadConfig {
        headers = Copies.map(headers);
        requiredMatchers = Copies.map(requiredMatchers);
    }
}
