package io.ignis.storage;

import io.ignis.labels.Labels;
import java.util.ArrayList;
import java.util.List;

/** Merges series sets sorted by labels into one sorted set, merging series with equal labels. */
final class MergeSeriesSet implements SeriesSet {
    private final SeriesSet[] sets;
    private final Series[] heads;
    private Series current;
    private boolean started;

    MergeSeriesSet(List<SeriesSet> sets) {
        this.sets = sets.toArray(new SeriesSet[0]);
        this.heads = new Series[this.sets.length];
    }

    @Override
    public boolean next() {
        if (!started) {
            started = true;
            for (int i = 0; i < sets.length; i++) {
                heads[i] = sets[i].next() ? sets[i].at() : null;
            }
        }
        Labels min = null;
        for (Series s : heads) {
            if (s != null && (min == null || s.labels().compareTo(min) < 0)) {
                min = s.labels();
            }
        }
        if (min == null) {
            current = null;
            return false;
        }
        List<Series> same = new ArrayList<>(2);
        for (int i = 0; i < sets.length; i++) {
            if (heads[i] != null && heads[i].labels().equals(min)) {
                same.add(heads[i]);
                heads[i] = sets[i].next() ? sets[i].at() : null;
            }
        }
        current = same.size() == 1 ? same.get(0) : new MergedSeries(min, same.toArray(new Series[0]));
        return true;
    }

    @Override
    public Series at() {
        if (current == null) {
            throw new IllegalStateException("bug: at() without a successful next()");
        }
        return current;
    }

    @Override
    public Annotations warnings() {
        Annotations out = Annotations.create();
        for (SeriesSet s : sets) {
            out.merge(s.warnings());
        }
        return out;
    }
}
