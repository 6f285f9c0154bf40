package io.ignis.server;

import io.ignis.config.PrometheusConfig;
import io.ignis.server.metrics.ServerMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the configuration file and hands it to each {@link Reloadable} in order, then to the {@link ActiveConfig}.
 * All or nothing from the user's view: when loading fails nothing changes; when a component refuses, those that
 * already took the new configuration get the previous one back. Reloads are serialised; the outcome sets
 * {@code prometheus_config_last_reload_successful} and, on success, its timestamp.
 */
final class Reloader {
    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

    private final Path configFile;
    private final Function<Path, PrometheusConfig> loader;
    private final List<Reloadable> components;
    private final ActiveConfig active;
    private final ServerMetrics metrics;
    private final LongSupplier clock;

    Reloader(Path configFile, Function<Path, PrometheusConfig> loader, List<Reloadable> components,
             ActiveConfig active, ServerMetrics metrics, LongSupplier clock) {
        this.configFile = Objects.requireNonNull(configFile, "configFile");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.components = List.copyOf(components);
        this.active = Objects.requireNonNull(active, "active");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reloads; throws {@link ReloadException} with Prometheus's wording when the old configuration stays. */
    synchronized void reload() {
        long start = System.nanoTime();
        LOG.atInfo().setMessage("Loading configuration file").addKeyValue("filename", configFile).log();
        try {
            apply(load());
        } catch (ReloadException e) {
            metrics.configReloaded(false, clock.getAsLong());
            throw e;
        }
        metrics.configReloaded(true, clock.getAsLong());
        LOG.atInfo().setMessage("Completed loading of configuration file").addKeyValue("filename", configFile)
                .addKeyValue("totalDuration", (System.nanoTime() - start) / 1000 / 1000.0 + "ms").log();
    }

    private PrometheusConfig load() {
        try {
            return loader.apply(configFile);
        } catch (RuntimeException e) {
            // ConfigException carries file:line:col; anything else from the loader is reported the same way.
            throw new ReloadException("couldn't load configuration (--config.file=\"" + configFile + "\"): "
                    + e.getMessage(), e);
        }
    }

    private void apply(PrometheusConfig next) {
        PrometheusConfig previous = active.current();
        List<Reloadable> applied = new ArrayList<>();
        for (Reloadable component : components) {
            try {
                component.apply(next);
                applied.add(component);
            } catch (RuntimeException e) {
                LOG.atError().setMessage("Failed to apply configuration").addKeyValue("component", component.name())
                        .addKeyValue("err", e.getMessage()).log();
                rollBack(applied, previous);
                throw new ReloadException("one or more errors occurred while applying the new configuration "
                        + "(--config.file=\"" + configFile + "\")", e);
            }
        }
        active.apply(next);
    }

    private static void rollBack(List<Reloadable> applied, PrometheusConfig previous) {
        if (previous == null) {
            return;
        }
        for (Reloadable component : applied) {
            try {
                component.apply(previous);
            } catch (RuntimeException e) {
                LOG.atError().setMessage("Failed to restore the previous configuration")
                        .addKeyValue("component", component.name()).addKeyValue("err", e.getMessage()).log();
            }
        }
    }
}
