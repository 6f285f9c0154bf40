package io.ignis.promql.engine;

import java.util.Set;

/**
 * Engine settings. The feature switches carry Prometheus's {@code --enable-feature} names:
 * {@code promql-delayed-name-removal}, {@code promql-experimental-functions},
 * {@code promql-extended-range-selectors}, {@code promql-binop-fill-modifiers}, {@code use-start-timestamps}.
 *
 * @param lookbackDeltaMs               how far back an instant selector looks for a sample (5m by default)
 * @param maxSamples                    samples a query may hold in memory at once
 * @param timeoutMs                     wall-clock budget of one query
 * @param defaultSubqueryStepMs         the step of a subquery written without one
 * @param delayedNameRemoval            drop {@code __name__} at the end of evaluation instead of per operation
 * @param experimentalFunctions         allow experimental functions and aggregations
 * @param extendedRangeSelectors        allow the {@code anchored} and {@code smoothed} selector modifiers
 * @param fillModifiers                 allow {@code fill()}, {@code fill_left()}, {@code fill_right()}
 * @param startTimestamps               use per-sample start timestamps in rate/irate/increase/resets
 */
public record EngineOptions(long lookbackDeltaMs, long maxSamples, long timeoutMs, long defaultSubqueryStepMs,
                            boolean delayedNameRemoval, boolean experimentalFunctions,
                            boolean extendedRangeSelectors, boolean fillModifiers, boolean startTimestamps) {

    /** Prometheus's defaults: 5m lookback, 50 000 000 samples, 2m timeout, 1m subquery step, no features. */
    public static EngineOptions defaults() {
        return new EngineOptions(300_000, 50_000_000, 120_000, 60_000, false, false, false, false, false);
    }

    /** These options with the named {@code --enable-feature} switches turned on (unknown names ignored). */
    public EngineOptions withFeatures(Set<String> features) {
        return new EngineOptions(lookbackDeltaMs, maxSamples, timeoutMs, defaultSubqueryStepMs,
                delayedNameRemoval || features.contains("promql-delayed-name-removal"),
                experimentalFunctions || features.contains("promql-experimental-functions"),
                extendedRangeSelectors || features.contains("promql-extended-range-selectors"),
                fillModifiers || features.contains("promql-binop-fill-modifiers"),
                startTimestamps || features.contains("use-start-timestamps"));
    }

    public EngineOptions withLookbackDelta(long ms) {
        return new EngineOptions(ms, maxSamples, timeoutMs, defaultSubqueryStepMs, delayedNameRemoval,
                experimentalFunctions, extendedRangeSelectors, fillModifiers, startTimestamps);
    }

    public EngineOptions withMaxSamples(long n) {
        return new EngineOptions(lookbackDeltaMs, n, timeoutMs, defaultSubqueryStepMs, delayedNameRemoval,
                experimentalFunctions, extendedRangeSelectors, fillModifiers, startTimestamps);
    }

    public EngineOptions withTimeout(long ms) {
        return new EngineOptions(lookbackDeltaMs, maxSamples, ms, defaultSubqueryStepMs, delayedNameRemoval,
                experimentalFunctions, extendedRangeSelectors, fillModifiers, startTimestamps);
    }
}
