package io.ignis.storage;

import io.ignis.labels.Labels;
import io.ignis.model.Exemplar;
import java.util.List;
import java.util.Objects;

/**
 * The exemplars of one series, as Prometheus's {@code exemplar.QueryResult}.
 *
 * @param seriesLabels the labels of the series the exemplars were attached to
 * @param exemplars in timestamp order; never empty
 */
public record ExemplarQueryResult(Labels seriesLabels, List<Exemplar> exemplars) {
    public ExemplarQueryResult {
        Objects.requireNonNull(seriesLabels, "seriesLabels");
        exemplars = List.copyOf(exemplars);
    }
}
