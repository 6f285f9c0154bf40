package io.ignis.tsdb;

import java.util.Objects;

/**
 * Settings of a {@link Db}, named after Prometheus's {@code --storage.tsdb.*} flags. Defaults are Prometheus's:
 * 15 d time retention, no size limit, 2 h minimum block duration, maximum block duration 10 % of the time
 * retention capped at 31 d.
 *
 * @param retentionMillis {@code retention.time}; 0 disables time retention
 * @param maxBytes {@code retention.size}; 0 disables size retention
 * @param minBlockDuration the head chunk range and level-1 block length
 * @param maxBlockDuration the longest block the leveled compactor builds
 * @param head the head's settings; its chunk range is replaced by {@code minBlockDuration}
 */
public record DbOptions(long retentionMillis, long maxBytes, long minBlockDuration, long maxBlockDuration,
                        HeadOptions head) {
    public static final long DEFAULT_RETENTION = 15L * 24 * 60 * 60 * 1000;
    private static final long MAX_BLOCK_CAP = 31L * 24 * 60 * 60 * 1000;

    public DbOptions {
        Objects.requireNonNull(head, "head");
        if (retentionMillis < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("retention must not be negative: time=" + retentionMillis
                    + "ms size=" + maxBytes + "B");
        }
        if (minBlockDuration <= 0 || maxBlockDuration < minBlockDuration) {
            throw new IllegalArgumentException("block durations must satisfy 0 < min <= max: min="
                    + minBlockDuration + " max=" + maxBlockDuration);
        }
        if (head.chunkRangeMillis() != minBlockDuration) {
            head = head.withChunkRange(minBlockDuration);
        }
    }

    public static DbOptions defaults() {
        return new DbOptions(DEFAULT_RETENTION, 0, LeveledCompactor.DEFAULT_BLOCK_DURATION,
                defaultMaxBlockDuration(DEFAULT_RETENTION, LeveledCompactor.DEFAULT_BLOCK_DURATION),
                HeadOptions.defaults());
    }

    /** As Prometheus's flag default: 10 % of the retention, at most 31 d, at least the minimum duration. */
    public static long defaultMaxBlockDuration(long retentionMillis, long minBlockDuration) {
        long max = retentionMillis == 0 ? MAX_BLOCK_CAP : Math.min(MAX_BLOCK_CAP, retentionMillis / 10);
        return Math.max(minBlockDuration, max);
    }

    public DbOptions withRetention(long millis) {
        return new DbOptions(millis, maxBytes, minBlockDuration, maxBlockDuration, head);
    }

    public DbOptions withMaxBytes(long bytes) {
        return new DbOptions(retentionMillis, bytes, minBlockDuration, maxBlockDuration, head);
    }

    public DbOptions withBlockDurations(long min, long max) {
        return new DbOptions(retentionMillis, maxBytes, min, max, head);
    }

    /** {@code storage.tsdb.out_of_order_time_window} at open; {@link Db#setOutOfOrderTimeWindow} changes it later. */
    public DbOptions withOutOfOrderTimeWindow(long millis) {
        return withHead(head.withOutOfOrderTimeWindow(millis));
    }

    /** {@code storage.exemplars.max_exemplars} at open; {@link Db#resizeExemplars} changes it later. */
    public DbOptions withMaxExemplars(long n) {
        return withHead(head.withMaxExemplars(n));
    }

    public DbOptions withHead(HeadOptions h) {
        return new DbOptions(retentionMillis, maxBytes, minBlockDuration, maxBlockDuration, h);
    }

    /**
     * The compaction levels: {@code min × 3^i} up to the maximum duration, as Prometheus builds them from
     * {@code ExponentialBlockRanges(min, 10, 3)}.
     */
    public long[] blockRanges() {
        long[] all = LeveledCompactor.exponentialBlockRanges(minBlockDuration, 10, 3);
        int n = 0;
        while (n < all.length && all[n] <= maxBlockDuration) {
            n++;
        }
        return java.util.Arrays.copyOf(all, Math.max(1, n));
    }
}
