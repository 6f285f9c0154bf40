package io.ignis.model;

import io.ignis.labels.Labels;
import java.util.Objects;

/**
 * An exemplar: a sample of a trace attached to a series sample. {@code hasTimestamp} is false when the
 * exposition gave none (the scrape time is then used by the caller).
 */
public record Exemplar(Labels labels, double value, long timestamp, boolean hasTimestamp) {
    public Exemplar {
        Objects.requireNonNull(labels, "labels");
    }
}
