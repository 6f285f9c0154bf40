package io.ignis.storage;

/**
 * A cursor over chunk series: {@link #next()} then {@link #at()}. The series returned stays usable after the
 * next call to {@link #next()}, until the querier is closed.
 */
public interface ChunkSeriesSet {
    boolean next();

    ChunkSeries at();

    /** Non-fatal problems met while reading; never null. */
    Annotations warnings();
}
