package io.ignis.promql.engine;

/**
 * One query-log line: what was asked, how it ended and its statistics.
 *
 * @param timeMs  when the query finished (ms since the epoch)
 * @param query   the query text
 * @param startMs the evaluation time of an instant query or the start of a range query
 * @param endMs   equal to {@code startMs} for an instant query
 * @param stepMs  0 for an instant query
 * @param error   the error message, or null when the query succeeded
 * @param stats   the query's statistics (timings are zero where the query did not get that far)
 * @param origin  the HTTP request that asked, or null (rules, tests)
 */
public record QueryLogEntry(long timeMs, String query, long startMs, long endMs, long stepMs, String error,
                            QueryStats stats, QueryOrigin origin) {
}
