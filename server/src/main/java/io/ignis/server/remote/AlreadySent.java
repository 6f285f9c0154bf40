package io.ignis.server.remote;

/**
 * Leaves out, after a restart, the entries a {@link SentPosition} names as sent: fed the start of each record and
 * asked about each of its entries in WAL order with the entry's index in the record, as the queue receives them.
 * Watcher thread only.
 */
final class AlreadySent {
    private final SentPosition position;
    /** Per shard, the start of the first record at or after its position: the one it may have stopped inside. */
    private final WalPosition[] partial;
    private WalPosition record = WalPosition.START;

    AlreadySent(SentPosition position) {
        this.position = position;
        this.partial = new WalPosition[position.shards()];
    }

    void beginRecord(int segment, long start) {
        record = new WalPosition(segment, start);
    }

    /** True when entry {@code index} of the current record, of series {@code ref}, was sent before the stop. */
    boolean sent(long ref, int index) {
        int i = (int) Long.remainderUnsigned(ref, partial.length);
        if (record.compareTo(position.shard(i)) < 0) {
            return true;
        }
        if (partial[i] == null) {
            partial[i] = record;
        }
        return record.equals(partial[i]) && index < position.skip(i);
    }
}
