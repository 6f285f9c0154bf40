package io.ignis.server;

import io.ignis.config.PrometheusConfig;

/**
 * A component that takes a new configuration on reload, like the reloaders in Prometheus's main. {@code apply}
 * either takes the whole configuration or throws and keeps its previous one; it may be called again with the
 * previous configuration to roll back when a later component refused the new one.
 */
public interface Reloadable {
    /** A short name for logs, e.g. {@code scrape}. */
    String name();

    void apply(PrometheusConfig config);
}
