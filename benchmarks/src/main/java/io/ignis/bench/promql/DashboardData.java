package io.ignis.bench.promql;

import io.ignis.labels.Labels;
import io.ignis.storage.Appendable;
import io.ignis.storage.Appender;
import java.io.IOException;
import java.io.Writer;

/**
 * The dashboard dataset shared by the JMH benchmarks and the end-to-end comparison: {@code series} counters
 * {@code http_requests_total{job,instance,method,status,path}} and, for one in ten of their label groups
 * (method and status dropped), a classic histogram {@code http_request_duration_seconds_bucket} with
 * {@link #LE} buckets. Values are deterministic functions of series and step, so the JMH storage and the
 * OpenMetrics file hold the same samples.
 */
public final class DashboardData {
    /** The classic buckets' upper bounds, ten finite ones and +Inf. */
    public static final String[] LE = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5",
        "+Inf"};
    private static final String[] JOBS = {"api", "web", "auth", "billing", "search"};
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
    private static final String[] STATUSES = {"200", "201", "404", "500", "503"};
    private static final String[] PATHS = {"/api/v1/items", "/api/v1/users", "/api/v2/orders", "/login", "/health"};
    /** Label combinations per instance: methods × statuses × paths. */
    private static final int PER_INSTANCE = METHODS.length * STATUSES.length * PATHS.length;

    private final int series;
    private final Labels[] counters;
    private final Labels[] buckets;

    public DashboardData(int series) {
        if (series < PER_INSTANCE) {
            throw new IllegalArgumentException("series must be at least " + PER_INSTANCE + ": " + series);
        }
        this.series = series;
        this.counters = new Labels[series];
        for (int i = 0; i < series; i++) {
            int instance = i / PER_INSTANCE;
            int r = i % PER_INSTANCE;
            counters[i] = Labels.of("__name__", "http_requests_total",
                    "job", JOBS[instance % JOBS.length],
                    "instance", "host-" + instance + ":9100",
                    "method", METHODS[r % METHODS.length],
                    "status", STATUSES[(r / METHODS.length) % STATUSES.length],
                    "path", PATHS[r / (METHODS.length * STATUSES.length)]);
        }
        int groups = series / 10;
        this.buckets = new Labels[groups * LE.length];
        for (int g = 0; g < groups; g++) {
            int instance = g / PATHS.length;
            for (int b = 0; b < LE.length; b++) {
                buckets[g * LE.length + b] = Labels.of("__name__", "http_request_duration_seconds_bucket",
                        "job", JOBS[instance % JOBS.length],
                        "instance", "host-" + instance + ":9100",
                        "path", PATHS[g % PATHS.length],
                        "le", LE[b]);
            }
        }
    }

    public int series() {
        return series;
    }

    /** All series of the dataset: counters, then histogram buckets. */
    public int totalSeries() {
        return counters.length + buckets.length;
    }

    /** The counter value of counter {@code i} at step {@code step}: a steady, series-specific rate. */
    static double counter(int i, int step) {
        return step * (1 + (i % 7)) + (i % 13);
    }

    /** The cumulative count of bucket {@code b} of group {@code g} at {@code step}: rises with {@code b}. */
    static double bucket(int g, int b, int step) {
        int rate = 1 + (g % 5);
        return (double) step * rate * (b + 1) + b;
    }

    /** Appends {@code steps} samples per series, {@code intervalMs} apart from {@code startMs}, one commit per step. */
    public void append(Appendable head, long startMs, long intervalMs, int steps) {
        long[] counterRefs = new long[counters.length];
        long[] bucketRefs = new long[buckets.length];
        for (int step = 0; step < steps; step++) {
            long t = startMs + step * intervalMs;
            Appender app = head.appender();
            for (int i = 0; i < counters.length; i++) {
                counterRefs[i] = app.append(counterRefs[i], counters[i], t, counter(i, step));
            }
            for (int j = 0; j < buckets.length; j++) {
                bucketRefs[j] = app.append(bucketRefs[j], buckets[j], t, bucket(j / LE.length, j % LE.length, step));
            }
            app.commit();
        }
    }

    /**
     * Writes the dataset as OpenMetrics text for {@code promtool tsdb create-blocks-from openmetrics}: each
     * series' samples in time order, series after series, timestamps in seconds, then {@code # EOF}. No
     * {@code # TYPE} lines: the samples are untyped, which every backfiller accepts.
     */
    public void writeOpenMetrics(Writer out, long startMs, long intervalMs, int steps) throws IOException {
        StringBuilder sb = new StringBuilder(256);
        for (int i = 0; i < counters.length; i++) {
            String prefix = seriesText(counters[i], sb);
            for (int step = 0; step < steps; step++) {
                writeSample(out, sb, prefix, counter(i, step), startMs + step * intervalMs);
            }
        }
        for (int j = 0; j < buckets.length; j++) {
            String prefix = seriesText(buckets[j], sb);
            for (int step = 0; step < steps; step++) {
                writeSample(out, sb, prefix, bucket(j / LE.length, j % LE.length, step), startMs + step * intervalMs);
            }
        }
        out.write("# EOF\n");
    }

    private static void writeSample(Writer out, StringBuilder sb, String prefix, double v, long tMs)
            throws IOException {
        sb.setLength(0);
        sb.append(prefix).append(' ').append((long) v).append(' ').append(tMs / 1000);
        long ms = tMs % 1000;
        if (ms != 0) {
            sb.append('.').append(ms / 100).append((ms / 10) % 10).append(ms % 10);
        }
        sb.append('\n');
        out.append(sb);
    }

    private static String seriesText(Labels l, StringBuilder sb) {
        sb.setLength(0);
        sb.append(l.metricName()).append('{');
        boolean first = true;
        for (int k = 0; k < l.size(); k++) {
            if (l.name(k).equals(Labels.METRIC_NAME)) {
                continue;
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(l.name(k)).append("=\"").append(l.value(k)).append('"');
        }
        return sb.append('}').toString();
    }
}
