package io.ignis.server.api;

import io.ignis.labels.Labels;
import io.ignis.promql.value.LabelOrder;
import io.ignis.storage.SeriesSet;
import java.util.List;

/**
 * The distinct label sets of several series sets, each sorted by labels, in one sorted pass: a k-way merge that
 * keeps only the current head of each set, so {@code /api/v1/series} streams any number of series. Equal label
 * sets from several sets come out once, as Prometheus's merged series set yields them.
 */
final class SortedLabelsMerge {
    private final SeriesSet[] sets;
    private final Labels[] heads;
    private boolean started;
    private Labels current;

    SortedLabelsMerge(List<SeriesSet> sets) {
        this.sets = sets.toArray(new SeriesSet[0]);
        this.heads = new Labels[this.sets.length];
    }

    boolean next() {
        if (!started) {
            started = true;
            for (int i = 0; i < sets.length; i++) {
                advance(i);
            }
        }
        Labels min = null;
        for (Labels h : heads) {
            if (h != null && (min == null || LabelOrder.compare(h, min) < 0)) {
                min = h;
            }
        }
        current = min;
        if (min == null) {
            return false;
        }
        for (int i = 0; i < heads.length; i++) {
            if (heads[i] != null && LabelOrder.compare(heads[i], min) == 0) {
                advance(i);
            }
        }
        return true;
    }

    Labels at() {
        if (current == null) {
            throw new IllegalStateException("bug: at() without a successful next()");
        }
        return current;
    }

    private void advance(int i) {
        heads[i] = sets[i].next() ? sets[i].at().labels() : null;
    }
}
