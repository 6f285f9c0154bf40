package io.ignis.server.rules.template;

import io.ignis.labels.Labels;
import java.util.List;

/** Runs the {@code query} template function: an instant PromQL query at {@code t} (ms). */
@FunctionalInterface
public interface QueryFunc {
    /** One element of an instant vector; {@code value} is a Double or a FloatHistogram. */
    record Element(Labels labels, Object value) {
    }

    /** Returns the instant vector; throws any runtime exception, whose message becomes the template error. */
    List<Element> query(String query, long t);
}
