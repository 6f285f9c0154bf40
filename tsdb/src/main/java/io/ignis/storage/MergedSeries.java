package io.ignis.storage;

import io.ignis.labels.Labels;

/** One series held by several queriers: its samples merged by timestamp. */
final class MergedSeries implements Series {
    private final Labels labels;
    private final Series[] parts;

    MergedSeries(Labels labels, Series[] parts) {
        this.labels = labels;
        this.parts = parts;
    }

    @Override
    public Labels labels() {
        return labels;
    }

    @Override
    public SampleIterator iterator(SampleIterator reuse) {
        MergeSampleIterator old = reuse instanceof MergeSampleIterator m && m.arity() == parts.length ? m : null;
        SampleIterator[] its = new SampleIterator[parts.length];
        for (int i = 0; i < parts.length; i++) {
            its[i] = parts[i].iterator(old == null ? null : old.child(i));
        }
        return old == null ? new MergeSampleIterator(its) : old.reset(its);
    }
}
