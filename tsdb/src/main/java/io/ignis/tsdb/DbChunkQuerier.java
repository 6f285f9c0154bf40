package io.ignis.tsdb;

import io.ignis.labels.Matcher;
import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.ChunkSeriesSet;
import io.ignis.storage.SelectHints;

/** A {@link Db} chunk querier: the merged querier plus unregistering from {@link DbReaders} on close (once). */
final class DbChunkQuerier extends DbBaseQuerier<ChunkQuerier> implements ChunkQuerier {
    DbChunkQuerier(ChunkQuerier merged, Runnable onClose) {
        super(merged, onClose);
    }

    @Override
    public ChunkSeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
        return merged.select(sorted, hints, matchers);
    }
}
