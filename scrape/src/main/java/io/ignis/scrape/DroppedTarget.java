package io.ignis.scrape;

import io.ignis.labels.Labels;

/** A discovered target that relabeling dropped, kept for the targets API with its discovered labels. */
public record DroppedTarget(String scrapePool, Labels discoveredLabels) {
}
