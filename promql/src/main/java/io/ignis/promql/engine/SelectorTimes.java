package io.ignis.promql.engine;

import java.util.List;

/**
 * Per-query facts about one selector or subquery node, resolved from the immutable AST: durations from
 * duration expressions, the {@code @} time, and the effective offset, which the evaluator adjusts for
 * {@code @} relative to the current evaluation start (Prometheus's setOffsetForAtModifier).
 */
final class SelectorTimes {
    long originalOffsetMs;
    /** The resolved {@code @} time, or null. */
    Long atMs;
    long offsetMs;
    long rangeMs;
    long stepMs;
    /** The time range this selector reads (ms, inclusive), as Prometheus computes its select hints. */
    long loadStart = Long.MIN_VALUE;
    long loadEnd = Long.MAX_VALUE;
    /** Only count and sum of histograms are needed (under histogram_count/sum/avg): detect resets on read. */
    boolean statsOnly;
    /** The series of a vector selector, fetched once per query. */
    List<SeriesData> series;
}
