package io.ignis.scrape;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.storage.Appender;
import io.ignis.storage.StorageException;

/**
 * The synthetic series Prometheus appends after every scrape ({@code up}, {@code scrape_duration_seconds}, …),
 * labeled with the target's labels, with their refs kept across scrapes.
 */
final class ReportSeries {
    static final String[] NAMES = {"up", "scrape_duration_seconds", "scrape_samples_scraped",
        "scrape_samples_post_metric_relabeling", "scrape_series_added", "scrape_timeout_seconds",
        "scrape_sample_limit", "scrape_body_size_bytes"};
    static final int UP = 0;
    static final int DURATION = 1;
    static final int SCRAPED = 2;
    static final int POST_RELABEL = 3;
    static final int SERIES_ADDED = 4;
    static final int TIMEOUT = 5;
    static final int SAMPLE_LIMIT = 6;
    static final int BODY_SIZE = 7;

    private final Labels[] labels = new Labels[NAMES.length];
    private final long[] refs = new long[NAMES.length];
    private final int count;

    ReportSeries(Target target, boolean extra) {
        this.count = extra ? NAMES.length : TIMEOUT;
        for (int i = 0; i < count; i++) {
            labels[i] = labels(NAMES[i], target.publicLabels());
        }
    }

    /** As Prometheus's {@code mutateReportSampleLabels}: target labels win; the name is ours. */
    private static Labels labels(String name, Labels target) {
        LabelsBuilder b = new LabelsBuilder();
        b.set(Labels.METRIC_NAME, name);
        for (int i = 0; i < target.size(); i++) {
            b.set(target.name(i), target.value(i));
        }
        return b.build();
    }

    int count() {
        return count;
    }

    Labels labels(int i) {
        return labels[i];
    }

    void append(Appender app, long t, double[] values) {
        for (int i = 0; i < count; i++) {
            try {
                refs[i] = app.append(refs[i], labels[i], t, values[i]);
            } catch (StorageException e) {
                // Rejected like any sample (e.g. out of order after a clock step); the next scrape reports again.
            }
        }
    }

    void appendStale(Appender app, long t) {
        for (int i = 0; i < count; i++) {
            ScrapeAppend.appendStale(app, labels[i], t);
        }
    }
}
