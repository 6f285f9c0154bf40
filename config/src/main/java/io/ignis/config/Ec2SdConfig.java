package io.ignis.config;

import java.time.Duration;
import java.util.List;

/** {@code ec2_sd_configs}. An empty region means "ask the instance metadata service", as in Prometheus. */
public record Ec2SdConfig(String endpoint, String region, String accessKey, Secret secretKey, String profile,
        String roleArn, String externalId, Duration refreshInterval, int port, List<Ec2Filter> filters,
        HttpClientConfig httpClientConfig) {
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(60);
    public static final int DEFAULT_PORT = 80;

    public Ec2SdConfig {
        filters = List.copyOf(filters);
    }
}
