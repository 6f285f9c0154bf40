package io.ignis.server.remote;

import java.util.Arrays;

/**
 * How far a queue has sent the WAL: every record before {@link #start()} is sent (or dropped for good); for each
 * shard {@code i} of {@link #shards()}, which took the entries of series with {@code ref mod shards == i}, every
 * entry in records starting before {@link #shard shard(i)}, and in the first record starting at or after it, its
 * entries whose index in the record is below {@link #skip skip(i)} (a shard sends a record's entries in batches,
 * so it can stop inside one). Resuming at
 * {@link #start()} and leaving out those entries sends each entry once even when a shard was ahead of another
 * at the stop. Immutable.
 */
final class SentPosition {
    private final WalPosition start;
    private final WalPosition[] shards;
    private final int[] skips;

    SentPosition(WalPosition start, WalPosition[] shards, int[] skips) {
        if (shards.length != skips.length) {
            throw new IllegalArgumentException("bug: " + shards.length + " shards, " + skips.length + " skips");
        }
        this.start = start;
        this.shards = shards.clone();
        this.skips = skips.clone();
    }

    /** A position without shard detail: everything before {@code start}. */
    static SentPosition at(WalPosition start) {
        return new SentPosition(start, new WalPosition[0], new int[0]);
    }

    WalPosition start() {
        return start;
    }

    int shards() {
        return shards.length;
    }

    WalPosition shard(int i) {
        return shards[i];
    }

    int skip(int i) {
        return skips[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SentPosition p && start.equals(p.start) && Arrays.equals(shards, p.shards)
                && Arrays.equals(skips, p.skips);
    }

    @Override
    public int hashCode() {
        return (start.hashCode() * 31 + Arrays.hashCode(shards)) * 31 + Arrays.hashCode(skips);
    }

    @Override
    public String toString() {
        return "SentPosition[start=" + start + ", shards=" + Arrays.toString(shards) + ", skips="
                + Arrays.toString(skips) + "]";
    }
}
