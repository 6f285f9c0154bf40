package io.ignis.storage;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A chunk querier over several others: series with identical labels become one, made by the
 * {@link ChunkSeriesMerger} given, by default one whose chunks are those of each querier in the order given.
 * The caller passes them in time order (blocks by start time, then the head), so concatenated chunks come in
 * time order when the sources do not overlap; overlapping chunks are passed through as they are unless the
 * merger re-encodes them. Closing it closes every querier it was given.
 */
public final class MergeChunkQuerier implements ChunkQuerier {
    private static final ChunkSeriesMerger CONCATENATE = Concatenated::new;

    private final List<ChunkQuerier> queriers;
    private final ChunkSeriesMerger merger;

    public MergeChunkQuerier(List<? extends ChunkQuerier> queriers) {
        this(queriers, CONCATENATE);
    }

    /** Merges series held by several queriers with {@code merger}. */
    public MergeChunkQuerier(List<? extends ChunkQuerier> queriers, ChunkSeriesMerger merger) {
        this.queriers = List.copyOf(queriers);
        this.merger = Objects.requireNonNull(merger, "merger");
    }

    @Override
    public ChunkSeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
        List<ChunkSeriesSet> sets = new ArrayList<>(queriers.size());
        for (ChunkQuerier q : queriers) {
            sets.add(q.select(true, hints, matchers));
        }
        return new MergedSet(sets.toArray(new ChunkSeriesSet[0]), merger);
    }

    @Override
    public List<String> labelValues(String name, Matcher... matchers) {
        return MergeLabelQueries.labelValues(queriers, name, matchers);
    }

    @Override
    public List<String> labelNames(Matcher... matchers) {
        return MergeLabelQueries.labelNames(queriers, matchers);
    }

    @Override
    public void close() {
        MergeLabelQueries.closeAll(queriers);
    }

    private static final class MergedSet extends SortedMerge<ChunkSeries> implements ChunkSeriesSet {
        private final ChunkSeriesSet[] sets;
        private final ChunkSeriesMerger merger;

        MergedSet(ChunkSeriesSet[] sets, ChunkSeriesMerger merger) {
            super(sets.length);
            this.sets = sets;
            this.merger = merger;
        }

        @Override
        ChunkSeries advance(int i) {
            return sets[i].next() ? sets[i].at() : null;
        }

        @Override
        Labels labelsOf(ChunkSeries series) {
            return series.labels();
        }

        @Override
        ChunkSeries merge(Labels labels, List<ChunkSeries> parts) {
            return merger.merge(labels, parts);
        }

        @Override
        public Annotations warnings() {
            Annotations out = Annotations.create();
            for (ChunkSeriesSet s : sets) {
                out.merge(s.warnings());
            }
            return out;
        }
    }

    private record Concatenated(Labels labels, List<ChunkSeries> parts) implements ChunkSeries {
        @Override
        public ChunkIterator iterator(ChunkIterator reuse) {
            return new ChunkIterator() {
                private int part = -1;
                private ChunkIterator it;

                @Override
                public boolean next() {
                    while (true) {
                        if (it != null && it.next()) {
                            return true;
                        }
                        if (++part >= parts.size()) {
                            return false;
                        }
                        it = parts.get(part).iterator(null);
                    }
                }

                @Override
                public long minTime() {
                    return it.minTime();
                }

                @Override
                public long maxTime() {
                    return it.maxTime();
                }

                @Override
                public EncodedChunk chunk() {
                    return it.chunk();
                }
            };
        }
    }
}
