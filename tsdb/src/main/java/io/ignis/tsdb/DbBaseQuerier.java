package io.ignis.tsdb;

import io.ignis.labels.Matcher;
import io.ignis.storage.LabelQuerier;
import java.util.List;

/**
 * What {@link DbQuerier} and {@link DbChunkQuerier} share: label queries go to the merged querier, and closing
 * it (once) unregisters the reader from {@link DbReaders}.
 */
abstract class DbBaseQuerier<Q extends LabelQuerier> implements LabelQuerier {
    final Q merged;
    private Runnable onClose;

    DbBaseQuerier(Q merged, Runnable onClose) {
        this.merged = merged;
        this.onClose = onClose;
    }

    @Override
    public final List<String> labelValues(String name, Matcher... matchers) {
        return merged.labelValues(name, matchers);
    }

    @Override
    public final List<String> labelNames(Matcher... matchers) {
        return merged.labelNames(matchers);
    }

    @Override
    public final synchronized void close() {
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
