package io.ignis.config;

import java.time.Duration;
import java.util.List;

/** {@code file_sd_configs}: file globs (resolved against the config's directory), re-read every refresh interval. */
public record FileSdConfig(List<String> files, Duration refreshInterval) {
    /** Prometheus's default refresh interval. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(5);

    public FileSdConfig {
        files = List.copyOf(files);
    }
}
