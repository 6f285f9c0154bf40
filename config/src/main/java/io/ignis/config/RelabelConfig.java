package io.ignis.config;

import java.util.List;

/**
 * One {@code relabel_config}, validated per action as Prometheus's {@code relabel.Config.Validate} does. Defaults:
 * separator {@code ;}, regex {@code (.*)}, replacement {@code $1}, action replace.
 */
public record RelabelConfig(List<String> sourceLabels, String separator, RelabelRegex regex, long modulus,
        String targetLabel, String replacement, RelabelAction action) {
    public static final String DEFAULT_SEPARATOR = ";";
    public static final String DEFAULT_REPLACEMENT = "$1";

    public RelabelConfig {
        sourceLabels = List.copyOf(sourceLabels);
    }
}
