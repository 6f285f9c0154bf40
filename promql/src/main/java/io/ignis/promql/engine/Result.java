package io.ignis.promql.engine;

import io.ignis.promql.value.Value;
import io.ignis.storage.Annotations;
import java.util.Objects;

/**
 * The outcome of a successful query: its value (vector, matrix, scalar or string), the warnings and infos
 * met on the way, and sample statistics.
 */
public record Result(Value value, Annotations annotations, QueryStats stats) {
    public Result {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(annotations, "annotations");
        Objects.requireNonNull(stats, "stats");
    }
}
