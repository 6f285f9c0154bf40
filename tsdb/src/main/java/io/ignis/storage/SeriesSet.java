package io.ignis.storage;

/**
 * A cursor over series: {@link #next()} then {@link #at()}. The series returned stays usable after the
 * next call to {@link #next()}. Warnings found while reading (for example a failing remote) are collected
 * in {@link #warnings()}.
 */
public interface SeriesSet {
    boolean next();

    Series at();

    /** Non-fatal problems met while reading; never null. */
    Annotations warnings();

    /** A set with no series. */
    static SeriesSet empty() {
        return EmptySeriesSet.INSTANCE;
    }
}
