package io.ignis.promql.engine;

/**
 * Where the wall-clock time of one query went, in nanoseconds, with the names of Prometheus's
 * {@code stats.timings} JSON object (the API reports them in seconds: {@link #seconds(long)}).
 *
 * @param evalTotalNanos         preparation, evaluation and sorting, after the queue
 * @param resultSortNanos        sorting the result
 * @param queryPreparationNanos  planning the selectors' ranges, opening the querier and loading the series
 * @param innerEvalNanos         evaluating the expression over the loaded series
 * @param execQueueNanos         waiting in the {@link QueryGate} queue
 * @param execTotalNanos         everything, queue included
 */
public record QueryTimings(long evalTotalNanos, long resultSortNanos, long queryPreparationNanos,
                           long innerEvalNanos, long execQueueNanos, long execTotalNanos) {
    public static final QueryTimings ZERO = new QueryTimings(0, 0, 0, 0, 0, 0);

    /** Nanoseconds as the seconds Prometheus's JSON carries. */
    public static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
