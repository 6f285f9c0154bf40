package io.ignis.server.remote;

import java.util.Arrays;

/**
 * Which WAL records are sent. The watcher reports each record once all its entries are queued; a shard has sent
 * its part of a record once it holds no entry with that record's sequence number or an older one, and the record
 * is sent once every shard has. Records are kept, sorted by sequence number, from the oldest one some shard has
 * not sent yet. Thread-safe.
 */
final class SentRecords {
    private long[] seq = new long[64];
    private int[] segment = new int[64];
    private long[] end = new long[64];
    private int head;
    private int size;
    private WalPosition sent;
    private long highest = -1;

    SentRecords(WalPosition start) {
        this.sent = start;
    }

    /** Record {@code s} ends at {@code e} and is fully queued. */
    synchronized void queued(long s, WalPosition e) {
        if (size == seq.length) {
            if (head > 0) {
                System.arraycopy(seq, head, seq, 0, size - head);
                System.arraycopy(segment, head, segment, 0, size - head);
                System.arraycopy(end, head, end, 0, size - head);
                size -= head;
                head = 0;
            }
            if (size * 2 > seq.length) {
                seq = Arrays.copyOf(seq, seq.length * 2);
                segment = Arrays.copyOf(segment, segment.length * 2);
                end = Arrays.copyOf(end, end.length * 2);
            }
        }
        highest = s;
        seq[size] = s;
        segment[size] = e.segment();
        end[size++] = e.offset();
    }

    /** The highest sequence reported so far, or -1; read before asking the shards for their oldest pending. */
    synchronized long highestQueued() {
        return highest;
    }

    /**
     * The sent position given, per shard, the sequence of its oldest pending entry ({@link Long#MAX_VALUE} when
     * it holds none), the record of the newest entry it sent and the in-record index just past that entry;
     * only records up to {@code highest} (read before the shards) count as queued. Records every shard has sent
     * are forgotten. Null while nothing is known to be sent on a first start.
     */
    synchronized SentPosition advance(long[] oldestPending, long[] lastSent, int[] sentOfLast, long highest) {
        long cut = highest + 1;
        long min = cut;
        for (long o : oldestPending) {
            min = Math.min(min, o);
        }
        int all = lastBefore(min);
        if (all >= head) {
            sent = new WalPosition(segment[all], end[all]);
            head = all + 1;
        }
        if (sent == null) {
            return null;
        }
        WalPosition[] shards = new WalPosition[oldestPending.length];
        int[] skips = new int[oldestPending.length];
        for (int i = 0; i < shards.length; i++) {
            // The shard sent every entry of the records before `next`, and those of `next` below sentOfLast when
            // its newest sent entry belongs to it (a record it stopped inside, or the one being queued).
            long next = Math.min(oldestPending[i], cut);
            int j = lastBefore(next);
            shards[i] = j >= head ? new WalPosition(segment[j], end[j]) : sent;
            skips[i] = lastSent[i] == next ? sentOfLast[i] : 0;
        }
        return new SentPosition(sent, shards, skips);
    }

    /** The index of the last kept record with a sequence below {@code bound}, or head - 1. */
    private int lastBefore(long bound) {
        int lo = head;
        int hi = size - 1;
        int found = head - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (seq[mid] < bound) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
