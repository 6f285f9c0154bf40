package io.ignis.tsdb;

/**
 * Settings of a {@link Head}. Defaults are Prometheus's: 2 h chunk range ({@code min-block-duration}),
 * 120 samples per chunk, 16384 stripes, 128 MiB WAL segments with snappy.
 *
 * @param chunkRangeMillis the head chunk range and block length
 * @param samplesPerChunk the target samples per head chunk
 * @param stripeSize lock stripes of the series map, a power of two
 * @param walSegmentSize a multiple of 32 KiB
 * @param walCompression snappy per record when it helps
 * @param replayWorkers threads appending samples during WAL replay (the reader thread decodes)
 * @param outOfOrderTimeWindowMillis {@code storage.tsdb.out_of_order_time_window} at open; 0 rejects every sample
 *     older than its series' newest (the head can change it at runtime)
 * @param outOfOrderCapMax samples per out-of-order head chunk before it is cut, 1 to 255 (Prometheus's
 *     {@code OutOfOrderCapMax}, default 32)
 * @param maxExemplars the exemplar ring's length ({@code storage.exemplars.max_exemplars}, default 100000 as
 *     Prometheus's config); 0 stores no exemplars, and they are then not written to the WAL either
 */
public record HeadOptions(long chunkRangeMillis, int samplesPerChunk, int stripeSize, int walSegmentSize,
                          boolean walCompression, int replayWorkers, long outOfOrderTimeWindowMillis,
                          int outOfOrderCapMax, long maxExemplars) {
    public static final long DEFAULT_CHUNK_RANGE = 2 * 60 * 60 * 1000L;
    /** Prometheus's {@code DefaultOutOfOrderCapMax}. */
    public static final int DEFAULT_OUT_OF_ORDER_CAP_MAX = 32;
    /** Prometheus's {@code DefaultExemplarsConfig.MaxExemplars}. */
    public static final long DEFAULT_MAX_EXEMPLARS = 100_000;

    public HeadOptions {
        if (chunkRangeMillis <= 0) {
            throw new IllegalArgumentException("chunk range must be positive: " + chunkRangeMillis);
        }
        if (samplesPerChunk < 4) {
            throw new IllegalArgumentException("samples per chunk must be at least 4: " + samplesPerChunk);
        }
        if (stripeSize <= 0 || Integer.bitCount(stripeSize) != 1) {
            throw new IllegalArgumentException("stripe size must be a power of two: " + stripeSize);
        }
        if (walSegmentSize <= 0 || walSegmentSize % (32 * 1024) != 0) {
            throw new IllegalArgumentException("WAL segment size must be a positive multiple of 32 KiB: "
                    + walSegmentSize);
        }
        if (replayWorkers < 1) {
            throw new IllegalArgumentException("replay workers must be at least 1: " + replayWorkers);
        }
        if (outOfOrderTimeWindowMillis < 0) {
            throw new IllegalArgumentException("out-of-order time window must not be negative: "
                    + outOfOrderTimeWindowMillis);
        }
        if (outOfOrderCapMax < 1 || outOfOrderCapMax > 255) {
            throw new IllegalArgumentException("out-of-order cap must be between 1 and 255: " + outOfOrderCapMax);
        }
        if (maxExemplars < 0) {
            throw new IllegalArgumentException("max exemplars must not be negative: " + maxExemplars);
        }
    }

    public static HeadOptions defaults() {
        // One replay worker per core (at most eight): appending to chunks costs far more than decoding, so the
        // reader thread needs no core of its own.
        return new HeadOptions(DEFAULT_CHUNK_RANGE, 120, 16384, 128 * 1024 * 1024, true,
                Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors())), 0,
                DEFAULT_OUT_OF_ORDER_CAP_MAX, DEFAULT_MAX_EXEMPLARS);
    }

    public HeadOptions withChunkRange(long millis) {
        return new HeadOptions(millis, samplesPerChunk, stripeSize, walSegmentSize, walCompression, replayWorkers,
                outOfOrderTimeWindowMillis, outOfOrderCapMax, maxExemplars);
    }

    public HeadOptions withWalSegmentSize(int bytes) {
        return new HeadOptions(chunkRangeMillis, samplesPerChunk, stripeSize, bytes, walCompression, replayWorkers,
                outOfOrderTimeWindowMillis, outOfOrderCapMax, maxExemplars);
    }

    public HeadOptions withReplayWorkers(int n) {
        return new HeadOptions(chunkRangeMillis, samplesPerChunk, stripeSize, walSegmentSize, walCompression, n,
                outOfOrderTimeWindowMillis, outOfOrderCapMax, maxExemplars);
    }

    public HeadOptions withStripeSize(int n) {
        return new HeadOptions(chunkRangeMillis, samplesPerChunk, n, walSegmentSize, walCompression, replayWorkers,
                outOfOrderTimeWindowMillis, outOfOrderCapMax, maxExemplars);
    }

    public HeadOptions withOutOfOrderTimeWindow(long millis) {
        return new HeadOptions(chunkRangeMillis, samplesPerChunk, stripeSize, walSegmentSize, walCompression,
                replayWorkers, millis, outOfOrderCapMax, maxExemplars);
    }

    public HeadOptions withOutOfOrderCapMax(int n) {
        return new HeadOptions(chunkRangeMillis, samplesPerChunk, stripeSize, walSegmentSize, walCompression,
                replayWorkers, outOfOrderTimeWindowMillis, n, maxExemplars);
    }

    public HeadOptions withMaxExemplars(long n) {
        return new HeadOptions(chunkRangeMillis, samplesPerChunk, stripeSize, walSegmentSize, walCompression,
                replayWorkers, outOfOrderTimeWindowMillis, outOfOrderCapMax, n);
    }
}
