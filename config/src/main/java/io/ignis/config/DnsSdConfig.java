package io.ignis.config;

import java.time.Duration;
import java.util.List;

/** {@code dns_sd_configs}: names queried by record type (SRV, A, AAAA, MX or NS); port is ignored for SRV. */
public record DnsSdConfig(List<String> names, Duration refreshInterval, String type, int port) {
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(30);
    public static final String DEFAULT_TYPE = "SRV";

    public DnsSdConfig {
        names = List.copyOf(names);
    }
}
