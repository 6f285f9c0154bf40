package io.ignis.storage;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

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
        TreeSet<String> out = new TreeSet<>();
        for (ChunkQuerier q : queriers) {
            out.addAll(q.labelValues(name, matchers));
        }
        return new ArrayList<>(out);
    }

    @Override
    public List<String> labelNames(Matcher... matchers) {
        TreeSet<String> out = new TreeSet<>();
        for (ChunkQuerier q : queriers) {
            out.addAll(q.labelNames(matchers));
        }
        return new ArrayList<>(out);
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (ChunkQuerier q : queriers) {
            try {
                q.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static final class MergedSet implements ChunkSeriesSet {
        private final ChunkSeriesSet[] sets;
        private final ChunkSeries[] heads;
        private final ChunkSeriesMerger merger;
        private boolean started;
        private ChunkSeries current;

        MergedSet(ChunkSeriesSet[] sets, ChunkSeriesMerger merger) {
            this.sets = sets;
            this.heads = new ChunkSeries[sets.length];
            this.merger = merger;
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
            for (ChunkSeries s : heads) {
                if (s != null && (min == null || s.labels().compareTo(min) < 0)) {
                    min = s.labels();
                }
            }
            if (min == null) {
                current = null;
                return false;
            }
            List<ChunkSeries> same = new ArrayList<>(2);
            for (int i = 0; i < sets.length; i++) {
                if (heads[i] != null && heads[i].labels().equals(min)) {
                    same.add(heads[i]);
                    heads[i] = sets[i].next() ? sets[i].at() : null;
                }
            }
            current = same.size() == 1 ? same.get(0) : merger.merge(min, same);
            return true;
        }

        @Override
        public ChunkSeries at() {
            if (current == null) {
                throw new IllegalStateException("bug: at() without a successful next()");
            }
            return current;
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
