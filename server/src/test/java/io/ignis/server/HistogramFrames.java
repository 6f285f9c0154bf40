package io.ignis.server;

import com.google.protobuf.Timestamp;
import io.ignis.scrape.textparse.proto.Bucket;
import io.ignis.scrape.textparse.proto.BucketSpan;
import io.ignis.scrape.textparse.proto.Exemplar;
import io.ignis.scrape.textparse.proto.Histogram;
import io.ignis.scrape.textparse.proto.LabelPair;
import io.ignis.scrape.textparse.proto.Metric;
import io.ignis.scrape.textparse.proto.MetricFamily;
import io.ignis.scrape.textparse.proto.MetricType;
import java.util.List;

/**
 * The scripted exposition of the native-histogram end-to-end tests: five frames, each with an explicit timestamp,
 * of three histograms.
 * <ul>
 *   <li>{@code e2e_request_duration_seconds{path="/api"}}: an integer exponential histogram (schema 0, zero
 *       threshold 0.001) with negative buckets and a zero bucket; frame 2 adds buckets (a new positive span and a
 *       negative bucket), frame 3 is a counter reset. It also carries classic buckets (le 1, 2) and, in every
 *       frame, one exemplar with a timestamp in the native {@code exemplars} field.</li>
 *   <li>{@code e2e_queue_depth}: a gauge histogram with float counts (schema 1, zero threshold 0.125) going up
 *       and down.</li>
 *   <li>{@code e2e_payload_bytes}: a classic-only histogram (le 100, 1000, 10000), reset in frame 3, for
 *       {@code convert_classic_histograms_to_nhcb}.</li>
 * </ul>
 */
public final class HistogramFrames {
    public static final int COUNT = 5;
    public static final long STEP_MS = 10_000;

    /** Positive spans as {offset, length} pairs, absolute counts, negative spans, counts, zero count, sum. */
    private record Native(int[] pos, long[] posCounts, int[] neg, long[] negCounts, long zero, double sum) {
        long count() {
            long c = zero;
            for (long x : posCounts) {
                c += x;
            }
            for (long x : negCounts) {
                c += x;
            }
            return c;
        }
    }

    private static final Native[] REQUESTS = {
        new Native(new int[] {0, 2}, new long[] {2, 3}, new int[] {0, 1}, new long[] {1}, 1, 5.5),
        new Native(new int[] {0, 2}, new long[] {4, 5}, new int[] {0, 1}, new long[] {2}, 2, 12.25),
        new Native(new int[] {0, 2, 1, 1}, new long[] {5, 6, 1}, new int[] {-1, 2}, new long[] {1, 2}, 3, 20.5),
        new Native(new int[] {0, 2}, new long[] {1, 1}, new int[] {}, new long[] {}, 0, 1.5),
        new Native(new int[] {0, 2}, new long[] {3, 2}, new int[] {0, 1}, new long[] {1}, 1, 6.75),
    };
    /** Positive spans and float counts of the gauge histogram, then its sum. */
    private static final int[][] QUEUE_SPANS = {{0, 3}, {0, 3}, {1, 2}, {-2, 1, 1, 1}, {0, 1}};
    private static final double[][] QUEUE_COUNTS = {{1.5, 2, 0.5}, {0.5, 1, 0}, {3, 1}, {0.25, 2}, {7}};
    private static final double[] QUEUE_ZEROS = {0.5, 0, 1, 0, 0.25};
    private static final double[] QUEUE_SUMS = {3.25, 1, 6.5, 1.125, 7.7};
    /** Cumulative classic counts at le 100, 1000, 10000, then the total count and the sum. */
    private static final long[][] PAYLOAD = {{1, 3, 4, 5}, {2, 5, 8, 9}, {2, 6, 10, 12}, {0, 1, 1, 1}, {1, 2, 3, 3}};
    private static final double[] PAYLOAD_SUMS = {4000, 9000, 20500, 200, 1600};

    private HistogramFrames() {
    }

    /** The timestamp of frame {@code k}. */
    public static long time(long base, int k) {
        return base + k * STEP_MS;
    }

    public static List<MetricFamily> frame(int k, long t) {
        return List.of(requests(k, t), queue(k, t), payload(k, t));
    }

    /** The trace id of the exemplar frame {@code k} attaches to the request histogram. */
    public static String traceId(int k) {
        return "trace-" + k;
    }

    /** The exemplar's timestamp in frame {@code k}: half a second before the frame. */
    public static long exemplarTime(long t) {
        return t - 500;
    }

