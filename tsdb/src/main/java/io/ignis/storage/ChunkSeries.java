package io.ignis.storage;

import io.ignis.labels.Labels;

/** One series of a {@link ChunkSeriesSet}: its labels and its chunks in time order. */
public interface ChunkSeries {
    Labels labels();

    /** Pass the previous iterator to recycle it; may return it or a new one. */
    ChunkIterator iterator(ChunkIterator reuse);
}
