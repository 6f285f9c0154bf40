package io.ignis.tsdb;

import java.util.TreeMap;

/**
 * Keeps readers from seeing part of a commit. Simpler than Prometheus's append IDs ({@code isolation.go})
 * and as strict: commits apply their samples one at a time under the head's commit lock, so each gets the
 * next epoch, applies, then publishes it. A reader takes the last published epoch E when it opens and, per
 * series, reads only the samples of commits with epoch at most E ({@link MemSeries} keeps the count after
 * each recent commit). Since commits never interleave, "published" means "complete": there is no set of
 * open appends to carry around, only the lowest epoch still held by a reader, below which per-series
 * history can be forgotten. Commits serialise only their in-memory apply and WAL write, not their appends.
 */
final class Isolation {
    private volatile long published;
    private final TreeMap<Long, Integer> readers = new TreeMap<>();

    /** Registers a reader and returns its epoch; pair with {@link #closeReader}. */
    synchronized long openReader() {
        long e = published;
        readers.merge(e, 1, Integer::sum);
        return e;
    }

    synchronized void closeReader(long epoch) {
        readers.computeIfPresent(epoch, (k, n) -> n == 1 ? null : n - 1);
    }

    /**
     * The lowest epoch any reader can still ask about. Called under the commit lock, before the commit's
     * epoch is published, so a reader opening afterwards gets an epoch at least this high.
     */
    synchronized long lowWatermark() {
        return readers.isEmpty() ? published : Math.min(readers.firstKey(), published);
    }

    /** The epoch the next commit will publish; commit lock only. */
    long nextEpoch() {
        return published + 1;
    }

    /** Makes commit {@code epoch} visible to readers opened from now on; commit lock only. */
    void publish(long epoch) {
        published = epoch;
    }
}
