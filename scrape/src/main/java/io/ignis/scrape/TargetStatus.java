package io.ignis.scrape;

import io.ignis.labels.Labels;
import java.time.Duration;

/**
 * An immutable snapshot of one target for {@code /api/v1/targets}.
 *
 * @param labels the public labels (no {@code __} prefix): what every scraped series gets
 * @param discoveredLabels the labels before relabeling, {@code __meta_*} included
 * @param lastError empty when the last scrape succeeded
 * @param lastScrapeMillis start of the last scrape, ms since the epoch; 0 before the first
 * @param lastScrapeDurationNanos 0 before the first scrape
 */
public record TargetStatus(String scrapePool, String scrapeUrl, String globalUrl, Labels labels,
        Labels discoveredLabels, TargetHealth health, String lastError, long lastScrapeMillis,
        long lastScrapeDurationNanos, Duration interval, Duration timeout) {
}
