package io.ignis.discovery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A set of targets sharing labels, as Prometheus's {@code targetgroup.Group}. Each target is a label map holding at
 * least {@code __address__}; {@link #labels()} apply to every target. {@code source} identifies the group within
 * its provider: a later group with the same source replaces it, and one without targets removes it. Label values
 * may be empty, as Prometheus's discoverers set them; empty labels are dropped later, when targets are built.
 * All maps are immutable and sorted by name.
 */
public record TargetGroup(String source, List<Map<String, String>> targets, Map<String, String> labels) {
    /** The label holding a target's {@code host:port}. */
    public static final String ADDRESS_LABEL = "__address__";

    public TargetGroup {
        Objects.requireNonNull(source, "source");
        List<Map<String, String>> copied = new ArrayList<>(targets.size());
        for (Map<String, String> t : targets) {
            copied.add(sorted(t));
        }
        targets = Collections.unmodifiableList(copied);
        labels = sorted(labels);
    }

    /** A group that removes whatever the provider sent earlier under {@code source}. */
    public static TargetGroup empty(String source) {
        return new TargetGroup(source, List.of(), Map.of());
    }

    private static Map<String, String> sorted(Map<String, String> m) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }
}
