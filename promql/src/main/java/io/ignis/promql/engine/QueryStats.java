package io.ignis.promql.engine;

/** Sample statistics of one query: the peak number of samples held at once and the samples loaded. */
public record QueryStats(long peakSamples, long totalSamplesLoaded) {
}
