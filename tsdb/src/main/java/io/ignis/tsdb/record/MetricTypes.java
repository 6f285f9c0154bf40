package io.ignis.tsdb.record;

import io.ignis.model.MetricType;

/** The metric type byte of metadata records, fixed by Prometheus ({@code record.GetMetricType}). */
final class MetricTypes {
    private MetricTypes() {
    }

    static int code(MetricType t) {
        return switch (t) {
            case UNKNOWN -> 0;
            case COUNTER -> 1;
            case GAUGE -> 2;
            case HISTOGRAM -> 3;
            case GAUGE_HISTOGRAM -> 4;
            case SUMMARY -> 5;
            case INFO -> 6;
            case STATESET -> 7;
        };
    }

    /** Unknown codes read as {@link MetricType#UNKNOWN}, as in Prometheus. */
    static MetricType of(int code) {
        return switch (code) {
            case 1 -> MetricType.COUNTER;
            case 2 -> MetricType.GAUGE;
            case 3 -> MetricType.HISTOGRAM;
            case 4 -> MetricType.GAUGE_HISTOGRAM;
            case 5 -> MetricType.SUMMARY;
            case 6 -> MetricType.INFO;
            case 7 -> MetricType.STATESET;
            default -> MetricType.UNKNOWN;
        };
    }
}
