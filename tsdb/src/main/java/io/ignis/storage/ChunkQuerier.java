package io.ignis.storage;

import io.ignis.labels.Matcher;

/**
 * Like {@link Querier}, over encoded chunks instead of samples: for compaction, remote read and raw
 * federation. Chunks are trimmed to the querier's range only where deletions or the range cut them;
 * otherwise they are handed out unchanged and may hold samples outside the range.
 */
public interface ChunkQuerier extends LabelQuerier {
    /** The series matching all {@code matchers}; sorted by labels when {@code sorted}. */
    ChunkSeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers);
}
