package io.ignis.tsdb;

import io.ignis.labels.Matcher;
import io.ignis.storage.Querier;
import io.ignis.storage.SelectHints;
import io.ignis.storage.SeriesSet;

/** A {@link Db} querier: the merged querier plus unregistering from {@link DbReaders} on close (once). */
final class DbQuerier extends DbBaseQuerier<Querier> implements Querier {
    DbQuerier(Querier merged, Runnable onClose) {
        super(merged, onClose);
    }

    @Override
    public SeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
        return merged.select(sorted, hints, matchers);
    }
}
