package io.ignis.config;

import java.time.Duration;

/** {@code remote_write.metadata_config}. */
public record MetadataConfig(boolean send, Duration sendInterval, int maxSamplesPerSend) {
    public static final MetadataConfig DEFAULT = new MetadataConfig(true, Duration.ofMinutes(1), 2000);
}
