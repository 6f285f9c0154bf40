package io.ignis.tsdb;

import io.ignis.labels.Matcher;
import io.ignis.storage.Querier;
import io.ignis.storage.SelectHints;
import io.ignis.storage.SeriesSet;
import java.util.List;

/** A {@link Db} querier: the merged querier plus unregistering from {@link DbReaders} on close (once). */
final class DbQuerier implements Querier {
    private final Querier merged;
    private Runnable onClose;

    DbQuerier(Querier merged, Runnable onClose) {
        this.merged = merged;
        this.onClose = onClose;
    }

    @Override
    public SeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
        return merged.select(sorted, hints, matchers);
    }

    @Override
    public List<String> labelValues(String name, Matcher... matchers) {
        return merged.labelValues(name, matchers);
    }

    @Override
    public List<String> labelNames(Matcher... matchers) {
        return merged.labelNames(matchers);
    }

    @Override
    public synchronized void close() {
        if (onClose == null) {
            return;
        }
        try {
            merged.close();
        } finally {
            onClose.run();
            onClose = null;
        }
    }
}
