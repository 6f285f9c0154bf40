package io.ignis.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One {@code scrape_configs} entry with every default filled, including those inherited from {@code global}
 * (interval, timeout, limits, protocols, histogram settings, name validation and escaping). Limits of 0 mean no
 * limit; {@code fallbackScrapeProtocol} is empty when unset.
 */
public record ScrapeConfig(String jobName, boolean honorLabels, boolean honorTimestamps,
        boolean trackTimestampsStaleness, Map<String, List<String>> params, Duration scrapeInterval,
        Duration scrapeTimeout, List<String> scrapeProtocols, String fallbackScrapeProtocol,
        boolean scrapeNativeHistograms, boolean alwaysScrapeClassicHistograms, boolean convertClassicHistogramsToNhcb,
        String scrapeFailureLogFile, String metricsPath, String scheme, boolean enableCompression,
        ByteSize bodySizeLimit, long sampleLimit, long targetLimit, long labelLimit, long labelNameLengthLimit,
        long labelValueLengthLimit, long nativeHistogramBucketLimit, double nativeHistogramMinBucketFactor,
        long keepDroppedTargets, String metricNameValidationScheme, String metricNameEscapingScheme,
        boolean extraScrapeMetrics, ServiceDiscoveryConfigs serviceDiscoveryConfigs,
        HttpClientConfig httpClientConfig, List<RelabelConfig> relabelConfigs,
        List<RelabelConfig> metricRelabelConfigs) {
    public static final String DEFAULT_METRICS_PATH = "/metrics";
    public static final String DEFAULT_SCHEME = "http";

    public ScrapeConfig {
        params = Copies.map(params);
        scrapeProtocols = List.copyOf(scrapeProtocols);
        relabelConfigs = List.copyOf(relabelConfigs);
        metricRelabelConfigs = List.copyOf(metricRelabelConfigs);
    }
}
