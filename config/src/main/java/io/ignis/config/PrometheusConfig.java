package io.ignis.config;

import java.util.Map;

/** The whole {@code prometheus.yml}, defaults filled. Placeholder until the config model lands (#2). */
public record PrometheusConfig(String sourceYaml, Map<String, String> externalLabels) {
    /** The configuration as YAML with secrets shown as {@code <secret>}. */
    public String toYaml() {
        return sourceYaml;
    }
}
