package io.ignis.scrape;

import io.ignis.config.ScrapeConfig;
import io.ignis.config.ScrapeProtocols;
import io.ignis.scrape.relabel.Relabeler;
import io.ignis.scrape.textparse.ParserOptions;
import java.math.BigDecimal;
import java.util.List;

/** What a scrape loop takes from its job's config, computed once per config. */
record LoopOptions(boolean honorLabels, boolean honorTimestamps, boolean trackTimestampsStaleness,
        long sampleLimit, long labelLimit, long labelNameLengthLimit, long labelValueLengthLimit, long bodySizeLimit,
        boolean extraScrapeMetrics, boolean enableCompression, String acceptHeader, String validationScheme,
        Relabeler metricRelabeler, ParserOptions parserOptions, boolean appendExemplars, boolean appendMetadata,
        HistogramLimits histogramLimits) {

    static LoopOptions of(ScrapeConfig c, boolean appendExemplars, boolean appendMetadata) {
        List<String> protocols = c.scrapeProtocols();
        String fallback = c.fallbackScrapeProtocol().isEmpty() ? ""
                : mediaType(ScrapeProtocols.HEADERS.get(c.fallbackScrapeProtocol()));
        return new LoopOptions(c.honorLabels(), c.honorTimestamps(), c.trackTimestampsStaleness(), c.sampleLimit(),
                c.labelLimit(), c.labelNameLengthLimit(), c.labelValueLengthLimit(), c.bodySizeLimit().bytes(),
                c.extraScrapeMetrics(), c.enableCompression(),
                acceptHeader(protocols, c.metricNameEscapingScheme()), c.metricNameValidationScheme(),
                Relabeler.compile(c.metricRelabelConfigs(), c.metricNameValidationScheme()),
                new ParserOptions(fallback, !c.scrapeNativeHistograms(), c.alwaysScrapeClassicHistograms(), false,
                        c.convertClassicHistogramsToNhcb()),
                appendExemplars, appendMetadata,
                HistogramLimits.of(c.nativeHistogramBucketLimit(), c.nativeHistogramMinBucketFactor()));
    }

    /**
     * Prometheus's {@code acceptHeader}: each protocol's media type by priority with weights counting down from
     * 0.(number of known protocols + 1); the escaping scheme only on the 1.0.0 text formats; then any type.
     */
    static String acceptHeader(List<String> protocols, String escaping) {
        StringBuilder sb = new StringBuilder();
        int weight = ScrapeProtocols.HEADERS.size() + 1;
        for (String p : protocols) {
            sb.append(ScrapeProtocols.HEADERS.get(p));
            if (p.equals(ScrapeProtocols.PROMETHEUS_TEXT_1_0_0) || p.equals(ScrapeProtocols.OPENMETRICS_TEXT_1_0_0)) {
                sb.append(";escaping=").append(escaping);
            }
            sb.append(";q=0.").append(weight).append(',');
            weight--;
        }
        return sb.append("*/*;q=0.").append(weight).toString();
    }

    /** Seconds as Go's {@code FormatFloat(s, 'f', -1, 64)}: {@code 10}, {@code 0.5}. */
    static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }

    private static String mediaType(String header) {
        int semi = header.indexOf(';');
        return semi < 0 ? header : header.substring(0, semi);
    }
}
