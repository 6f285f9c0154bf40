package io.ignis.config;

import java.time.Duration;
import java.util.Map;

/** The {@code tracing} block; an empty endpoint means tracing is off. Parsed and validated, not acted on yet. */
public record TracingConfig(String clientType, String endpoint, double samplingFraction, boolean insecure,
        TlsConfig tlsConfig, Map<String, String> headers, String compression, Duration timeout) {
    public static final TracingConfig DISABLED = new TracingConfig("grpc", "", 0, false, TlsConfig.EMPTY, Map.of(),
            "", Duration.ZERO);

    public TracingConfig {
        headers = Copies.map(headers);
    }

    public boolean isEnabled() {
        return !endpoint.isEmpty();
    }
}
