package io.ignis.server.api;

import io.ignis.labels.Labels;
import io.ignis.model.MetricMetadata;
import java.util.List;
import java.util.Map;

/**
 * What the scrape manager tells the API: active and dropped targets per scrape pool and the metadata each
 * target exposed. Implementations are thread-safe and return snapshots the caller may keep.
 */
public interface TargetsSource {
    /** Active targets by scrape pool name. */
    Map<String, List<ActiveTarget>> activeTargets();

    /** Targets dropped by relabeling, by scrape pool name (as many as Prometheus keeps). */
    Map<String, List<Labels>> droppedTargets();

    /** How many targets relabeling dropped per pool, including those not kept in {@link #droppedTargets()}. */
    Map<String, Integer> droppedTargetCounts();

    /** Names of the configured scrape pools. */
    List<String> scrapePools();

    /** A scrape pool's target: what {@code /api/v1/targets} reports and the metadata it exposed. */
    record ActiveTarget(Labels discoveredLabels, Labels labels, String scrapeUrl, String globalUrl,
                        String lastError, long lastScrapeMillis, double lastScrapeDurationSeconds, String health,
                        String scrapeInterval, String scrapeTimeout, Map<String, MetricMetadata> metadata) {
    }

    /** No scrape manager: nothing active, nothing dropped. */
    TargetsSource NONE = new TargetsSource() {
        @Override
        public Map<String, List<ActiveTarget>> activeTargets() {
            return Map.of();
        }

        @Override
        public Map<String, List<Labels>> droppedTargets() {
            return Map.of();
        }

        @Override
        public Map<String, Integer> droppedTargetCounts() {
            return Map.of();
        }

        @Override
        public List<String> scrapePools() {
            return List.of();
        }
    };
}
