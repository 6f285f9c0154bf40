package io.ignis.tsdb;

import io.ignis.labels.Matcher;
import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.ChunkSeriesSet;
import io.ignis.storage.SelectHints;

import java.util.List;

/** A {@link Db} chunk querier: the merged querier plus unregistering from {@link DbReaders} on close (once). */
final class DbChunkQuerier implements ChunkQuerier {
    private final ChunkQuerier merged;
    private Runnable onClose;

    DbChunkQuerier(ChunkQuerier merged, Runnable onClose) {
        this.merged = merged;
        this.onClose = onClose;
    }

    @Override
    public ChunkSeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
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
