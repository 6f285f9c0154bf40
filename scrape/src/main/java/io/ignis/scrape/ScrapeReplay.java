package io.ignis.scrape;

import io.ignis.config.ScrapeConfig;
import io.ignis.storage.Appender;
import java.util.Map;
import java.util.Objects;

/**
 * Appends response bodies for one target exactly as its scrape loop appends a successful scrape (scrape cache,
 * target labels, metric relabeling, limits, staleness markers), without HTTP, scheduling or the report series. For
 * benchmarks and tools that replay scrapes; the server scrapes through {@link ScrapeManager}. Not thread-safe.
 */
public final class ScrapeReplay {
    private final ScrapeAppend append;

    /**
     * A replay for the target that {@code config}'s target relabeling makes of the discovered labels
     * {@code targetLabels} ({@code __address__} at least). Throws IllegalArgumentException when relabeling drops
     * the target or the labels are invalid.
     */
    public ScrapeReplay(ScrapeConfig config, Map<String, String> targetLabels) {
        Objects.requireNonNull(config, "config");
        TargetBuilder.Result r = new TargetBuilder(config).build(targetLabels, Map.of());
        if (r.target() == null) {
            throw new IllegalArgumentException("target " + targetLabels + ": "
                    + (r.error() == null ? "dropped by relabeling" : r.error()));
        }
        this.append = new ScrapeAppend(r.target(), new ScrapeCache(), LoopOptions.of(config, false, false),
                new ScrapeMetrics());
    }

    /**
     * Appends the scrape {@code body[0, length)} with its Content-Type at {@code t} (milliseconds) through
     * {@code app}, leaving commit or rollback to the caller. Returns null on success, else the error that fails the
     * scrape (the batch should then be rolled back).
     */
    public String append(Appender app, byte[] body, int length, String contentType, long t) {
        return append.append(app, body, length, contentType, t);
    }

    /** Samples in the last scrape ({@code scrape_samples_scraped}). */
    public int samplesScraped() {
        return append.total;
    }

    /** Series of the last scrape new to the cache ({@code scrape_series_added}). */
    public int seriesAdded() {
        return append.seriesAdded;
    }
}
