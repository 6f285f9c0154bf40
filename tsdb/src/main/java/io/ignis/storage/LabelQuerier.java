package io.ignis.storage;

import io.ignis.labels.Matcher;
import java.util.List;

/**
 * What {@link Querier} and {@link ChunkQuerier} share, as Prometheus's {@code storage.LabelQuerier}: label
 * names and values over the querier's range, and releasing what it holds.
 */
public interface LabelQuerier extends AutoCloseable {
    /** Sorted, distinct values of {@code name} among series matching {@code matchers} (all series if none). */
    List<String> labelValues(String name, Matcher... matchers);

    /** Sorted, distinct label names among series matching {@code matchers} (all series if none). */
    List<String> labelNames(Matcher... matchers);

    /** Releases what the querier holds; what it returned is invalid afterwards. */
    @Override
    void close();
}
