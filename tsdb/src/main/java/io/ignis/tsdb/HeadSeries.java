package io.ignis.tsdb;

import io.ignis.labels.Labels;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.Series;

/** A series as a {@link HeadQuerier} returns it: labels and a snapshot of its visible chunks. */
final class HeadSeries implements Series {
    private final Labels labels;
    private final ChunkSnapshot snap;
    private final long mint;
    private final long maxt;

    HeadSeries(Labels labels, ChunkSnapshot snap, long mint, long maxt) {
        this.labels = labels;
        this.snap = snap;
        this.mint = mint;
        this.maxt = maxt;
    }

    @Override
    public Labels labels() {
        return labels;
    }

    @Override
    public SampleIterator iterator(SampleIterator reuse) {
        HeadSeriesIterator it = reuse instanceof HeadSeriesIterator h ? h : new HeadSeriesIterator();
        return it.reset(snap, mint, maxt);
    }
}
