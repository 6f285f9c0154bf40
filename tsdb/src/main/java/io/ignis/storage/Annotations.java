package io.ignis.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Warnings and infos that travel with a result rather than failing it (PromQL annotations, remote read
 * failures). Deduplicated by message, in insertion order. {@link #EMPTY} is immutable; other instances
 * are not thread-safe.
 */
public final class Annotations {
    public static final Annotations EMPTY = new Annotations(Collections.emptySet(), Collections.emptySet());

    private final Set<String> warnings;
    private final Set<String> infos;

    private Annotations(Set<String> warnings, Set<String> infos) {
        this.warnings = warnings;
        this.infos = infos;
    }

    public static Annotations create() {
        return new Annotations(new LinkedHashSet<>(), new LinkedHashSet<>());
    }

    public Annotations addWarning(String message) {
        warnings.add(message);
        return this;
    }

    public Annotations addInfo(String message) {
        infos.add(message);
        return this;
    }

    /** Adds everything from {@code other}. */
    public Annotations merge(Annotations other) {
        warnings.addAll(other.warnings);
        infos.addAll(other.infos);
        return this;
    }

    public List<String> warnings() {
        return new ArrayList<>(warnings);
    }

    public List<String> infos() {
        return new ArrayList<>(infos);
    }

    public boolean isEmpty() {
        return warnings.isEmpty() && infos.isEmpty();
    }
}
