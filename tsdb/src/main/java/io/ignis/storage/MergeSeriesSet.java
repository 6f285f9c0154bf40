package io.ignis.storage;

import io.ignis.labels.Labels;
import java.util.List;

/** Merges series sets sorted by labels into one sorted set, merging series with equal labels. */
final class MergeSeriesSet extends SortedMerge<Series> implements SeriesSet {
    private final SeriesSet[] sets;

    MergeSeriesSet(List<SeriesSet> sets) {
        super(sets.size());
        this.sets = sets.toArray(new SeriesSet[0]);
    }

    @Override
    Series advance(int i) {
        return sets[i].next() ? sets[i].at() : null;
    }

    @Override
    Labels labelsOf(Series series) {
        return series.labels();
    }

    @Override
    Series merge(Labels labels, List<Series> parts) {
        return new MergedSeries(labels, parts.toArray(new Series[0]));
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
