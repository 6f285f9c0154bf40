package io.ignis.promql.value;

import io.ignis.labels.Labels;
import java.util.Objects;

/**
 * One series of a {@link Matrix}: its labels and its float and histogram points, each in time order.
 * {@code dropName} marks a series whose {@code __name__} is removed at the end of evaluation.
 * The labels may be replaced while the evaluator works on the series.
 */
public final class Series {
    private Labels labels;
    private final FloatPoints floats;
    private final HistogramPoints histograms;
    private boolean dropName;

    public Series(Labels labels, FloatPoints floats, HistogramPoints histograms, boolean dropName) {
        this.labels = Objects.requireNonNull(labels, "labels");
        this.floats = Objects.requireNonNull(floats, "floats");
        this.histograms = Objects.requireNonNull(histograms, "histograms");
        this.dropName = dropName;
    }

    public Series(Labels labels) {
        this(labels, new FloatPoints(), new HistogramPoints(1), false);
    }

    public Labels labels() {
        return labels;
    }

    public void setLabels(Labels labels) {
        this.labels = labels;
    }

    public FloatPoints floats() {
        return floats;
    }

    public HistogramPoints histograms() {
        return histograms;
    }

    public boolean dropName() {
        return dropName;
    }

    public void setDropName(boolean dropName) {
        this.dropName = dropName;
    }

    public boolean isEmpty() {
        return floats.isEmpty() && histograms.isEmpty();
    }

    /** Total number of points. */
    public int size() {
        return floats.size() + histograms.size();
    }
}
