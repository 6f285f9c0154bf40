package io.ignis.scrape.textparse;

import io.ignis.labels.Labels;
import io.ignis.model.Exemplar;

/**
 * A caller-owned, reusable exemplar that {@link Parser#exemplar} fills in. Not thread-safe; copy it with
 * {@link #toExemplar()} to keep it.
 */
public final class ParsedExemplar {
    Labels labels = Labels.EMPTY;
    double value;
    long timestamp;
    boolean hasTimestamp;

    public Labels labels() {
        return labels;
    }

    public double value() {
        return value;
    }

    /** Milliseconds since the epoch; meaningful only when {@link #hasTimestamp()}. */
    public long timestamp() {
        return timestamp;
    }

    public boolean hasTimestamp() {
        return hasTimestamp;
    }

    void reset() {
        labels = Labels.EMPTY;
        value = 0;
        timestamp = 0;
        hasTimestamp = false;
    }

    public Exemplar toExemplar() {
        return new Exemplar(labels, value, timestamp, hasTimestamp);
    }

    @Override
    public String toString() {
        return labels + " " + value + (hasTimestamp ? " @" + timestamp : "");
    }
}
