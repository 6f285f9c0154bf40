package io.ignis.storage;

import io.ignis.labels.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * The walk shared by {@link MergeSeriesSet} and {@link MergeChunkQuerier}'s set, as Prometheus's {@code
 * genericMergeSeriesSet}: sources sorted by labels advance together; the series with the smallest labels are
 * taken from every source that holds them, in source order, and made one by {@link #merge}, or handed out as
 * they are when only one source holds them.
 *
 * @param <S> {@link Series} or {@link ChunkSeries}
 */
abstract class SortedMerge<S> {
    private final int sources;
    private final List<S> heads;
    private boolean started;
    private S current;

    SortedMerge(int sources) {
        this.sources = sources;
        this.heads = new ArrayList<>(sources);
    }

    /** The next series of source {@code i}, or null once that source is exhausted. */
    abstract S advance(int i);

    abstract Labels labelsOf(S series);

    /** One series of the {@code parts} (at least two, in source order) that share {@code labels}. */
    abstract S merge(Labels labels, List<S> parts);

    public final boolean next() {
        if (!started) {
            started = true;
            for (int i = 0; i < sources; i++) {
                heads.add(advance(i));
            }
        }
        Labels min = null;
        for (S s : heads) {
            if (s != null && (min == null || labelsOf(s).compareTo(min) < 0)) {
                min = labelsOf(s);
            }
        }
        if (min == null) {
            current = null;
            return false;
        }
        List<S> same = new ArrayList<>(2);
        for (int i = 0; i < sources; i++) {
            S s = heads.get(i);
            if (s != null && labelsOf(s).equals(min)) {
                same.add(s);
                heads.set(i, advance(i));
            }
        }
        current = same.size() == 1 ? same.get(0) : merge(min, same);
        return true;
    }

    public final S at() {
        if (current == null) {
            throw new IllegalStateException("bug: at() without a successful next()");
        }
        return current;
    }
}
