package io.ignis.promql.parser;

import java.util.Collection;

/**
 * Feature switches of the parser, named after Prometheus's {@code --enable-feature} values.
 *
 * @param experimentalFunctions  {@code promql-experimental-functions}: experimental functions and the
 *                               {@code limitk}/{@code limit_ratio} aggregations
 * @param durationExpressions    {@code promql-duration-expr}: arithmetic, {@code step()}, {@code range()},
 *                               {@code min_of}/{@code max_of} in ranges and offsets; permanently on in 3.x
 * @param extendedRangeSelectors {@code promql-extended-range-selectors}: {@code anchored} and {@code smoothed}
 * @param fillModifiers          {@code promql-binop-fill-modifiers}: {@code fill}, {@code fill_left},
 *                               {@code fill_right}
 */
public record ParserOptions(boolean experimentalFunctions, boolean durationExpressions,
                            boolean extendedRangeSelectors, boolean fillModifiers) {
    /** Prometheus 3.x without feature flags: only duration expressions. */
    public static ParserOptions defaults() {
        return new ParserOptions(false, true, false, false);
    }

    /** Everything on, as the conformance tests need. */
    public static ParserOptions all() {
        return new ParserOptions(true, true, true, true);
    }

    /** The options for these {@code --enable-feature} values; unknown values are ignored here. */
    public static ParserOptions fromFeatures(Collection<String> features) {
        return new ParserOptions(features.contains("promql-experimental-functions"), true,
                features.contains("promql-extended-range-selectors"),
                features.contains("promql-binop-fill-modifiers"));
    }
}
