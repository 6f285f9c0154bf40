package io.ignis.storage;

/** The series set with no series. */
final class EmptySeriesSet implements SeriesSet {
    static final EmptySeriesSet INSTANCE = new EmptySeriesSet();

    @Override
    public boolean next() {
        return false;
    }

    @Override
    public Series at() {
        throw new IllegalStateException("bug: at() on an empty series set");
    }

    @Override
    public Annotations warnings() {
        return Annotations.EMPTY;
    }
}
