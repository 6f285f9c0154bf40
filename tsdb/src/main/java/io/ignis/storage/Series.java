package io.ignis.storage;

import io.ignis.labels.Labels;

/** One series of a {@link SeriesSet}: its labels and a way to iterate its samples in time order. */
public interface Series {
    Labels labels();

    /** Pass the previous iterator to recycle its buffers; may return it or a new one. */
    SampleIterator iterator(SampleIterator reuse);
}
