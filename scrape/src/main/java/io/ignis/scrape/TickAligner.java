package io.ignis.scrape;

/**
 * Prometheus's {@code scrape.adjust-timestamps} (on by default): a scrape that starts within min(1 % of the
 * interval, 2 ms) of its ideal tick is stamped with the ideal tick, so timestamps of a target are exactly one
 * interval apart and the TSDB stores their deltas in fewer bits. One per loop; not thread-safe.
 */
final class TickAligner {
    /** Prometheus's {@code ScrapeTimestampTolerance}. */
    static final long TOLERANCE_MILLIS = 2;

    private final long intervalMillis;
    private final long toleranceMillis;
    private long aligned;
    private boolean started;

    TickAligner(long intervalMillis) {
        this.intervalMillis = intervalMillis;
        this.toleranceMillis = Math.min(intervalMillis / 100, TOLERANCE_MILLIS);
    }

    /** The timestamp for a scrape that actually starts at {@code nowMillis}. */
    long align(long nowMillis) {
        if (!started) {
            started = true;
            aligned = nowMillis;
            return nowMillis;
        }
        // Ticks may have been skipped: move the ideal tick forward by whole intervals.
        while (nowMillis - aligned >= intervalMillis) {
            aligned += intervalMillis;
        }
        return nowMillis - aligned <= toleranceMillis ? aligned : nowMillis;
    }
}
