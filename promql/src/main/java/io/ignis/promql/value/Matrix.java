package io.ignis.promql.value;

import io.ignis.labels.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * A range vector or the result of a range query: a list of {@link Series}. Mutable while the evaluator
 * builds it; not thread-safe.
 */
public final class Matrix implements Value {
    private final List<Series> series;

    public Matrix() {
        this.series = new ArrayList<>();
    }

    public Matrix(List<Series> series) {
        this.series = series;
    }

    public void add(Series s) {
        series.add(s);
    }

    public List<Series> series() {
        return series;
    }

    public int size() {
        return series.size();
    }

    public Series get(int i) {
        return series.get(i);
    }

    /** Sorts series by label set, as the range-query API returns them. */
    public void sortByLabels() {
        series.sort((a, b) -> LabelOrder.compare(a.labels(), b.labels()));
    }

    /** Whether two series have the same label set. */
    public boolean containsSameLabelset() {
        HashSet<Labels> seen = new HashSet<>(series.size() * 2);
        for (Series s : series) {
            if (!seen.add(s.labels())) {
                return true;
            }
        }
        return false;
    }

    /** Total number of points over all series. */
    public long totalPoints() {
        long n = 0;
        for (Series s : series) {
            n += s.size();
        }
        return n;
    }
}
