package io.ignis.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Loads and validates configuration files. Placeholder until the config model lands (#2). */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** Loads {@code file}, resolving relative paths inside it against its directory. */
    public static PrometheusConfig loadFile(Path file) {
        try {
            return new PrometheusConfig(Files.readString(file), Map.of());
        } catch (IOException e) {
            throw new ConfigException("read " + file + ": " + e.getMessage(), e);
        }
    }
}
