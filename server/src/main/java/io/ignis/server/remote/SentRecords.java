package io.ignis.server.remote;

import java.util.ArrayDeque;

/**
 * Which WAL records are fully sent. The watcher reports each record once all its entries are queued; a record is
 * sent once no shard still holds an entry with its sequence number or an older one. Thread-safe.
 */
final class SentRecords {
    private final ArrayDeque<long[]> done = new ArrayDeque<>();
    private WalPosition sent;

    SentRecords(WalPosition start) {
        this.sent = start;
    }

    /** Record {@code seq} ends at {@code end} and is fully queued. */
    synchronized void queued(long seq, WalPosition end) {
        done.addLast(new long[] {seq, end.segment(), end.offset()});
    }

    /** The highest sequence reported so far, or -1; read before asking the shards for their oldest pending. */
    synchronized long highestQueued() {
        long[] last = done.peekLast();
        return last == null ? -1 : last[0];
    }

    /**
     * Advances past records below {@code oldestPending} and up to {@code highest}, returning the end position of
     * the last such record (or the previous one when nothing advanced).
     */
    synchronized WalPosition advance(long oldestPending, long highest) {
        while (!done.isEmpty()) {
            long[] r = done.peekFirst();
            if (r[0] >= oldestPending || r[0] > highest) {
                break;
            }
            done.pollFirst();
            sent = new WalPosition((int) r[1], r[2]);
        }
        return sent;
    }
}
