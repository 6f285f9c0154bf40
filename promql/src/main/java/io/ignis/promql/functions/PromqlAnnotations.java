package io.ignis.promql.functions;

import io.ignis.promql.ast.GoFormat;

/**
 * The texts of PromQL warnings and infos, exactly as Prometheus's util/annotations/annotations.go renders
 * them (without position suffixes, as in v3.14). Each method returns the full text including its prefix.
 */
public final class PromqlAnnotations {
    private static final String WARNING = "PromQL warning: ";
    private static final String INFO = "PromQL info: ";

    private PromqlAnnotations() {
    }

    /** Whether {@code text} is a warning (rather than an info). */
    public static boolean isWarning(String text) {
        return text.startsWith(WARNING);
    }

    private static String withMetricName(String text, String metricName) {
        return metricName.isEmpty() ? text : text + " for metric name " + GoFormat.quote(metricName);
    }

    public static String invalidQuantile(double q) {
        return WARNING + "quantile value should be between 0 and 1, got " + GoFormat.formatFloatV(q);
    }

    public static String invalidRatio(double r, double to) {
        return WARNING + "ratio value should be between -1 and 1, got " + GoFormat.formatFloatV(r) + ", capping to "
                + GoFormat.formatFloatV(to);
    }

    public static String badBucketLabel(String metricName, String le) {
        return withMetricName(WARNING + "bucket label \"le\" is missing or has a malformed value of "
                + GoFormat.quote(le), metricName);
    }

    public static String mixedFloatsHistograms(String metricName) {
        return WARNING + "encountered a mix of histograms and floats for metric name " + GoFormat.quote(metricName);
    }

    public static String mixedFloatsHistogramsAggregation() {
        return WARNING + "encountered a mix of histograms and floats for aggregation";
    }

    public static String mixedClassicNativeHistograms(String metricName) {
        return withMetricName(WARNING + "vector contains a mix of classic and native histograms", metricName);
    }

    public static String nativeHistogramNotCounter(String metricName) {
        return WARNING + "this native histogram metric is not a counter: " + GoFormat.quote(metricName);
    }

    public static String nativeHistogramNotGauge(String metricName) {
        return WARNING + "this native histogram metric is not a gauge: " + GoFormat.quote(metricName);
    }

    public static String mixedExponentialCustomHistograms(String metricName) {
        return WARNING + "vector contains a mix of histograms with exponential and custom buckets schemas "
                + "for metric name "
                + GoFormat.quote(metricName);
    }

    public static String incompatibleBucketLayoutInBinOp(String operator) {
        return WARNING + "incompatible bucket layout encountered for binary operator " + operator;
    }

    public static String sortInRangeQuery() {
        return WARNING + "sort is ineffective for range queries since results are always ordered by labels";
    }

    public static String possibleNonCounter(String metricName) {
        return INFO + "metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "
                + GoFormat.quote(metricName);
    }

    public static String possibleNonCounterLabel(String metricName, String typeLabel) {
        return INFO + "metric might not be a counter, __type__ label is not set to \"counter\" or \"histogram\", got "
                + GoFormat.quote(typeLabel) + ": " + GoFormat.quote(metricName);
    }

    public static String histogramQuantileForcedMonotonicity(String metricName) {
        return withMetricName(INFO + "input to histogram_quantile needed to be fixed for monotonicity (see "
                + "https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)", metricName);
    }

    public static String incompatibleTypesInBinOp(String lhsType, String operator, String rhsType) {
        return INFO + "incompatible sample types encountered for binary operator " + GoFormat.quote(operator) + ": "
                + lhsType + " " + operator + " " + rhsType;
    }

    public static String histogramIgnoredInAggregation(String aggregation) {
        return INFO + "ignored histogram in " + aggregation + " aggregation";
    }

    public static String histogramIgnoredInMixedRange(String metricName) {
        return INFO + "ignored histograms in a range containing both floats and histograms for metric name "
                + GoFormat.quote(metricName);
    }

    public static String nativeHistogramQuantileNaNResult(String metricName) {
        return withMetricName(INFO + "input to histogram_quantile has NaN observations, result is NaN", metricName);
    }

    public static String nativeHistogramQuantileNaNSkew(String metricName) {
        return withMetricName(INFO + "input to histogram_quantile has NaN observations, result is skewed higher",
                metricName);
    }

    public static String nativeHistogramFractionNaNs(String metricName) {
        return withMetricName(INFO + "input to histogram_fraction has NaN observations, which are excluded from all "
                + "fractions", metricName);
    }

    /** {@code operation}: "aggregation", "addition", "subtraction", … */
    public static String histogramCounterResetCollision(String operation) {
        return WARNING + "conflicting counter resets during histogram " + operation;
    }

    public static String mismatchedCustomBucketsHistograms(String operation) {
        return INFO + "mismatched custom buckets were reconciled during " + operation;
    }

    public static String startTimeOverlap(String metricName) {
        return WARNING + "sample has start time that overlaps with previous sample timestamp for metric "
                + GoFormat.quote(metricName);
    }
}
