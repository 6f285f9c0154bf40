package io.ignis.server.rules.template;

import java.util.ArrayList;
import java.util.Collection;

/** Prometheus's template {@code queryResult}: the samples a {@code query} call returned, in order. */
final class QueryResult extends ArrayList<Object> {
    QueryResult(Collection<Sample> samples) {
        super(samples);
    }
}
