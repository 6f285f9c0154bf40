package io.ignis.server.remote;

/**
 * The shard count a queue should run, recomputed every shard-update interval from exponentially weighted rates of
 * samples in, out and dropped and of the time spent sending, as Prometheus's {@code calculateDesiredShards}: enough
 * shards to keep up with the input plus 5% of the backlog per second, changed only beyond a 30% tolerance, never
 * reduced while more than ten seconds behind, and clamped to [min_shards, max_shards].
 */
final class DesiredShards {
    /** Prometheus's EWMA weight for rates ticked every shard-update interval. */
    static final double EWMA_WEIGHT = 0.2;
    /** As in Prometheus: a change smaller than this fraction of the current count is not worth a reshard. */
    static final double TOLERANCE = 0.3;

    private final Rate in = new Rate();
    private final Rate out = new Rate();
    private final Rate dropped = new Rate();
    private final Rate outNanos = new Rate();

    /**
     * Feeds the counts since the last tick (an interval of {@code intervalSeconds}) and returns the shard count
     * wanted; {@code delaySeconds} is how far the newest sent sample trails the newest read one.
     */
    int tick(double intervalSeconds, long samplesIn, long samplesOut, long samplesDropped, long sendNanos,
             double delaySeconds, int current, int min, int max) {
        double inRate = in.tick(samplesIn, intervalSeconds);
        double outRate = out.tick(samplesOut, intervalSeconds);
        double dropRate = dropped.tick(samplesDropped, intervalSeconds);
        double outSeconds = outNanos.tick(sendNanos, intervalSeconds) / 1e9;
        if (outRate <= 0) {
            return current;
        }
        double keptRatio = outRate / (dropRate + outRate);
        double pending = delaySeconds * inRate * keptRatio;
        double timePerSample = outSeconds / outRate;
        double desired = Math.ceil(timePerSample * (inRate * keptRatio + 0.05 * pending));
        if (desired >= current * (1 - TOLERANCE) && desired <= current * (1 + TOLERANCE)) {
            return current;
        }
        int n = (int) desired;
        if (n < current && delaySeconds > 10) {
            return current;
        }
        return Math.max(min, Math.min(max, n));
    }

    private static final class Rate {
        private double rate;
        private boolean init;

        double tick(long count, double seconds) {
            double instant = count / seconds;
            if (init) {
                rate += EWMA_WEIGHT * (instant - rate);
            } else if (count > 0) {
                rate = instant;
                init = true;
            }
            return rate;
        }
    }
}
