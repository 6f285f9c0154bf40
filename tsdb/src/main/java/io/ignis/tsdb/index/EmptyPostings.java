package io.ignis.tsdb.index;

/** The postings with no references. */
final class EmptyPostings implements Postings {
    static final EmptyPostings INSTANCE = new EmptyPostings();

    @Override
    public boolean next() {
        return false;
    }

    @Override
    public boolean seek(long v) {
        return false;
    }

    @Override
    public long at() {
        throw new IllegalStateException("bug: at() on empty postings");
    }
}
