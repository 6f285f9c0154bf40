package io.ignis.server.remote;

/**
 * Leaves out, after a restart, the entries a {@link SentPosition} names as sent: fed the start of each record and
 * asked about each entry in WAL order, as the queue receives them. Watcher thread only.
 */
final class AlreadySent {
    private final SentPosition position;
    private final int[] skipLeft;
    private int segment;
    private long recordStart;

    AlreadySent(SentPosition position) {
        this.position = position;
        this.skipLeft = new int[position.shards()];
        for (int i = 0; i < skipLeft.length; i++) {
            skipLeft[i] = position.skip(i);
        }
    }

    void beginRecord(int seg, long start) {
        segment = seg;
        recordStart = start;
    }

    /** True when the entry of series {@code ref} in the current record was sent before the stop. */
    boolean sent(long ref) {
        int i = (int) Long.remainderUnsigned(ref, skipLeft.length);
        WalPosition p = position.shard(i);
        boolean before = segment != p.segment() ? segment < p.segment() : recordStart < p.offset();
        if (before) {
            return true;
        }
        if (skipLeft[i] > 0) {
            skipLeft[i]--;
            return true;
        }
        return false;
    }
}
