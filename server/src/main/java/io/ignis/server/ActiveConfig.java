package io.ignis.server;

import io.ignis.config.PrometheusConfig;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The configuration in force, as {@code /api/v1/status/config} shows it. The {@link Reloader} sets it only after
 * every other component took the new configuration, so it never shows one that was rolled back.
 */
final class ActiveConfig implements Reloadable {
    private final AtomicReference<PrometheusConfig> current = new AtomicReference<>();

    @Override
    public String name() {
        return "config";
    }

    @Override
    public void apply(PrometheusConfig config) {
        current.set(config);
    }

    /** The configuration in force, or {@code null} before the first successful load. */
    PrometheusConfig current() {
        return current.get();
    }

    /** YAML of the configuration in force, secrets hidden; empty before the first load. */
    String yaml() {
        PrometheusConfig config = current.get();
        return config == null ? "" : config.toYaml();
    }
}
