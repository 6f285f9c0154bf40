package io.ignis.model;

/** Metric types as exposition formats and the metadata API name them. */
public enum MetricType {
    COUNTER("counter"),
    GAUGE("gauge"),
    HISTOGRAM("histogram"),
    GAUGE_HISTOGRAM("gaugehistogram"),
    SUMMARY("summary"),
    INFO("info"),
    STATESET("stateset"),
    UNKNOWN("unknown");

    private final String text;

    MetricType(String text) {
        this.text = text;
    }

    /** The lowercase name used in {@code # TYPE} lines and the API. */
    public String text() {
        return text;
    }

    /** Parses a {@code # TYPE} word; unknown words map to {@link #UNKNOWN}. */
    public static MetricType parse(String s) {
        for (MetricType t : values()) {
            if (t.text.equals(s)) {
                return t;
            }
        }
        return UNKNOWN;
    }
}
