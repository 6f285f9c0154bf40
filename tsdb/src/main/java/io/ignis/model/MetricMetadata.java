package io.ignis.model;

import java.util.Objects;

/** Type, unit and help text of a metric family, as scraped and as the metadata API reports it. */
public record MetricMetadata(MetricType type, String unit, String help) {
    public MetricMetadata {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(help, "help");
    }
}
