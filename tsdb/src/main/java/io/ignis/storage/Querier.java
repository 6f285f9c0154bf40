package io.ignis.storage;

import io.ignis.labels.Matcher;

/**
 * A read view over a fixed time range. Used by one query at a time; what it returns stays valid until
 * {@link #close()}.
 */
public interface Querier extends LabelQuerier {
    /**
     * The series matching all {@code matchers}; sorted by labels when {@code sorted}.
     *
     * @param hints may be null; a hint, never a contract: implementations may return more samples
     */
    SeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers);
}
