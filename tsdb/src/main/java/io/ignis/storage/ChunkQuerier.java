package io.ignis.storage;

import io.ignis.labels.Matcher;
import java.util.List;

/**
 * Like {@link Querier}, over encoded chunks instead of samples: for compaction, remote read and raw
 * federation. Chunks are trimmed to the querier's range only where deletions or the range cut them;
 * otherwise they are handed out unchanged and may hold samples outside the range.
 */
public interface ChunkQuerier extends AutoCloseable {
    /** The series matching all {@code matchers}; sorted by labels when {@code sorted}. */
    ChunkSeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers);

    /** Sorted, distinct values of {@code name} among series matching {@code matchers} (all series if none). */
    List<String> labelValues(String name, Matcher... matchers);

    /** Sorted, distinct label names among series matching {@code matchers} (all series if none). */
    List<String> labelNames(Matcher... matchers);

    @Override
    void close();
}
