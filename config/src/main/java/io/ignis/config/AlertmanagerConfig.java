package io.ignis.config;

import java.time.Duration;
import java.util.List;

/** One {@code alerting.alertmanagers} entry; only API version v2 exists. */
public record AlertmanagerConfig(ServiceDiscoveryConfigs serviceDiscoveryConfigs, HttpClientConfig httpClientConfig,
        String scheme, String pathPrefix, Duration timeout, String apiVersion, List<RelabelConfig> relabelConfigs,
        List<RelabelConfig> alertRelabelConfigs) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final String API_V2 = "v2";

    public AlertmanagerConfig {
        relabelConfigs = List.copyOf(relabelConfigs);
        alertRelabelConfigs = List.copyOf(alertRelabelConfigs);
    }
}
