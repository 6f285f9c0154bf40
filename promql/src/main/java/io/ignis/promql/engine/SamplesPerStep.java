package io.ignis.promql.engine;

/**
 * Samples loaded per evaluation step of the query ({@code totalQueryableSamplesPerStep} of
 * {@code stats=all}): step {@code i} is at {@code startMs + i * stepMs}. Samples loaded by subqueries at
 * times off the query's own step grid are in the total only. Filled by one query, then read-only.
 */
public final class SamplesPerStep {
    private final long startMs;
    private final long stepMs;
    private final long[] counts;

    SamplesPerStep(long startMs, long endMs, long stepMs) {
        this.startMs = startMs;
        this.stepMs = Math.max(1, stepMs);
        this.counts = new long[(int) ((endMs - startMs) / this.stepMs) + 1];
    }

    /** Counts {@code n} samples at evaluation time {@code t} when it is one of the query's steps. */
    void add(long t, long n) {
        long d = t - startMs;
        if (d < 0 || d % stepMs != 0) {
            return;
        }
        long i = d / stepMs;
        if (i < counts.length) {
            counts[(int) i] += n;
        }
    }

    public int size() {
        return counts.length;
    }

    /** The time of step {@code i}, in ms. */
    public long t(int i) {
        return startMs + i * stepMs;
    }

    public long count(int i) {
        return counts[i];
    }
}
