package io.ignis.tsdb;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;

/**
 * The queriers a {@link Db} has open, with their time ranges, so head truncation can wait for the readers that
 * picked their blocks before the block covering the truncated range was loaded, as Prometheus's
 * {@code waitForPendingReadersInTimeRange}. Without the wait such a reader would miss that range: not in its
 * blocks, and gone from the head. Readers that enter after {@link #mark} see the new block and are not waited
 * for.
 */
final class DbReaders {
    private final Long2ObjectOpenHashMap<long[]> open = new Long2ObjectOpenHashMap<>();
    private long nextId = 1;

    /** Registers a reader of {@code [mint, maxt]} before it picks its blocks; returns its id. */
    synchronized long enter(long mint, long maxt) {
        long id = nextId++;
        open.put(id, new long[] {mint, maxt});
        return id;
    }

    synchronized void exit(long id) {
        if (open.remove(id) != null) {
            notifyAll();
        }
    }

    /** Readers registered from now on are not waited for by {@link #awaitOlder}. */
    synchronized long mark() {
        return nextId;
    }

    /** Waits until no reader registered before {@code mark} and overlapping {@code [mint, maxt]} is open. */
    synchronized void awaitOlder(long mark, long mint, long maxt) throws InterruptedException {
        while (hasOlder(mark, mint, maxt)) {
            wait();
        }
    }

    private boolean hasOlder(long mark, long mint, long maxt) {
        for (Long2ObjectOpenHashMap.Entry<long[]> e : open.long2ObjectEntrySet()) {
            long[] r = e.getValue();
            if (e.getLongKey() < mark && r[0] <= maxt && r[1] >= mint) {
                return true;
            }
        }
        return false;
    }
}
