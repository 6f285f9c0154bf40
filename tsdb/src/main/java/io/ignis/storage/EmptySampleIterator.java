package io.ignis.storage;

/** The iterator over no samples. */
final class EmptySampleIterator implements SampleIterator {
    static final EmptySampleIterator INSTANCE = new EmptySampleIterator();

    @Override
    public SampleType next() {
        return SampleType.NONE;
    }

    @Override
    public SampleType seek(long t) {
        return SampleType.NONE;
    }

    @Override
    public long atT() {
        throw new IllegalStateException("bug: atT() on an empty iterator");
    }

    @Override
    public double atV() {
        throw new IllegalStateException("bug: atV() on an empty iterator");
    }
}
