package io.ignis.config;

import java.util.List;
import java.util.Map;

/** The scrape protocol names Prometheus negotiates, their media types, and the metric name escaping schemes. */
public final class ScrapeProtocols {
    public static final String PROMETHEUS_PROTO = "PrometheusProto";
    public static final String PROMETHEUS_TEXT_0_0_4 = "PrometheusText0.0.4";
    public static final String PROMETHEUS_TEXT_1_0_0 = "PrometheusText1.0.0";
    public static final String OPENMETRICS_TEXT_0_0_1 = "OpenMetricsText0.0.1";
    public static final String OPENMETRICS_TEXT_1_0_0 = "OpenMetricsText1.0.0";

    /** Protocol name to the Accept header value Prometheus sends for it. */
    public static final Map<String, String> HEADERS = Map.of(
            PROMETHEUS_PROTO,
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited",
            PROMETHEUS_TEXT_0_0_4, "text/plain;version=0.0.4",
            PROMETHEUS_TEXT_1_0_0, "text/plain;version=1.0.0",
            OPENMETRICS_TEXT_0_0_1, "application/openmetrics-text;version=0.0.1",
            OPENMETRICS_TEXT_1_0_0, "application/openmetrics-text;version=1.0.0");

    /** Sorted, as Prometheus lists them in its error message. */
    static final List<String> SUPPORTED = List.of(OPENMETRICS_TEXT_0_0_1, OPENMETRICS_TEXT_1_0_0, PROMETHEUS_PROTO,
            PROMETHEUS_TEXT_0_0_4, PROMETHEUS_TEXT_1_0_0);

    /** The default, by priority. */
    public static final List<String> DEFAULT = List.of(OPENMETRICS_TEXT_1_0_0, OPENMETRICS_TEXT_0_0_1,
            PROMETHEUS_TEXT_1_0_0, PROMETHEUS_TEXT_0_0_4);

    /** The default when native histograms are scraped: protobuf first. */
    public static final List<String> DEFAULT_PROTO_FIRST = List.of(PROMETHEUS_PROTO, OPENMETRICS_TEXT_1_0_0,
            OPENMETRICS_TEXT_0_0_1, PROMETHEUS_TEXT_1_0_0, PROMETHEUS_TEXT_0_0_4);

    public static final String ESCAPING_ALLOW_UTF8 = "allow-utf-8";
    public static final String ESCAPING_UNDERSCORES = "underscores";
    public static final String ESCAPING_DOTS = "dots";
    public static final String ESCAPING_VALUES = "values";

    private ScrapeProtocols() {
    }

    static boolean isEscapingScheme(String s) {
        return s.equals(ESCAPING_ALLOW_UTF8) || s.equals(ESCAPING_UNDERSCORES) || s.equals(ESCAPING_DOTS)
                || s.equals(ESCAPING_VALUES);
    }

    /** Prometheus's wording for an unknown protocol, or null when {@code name} is known. */
    static String unknown(String name) {
        if (HEADERS.containsKey(name)) {
            return null;
        }
        return "unknown scrape protocol " + name + ", supported: [" + String.join(" ", SUPPORTED) + "]";
    }
}
