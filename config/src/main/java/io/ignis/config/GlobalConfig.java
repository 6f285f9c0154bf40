package io.ignis.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code global} block with Prometheus's defaults filled: scrape interval 1m, scrape timeout
 * min(10s, interval), evaluation interval 1m, UTF-8 name validation. An empty {@code scrapeProtocols} means
 * "not set": each scrape config then picks its default from its own native-histogram setting. External label
 * values have had {@code ${VAR}} expanded from the environment. Limits of 0 mean no limit.
 */
public record GlobalConfig(Duration scrapeInterval, Duration scrapeTimeout, List<String> scrapeProtocols,
        Duration evaluationInterval, Duration ruleQueryOffset, String queryLogFile, String scrapeFailureLogFile,
        Map<String, String> externalLabels, ByteSize bodySizeLimit, long sampleLimit, long targetLimit,
        long labelLimit, long labelNameLengthLimit, long labelValueLengthLimit, long keepDroppedTargets,
        String metricNameValidationScheme, String metricNameEscapingScheme, boolean scrapeNativeHistograms,
        boolean convertClassicHistogramsToNhcb, boolean alwaysScrapeClassicHistograms, boolean extraScrapeMetrics) {
    public static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofMinutes(1);
    public static final Duration DEFAULT_SCRAPE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_EVALUATION_INTERVAL = Duration.ofMinutes(1);

    /** The configuration of an empty {@code global} block. */
    public static final GlobalConfig DEFAULT = new GlobalConfig(DEFAULT_SCRAPE_INTERVAL, DEFAULT_SCRAPE_TIMEOUT,
            List.of(), DEFAULT_EVALUATION_INTERVAL, Duration.ZERO, "", "", Map.of(), ByteSize.ZERO, 0, 0, 0, 0, 0, 0,
            LabelNames.UTF8, ScrapeProtocols.ESCAPING_ALLOW_UTF8, false, false, false, false);

    public GlobalConfig {
        scrapeProtocols = List.copyOf(scrapeProtocols);
        externalLabels = Copies.map(externalLabels);
    }
}