    /** The exemplar's value in frame {@code k}. */
    public static double exemplarValue(int k) {
        return 0.75 + k;
    }

    private static MetricFamily requests(int k, long t) {
        Native n = REQUESTS[k];
        Histogram.Builder h = Histogram.newBuilder().setSampleCount(n.count()).setSampleSum(n.sum()).setSchema(0)
                .setZeroThreshold(0.001).setZeroCount(n.zero());
        addSpans(n.pos(), h, true);
        addDeltas(n.posCounts(), h, true);
        addSpans(n.neg(), h, false);
        addDeltas(n.negCounts(), h, false);
        // Classic buckets as a client library would expose them beside the native ones: everything at or below 1
        // is the negative and zero buckets plus positive bucket 0, (1, 2] is positive bucket 1.
        long le1 = n.zero() + sum(n.negCounts()) + n.posCounts()[0];
        h.addBucket(Bucket.newBuilder().setUpperBound(1).setCumulativeCount(le1));
        h.addBucket(Bucket.newBuilder().setUpperBound(2).setCumulativeCount(le1 + n.posCounts()[1]));
        h.addExemplars(Exemplar.newBuilder().addLabel(label("trace_id", traceId(k))).setValue(exemplarValue(k))
                .setTimestamp(timestamp(exemplarTime(t))));
        Metric m = Metric.newBuilder().addLabel(label("path", "/api")).setHistogram(h).setTimestampMs(t).build();
        return MetricFamily.newBuilder().setName("e2e_request_duration_seconds").setHelp("Request latency.")
                .setType(MetricType.HISTOGRAM).addMetric(m).build();
    }

    private static MetricFamily queue(int k, long t) {
        double count = QUEUE_ZEROS[k];
        // A zero threshold: Prometheus 2.42 takes a histogram for a native one only with one, or with deltas.
        Histogram.Builder h = Histogram.newBuilder().setSampleSum(QUEUE_SUMS[k]).setSchema(1).setZeroThreshold(0.125)
                .setZeroCountFloat(QUEUE_ZEROS[k]);
        addSpans(QUEUE_SPANS[k], h, true);
        for (double c : QUEUE_COUNTS[k]) {
            h.addPositiveCount(c);
            count += c;
        }
        h.setSampleCountFloat(count);
        Metric m = Metric.newBuilder().setHistogram(h).setTimestampMs(t).build();
        return MetricFamily.newBuilder().setName("e2e_queue_depth").setHelp("Queue depth.")
                .setType(MetricType.GAUGE_HISTOGRAM).addMetric(m).build();
    }

    private static MetricFamily payload(int k, long t) {
        long[] c = PAYLOAD[k];
        Histogram.Builder h = Histogram.newBuilder().setSampleCount(c[3]).setSampleSum(PAYLOAD_SUMS[k]);
        double[] bounds = {100, 1000, 10000};
        for (int i = 0; i < bounds.length; i++) {
            h.addBucket(Bucket.newBuilder().setUpperBound(bounds[i]).setCumulativeCount(c[i]));
        }
        Metric m = Metric.newBuilder().setHistogram(h).setTimestampMs(t).build();
        return MetricFamily.newBuilder().setName("e2e_payload_bytes").setHelp("Payload sizes.")
                .setType(MetricType.HISTOGRAM).addMetric(m).build();
    }

    private static void addSpans(int[] spans, Histogram.Builder h, boolean positive) {
        for (int i = 0; i < spans.length; i += 2) {
            BucketSpan s = BucketSpan.newBuilder().setOffset(spans[i]).setLength(spans[i + 1]).build();
            if (positive) {
                h.addPositiveSpan(s);
            } else {
                h.addNegativeSpan(s);
            }
        }
    }

    private static void addDeltas(long[] counts, Histogram.Builder h, boolean positive) {
        long prev = 0;
        for (long c : counts) {
            if (positive) {
                h.addPositiveDelta(c - prev);
            } else {
                h.addNegativeDelta(c - prev);
            }
            prev = c;
        }
    }

    private static long sum(long[] xs) {
        long s = 0;
        for (long x : xs) {
            s += x;
        }
        return s;
    }

    private static LabelPair label(String name, String value) {
        return LabelPair.newBuilder().setName(name).setValue(value).build();
    }

    private static Timestamp timestamp(long ms) {
        return Timestamp.newBuilder().setSeconds(Math.floorDiv(ms, 1000)).setNanos((int) Math.floorMod(ms, 1000)
                * 1_000_000).build();
    }
}
