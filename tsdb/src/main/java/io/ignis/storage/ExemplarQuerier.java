package io.ignis.storage;

import io.ignis.labels.Matcher;
import java.util.List;

/**
 * Reads exemplars, as Prometheus's {@code storage.ExemplarQuerier}. Thread-safe; holds no resources, so there is
 * nothing to close.
 */
public interface ExemplarQuerier {
    /**
     * The exemplars with timestamps in {@code [start, end]} (ms, both inclusive) of every series matching at least
     * one of {@code matcherSets} (the matchers of one set all match). One result per series, sorted by series
     * labels, each with its exemplars in timestamp order; series without exemplars in the range are left out. An
     * empty list of sets matches nothing. The returned values are the caller's.
     */
    List<ExemplarQueryResult> select(long start, long end, List<Matcher[]> matcherSets);
}
