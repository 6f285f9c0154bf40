package io.ignis.config;

import java.util.List;
import java.util.Map;

/** One entry of {@code static_configs}: a target group of {@code host:port} targets sharing labels. */
public record StaticConfig(List<String> targets, Map<String, String> labels) {
    public StaticConfig {
        targets = List.copyOf(targets);
        labels = Copies.map(labels);
    }
}
