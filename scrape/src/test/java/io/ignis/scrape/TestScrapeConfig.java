package io.ignis.scrape;

import io.ignis.config.ByteSize;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.LabelNames;
import io.ignis.config.RelabelConfig;
import io.ignis.config.ScrapeConfig;
import io.ignis.config.ScrapeProtocols;
import io.ignis.config.ServiceDiscoveryConfigs;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A mutable builder of {@link ScrapeConfig} for tests, starting from Prometheus's defaults. */
final class TestScrapeConfig {
    String jobName;
    boolean honorLabels;
    boolean honorTimestamps = true;
    boolean trackTimestampsStaleness;
    Map<String, List<String>> params = Map.of();
    Duration interval = Duration.ofMinutes(1);
    Duration timeout = Duration.ofSeconds(10);
    List<String> protocols = ScrapeProtocols.DEFAULT;
    String fallbackProtocol = "";
    String metricsPath = "/metrics";
    String scheme = "http";
    boolean enableCompression = true;
    long bodySizeLimit;
    long sampleLimit;
    long targetLimit;
    long labelLimit;
    long labelNameLengthLimit;
    long labelValueLengthLimit;
    long keepDroppedTargets;
    long nativeHistogramBucketLimit;
    double nativeHistogramMinBucketFactor;
    boolean extraScrapeMetrics;
    boolean scrapeNativeHistograms;
    HttpClientConfig http = HttpClientConfig.DEFAULT;
    List<RelabelConfig> relabel = List.of();
    List<RelabelConfig> metricRelabel = List.of();

    TestScrapeConfig(String jobName) {
        this.jobName = jobName;
    }

    TestScrapeConfig interval(Duration interval, Duration timeout) {
        this.interval = interval;
        this.timeout = timeout;
        return this;
    }

    ScrapeConfig build() {
        return new ScrapeConfig(jobName, honorLabels, honorTimestamps, trackTimestampsStaleness, params, interval,
                timeout, protocols, fallbackProtocol, scrapeNativeHistograms, false, false, "", metricsPath, scheme,
                enableCompression,
                new ByteSize(bodySizeLimit), sampleLimit, targetLimit, labelLimit, labelNameLengthLimit,
                labelValueLengthLimit, nativeHistogramBucketLimit, nativeHistogramMinBucketFactor, keepDroppedTargets,
                LabelNames.UTF8, ScrapeProtocols.ESCAPING_ALLOW_UTF8,
                extraScrapeMetrics, ServiceDiscoveryConfigs.EMPTY, http, relabel, metricRelabel);
    }
}
