package io.ignis.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One {@code remote_write} entry. {@code protobufMessage} is {@code prometheus.WriteRequest} (v1, the default) or
 * {@code io.prometheus.write.v2.Request}; HTTP/2 is off by default here, unlike scrapes.
 */
public record RemoteWriteConfig(String url, Duration remoteTimeout, Map<String, String> headers,
        List<RelabelConfig> writeRelabelConfigs, String name, boolean sendExemplars, boolean sendNativeHistograms,
        boolean roundRobinDns, String protobufMessage, boolean failedRequestLogging, HttpClientConfig httpClientConfig,
        QueueConfig queueConfig, MetadataConfig metadataConfig) {
    public static final Duration DEFAULT_REMOTE_TIMEOUT = Duration.ofSeconds(30);
    public static final String MESSAGE_V1 = "prometheus.WriteRequest";
    public static final String MESSAGE_V2 = "io.prometheus.write.v2.Request";

    public RemoteWriteConfig {
        headers = Copies.map(headers);
        writeRelabelConfigs = List.copyOf(writeRelabelConfigs);
    }
}
