package io.ignis.storage;

import io.ignis.labels.Matcher;
import java.util.List;

/**
 * A read view over a fixed time range. Used by one query at a time; what it returns stays valid until
 * {@link #close()}.
 */
public interface Querier extends AutoCloseable {
    /**
     * The series matching all {@code matchers}; sorted by labels when {@code sorted}.
     *
     * @param hints may be null; a hint, never a contract: implementations may return more samples
     */
    SeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers);

    /** Sorted, distinct values of {@code name} among series matching {@code matchers} (all series if none). */
    List<String> labelValues(String name, Matcher... matchers);

    /** Sorted, distinct label names among series matching {@code matchers} (all series if none). */
    List<String> labelNames(Matcher... matchers);

    @Override
    void close();
}
