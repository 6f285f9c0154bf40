package io.ignis.server;

import io.ignis.config.PrometheusConfig;
import io.ignis.promql.engine.Engine;
import io.ignis.promql.engine.FileQueryLogger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code global.query_log_file}: on reload the engine's query log is opened, switched or turned off, as
 * Prometheus's query engine reloader does; an unchanged path keeps the open file.
 */
final class QueryLogComponent implements Reloadable {
    private final Engine engine;
    private String current = "";

    QueryLogComponent(Engine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "query_engine";
    }

    @Override
    public void apply(PrometheusConfig config) {
        String path = Objects.requireNonNullElse(config.global().queryLogFile(), "");
        if (path.equals(current)) {
            return;
        }
        try {
            engine.setQueryLogger(path.isEmpty() ? null : FileQueryLogger.open(Path.of(path)));
        } catch (IOException e) {
            throw new UncheckedIOException("open query log " + path + ": " + e.getMessage(), e);
        }
        current = path;
    }
}
