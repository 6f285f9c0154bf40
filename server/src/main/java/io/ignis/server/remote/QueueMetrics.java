package io.ignis.server.remote;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The live counters of one remote-write queue, bumped by the watcher and the shards; {@link #snapshot()} gives
 * their values and {@link #register} exposes every queue's under Prometheus's {@code prometheus_remote_storage_*}
 * names, labelled {@code remote_name} and {@code url}. The families are read from the queues running at exposition
 * time, so a queue stopped by a reload loses its series with it.
 */
public final class QueueMetrics {
    /** Prometheus's reasons for {@code samples_dropped_total}, {@code exemplars_dropped_total} and histograms'. */
    static final int TOO_OLD = 0;
    static final int DROPPED_SERIES = 1;
    static final int UNINTENTIONALLY_DROPPED_SERIES = 2;
    /** Histograms with custom buckets cannot travel in remote write 1.0. */
    static final int NHCB_IN_RW1_NOT_SUPPORTED = 3;
    private static final String[] REASONS = {"too_old", "dropped_series", "unintentionally_dropped_series",
        "nhcb_in_rw1_not_supported"};
    /** Prometheus's DefBuckets followed by 25, 60, 120 and 300 seconds, as queue_manager.go sets them. */
    static final double[] SENT_BATCH_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 60, 120,
            300};

    final LongAdder samplesIn = new LongAdder();
    final LongAdder exemplarsIn = new LongAdder();
    final LongAdder histogramsIn = new LongAdder();
    final LongAdder histogramsSent = new LongAdder();
    final LongAdder histogramsFailed = new LongAdder();
    final LongAdder histogramsRetried = new LongAdder();
    final LongAdder histogramsDropped = new LongAdder();
    final AtomicLong histogramsPending = new AtomicLong();
    final LongAdder samplesSent = new LongAdder();
    final LongAdder samplesFailed = new LongAdder();
    final LongAdder samplesRetried = new LongAdder();
    final LongAdder samplesDropped = new LongAdder();
    final LongAdder exemplarsSent = new LongAdder();
    final LongAdder exemplarsFailed = new LongAdder();
    final LongAdder exemplarsRetried = new LongAdder();
    final LongAdder exemplarsDropped = new LongAdder();
    final LongAdder metadataSent = new LongAdder();
    final LongAdder metadataFailed = new LongAdder();
    final LongAdder metadataRetried = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder metadataBytesSent = new LongAdder();
    final LongAdder enqueueRetries = new LongAdder();
    final LongAdder sentBatches = new LongAdder();
    final SentBatchNanos sentBatchNanos = new SentBatchNanos();
    final AtomicLong highestTimestamp = new AtomicLong();
    final AtomicLong highestSentTimestamp = new AtomicLong();
    final AtomicLong samplesPending = new AtomicLong();
    final AtomicLong exemplarsPending = new AtomicLong();
    private final LongAdder[] samplesDroppedBy = adders(REASONS.length);
    private final LongAdder[] exemplarsDroppedBy = adders(REASONS.length);
    private final LongAdder[] histogramsDroppedBy = adders(REASONS.length);
    volatile int shards;
    volatile double desiredShards;
    final int minShards;
    final int maxShards;
    final int shardCapacity;
    final int maxSamplesPerSend;

    /**
     * Total nanoseconds of send calls, and how many fell at or under each of {@link #SENT_BATCH_BUCKETS}: the
     * senders add a duration, the shard calculation reads the sum.
     */
    static final class SentBatchNanos {
        private final LongAdder total = new LongAdder();
        private final LongAdder[] atOrUnder = new LongAdder[SENT_BATCH_BUCKETS.length];

        SentBatchNanos() {
            for (int i = 0; i < atOrUnder.length; i++) {
                atOrUnder[i] = new LongAdder();
            }
        }

        void add(long nanos) {
            total.add(nanos);
            double seconds = nanos / 1e9;
            for (int i = 0; i < SENT_BATCH_BUCKETS.length; i++) {
                if (seconds <= SENT_BATCH_BUCKETS[i]) {
                    atOrUnder[i].increment();
                    return;
                }
            }
        }

        long sum() {
            return total.sum();
        }

        /** Cumulative counts per bound (not including +Inf, which is the batch count). */
        long[] cumulative() {
            long[] out = new long[atOrUnder.length];
            long run = 0;
            for (int i = 0; i < out.length; i++) {
                run += atOrUnder[i].sum();
                out[i] = run;
            }
            return out;
        }
    }

    QueueMetrics(int minShards, int maxShards, int shardCapacity, int maxSamplesPerSend) {
        this.minShards = minShards;
        this.maxShards = maxShards;
        this.shardCapacity = shardCapacity;
        this.maxSamplesPerSend = maxSamplesPerSend;
    }

    static void raise(AtomicLong max, long v) {
        long cur = max.get();
        while (v > cur && !max.compareAndSet(cur, v)) {
            cur = max.get();
        }
    }

    void dropSample(int reason) {
        samplesDropped.increment();
        samplesDroppedBy[reason].increment();
    }

    void dropExemplar(int reason) {
        exemplarsDropped.increment();
        exemplarsDroppedBy[reason].increment();
    }

    void dropHistogram(int reason) {
        histogramsDropped.increment();
        histogramsDroppedBy[reason].increment();
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] out = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            out[i] = new LongAdder();
        }
        return out;
    }

    QueueStats snapshot(String remoteName, String url) {
        return new QueueStats(remoteName, url, samplesSent.sum(), samplesFailed.sum(), samplesRetried.sum(),
                samplesDropped.sum(), exemplarsSent.sum(), exemplarsFailed.sum(), exemplarsRetried.sum(),
                exemplarsDropped.sum(), metadataSent.sum(), metadataFailed.sum(), metadataRetried.sum(),
                bytesSent.sum(), metadataBytesSent.sum(), enqueueRetries.sum(), sentBatches.sum(),
                sentBatchNanos.sum() / 1e9, highestTimestamp.get() / 1000.0, highestSentTimestamp.get() / 1000.0,
                samplesPending.get(), exemplarsPending.get(), shards, minShards, maxShards, desiredShards,
                shardCapacity, maxSamplesPerSend, samplesIn.sum(), exemplarsIn.sum(), byReason(samplesDroppedBy),
                byReason(exemplarsDroppedBy), sentBatchNanos.cumulative(), histogramsSent.sum(),
                histogramsFailed.sum(), histogramsRetried.sum(), histogramsDropped.sum(), histogramsPending.get(),
                histogramsIn.sum(), byReason(histogramsDroppedBy));
    }

    /** Prometheus creates a reason's series when it first drops for it; so does this. */
    private static Map<String, Long> byReason(LongAdder[] counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            long n = counts[i].sum();
            if (n > 0) {
                out.put(REASONS[i], n);
            }
        }
        return out;
    }

    /**
     * Exposes the {@code prometheus_remote_storage_*} families of the queues {@code stats} lists at each exposition
     * (it is called on the exposition thread).
     */
    public static void register(PrometheusRegistry registry, Supplier<List<QueueStats>> stats) {
        Registrar r = new Registrar(registry, stats);
        r.counter("samples_total", "Total number of samples sent to remote storage.", QueueStats::samplesTotal);
        r.counter("exemplars_total", "Total number of exemplars sent to remote storage.", QueueStats::exemplarsTotal);
        r.counter("metadata_total", "Total number of metadata entries sent to remote storage.",
                QueueStats::metadataTotal);
        r.counter("samples_failed_total", "Total number of samples which failed on send to remote storage, "
                + "non-recoverable errors.", QueueStats::samplesFailedTotal);
        r.counter("exemplars_failed_total", "Total number of exemplars which failed on send to remote storage, "
                + "non-recoverable errors.", QueueStats::exemplarsFailedTotal);
        r.counter("metadata_failed_total", "Total number of metadata entries which failed on send to remote "
                + "storage, non-recoverable errors.", QueueStats::metadataFailedTotal);
        r.counter("samples_retried_total", "Total number of samples which failed on send to remote storage but "
                + "were retried because the send error was recoverable.", QueueStats::samplesRetriedTotal);
        r.counter("exemplars_retried_total", "Total number of exemplars which failed on send to remote storage but "
                + "were retried because the send error was recoverable.", QueueStats::exemplarsRetriedTotal);
        r.counter("metadata_retried_total", "Total number of metadata entries which failed on send to remote "
                + "storage but were retried because the send error was recoverable.",
                QueueStats::metadataRetriedTotal);
        r.counter("histograms_total", "Total number of histograms sent to remote storage.",
                QueueStats::histogramsTotal);
        r.counter("histograms_failed_total", "Total number of histograms which failed on send to remote storage, "
                + "non-recoverable errors.", QueueStats::histogramsFailedTotal);
        r.counter("histograms_retried_total", "Total number of histograms which failed on send to remote storage "
                + "but were retried because the send error was recoverable.", QueueStats::histogramsRetriedTotal);
        r.droppedCounter("histograms_dropped_total", "histograms", QueueStats::histogramsDroppedByReason);
        r.gauge("histograms_pending", "The number of histograms pending in the queues shards to be sent to the "
                + "remote storage.", QueueStats::histogramsPending);
        r.droppedCounter("samples_dropped_total", "samples", QueueStats::samplesDroppedByReason);
        r.droppedCounter("exemplars_dropped_total", "exemplars", QueueStats::exemplarsDroppedByReason);
        r.counter("enqueue_retries_total", "Total number of times enqueue has failed because a shards queue was "
                + "full.", QueueStats::enqueueRetriesTotal);
        r.counter("bytes_total", "The total number of bytes of data (not metadata) sent by the queue after "
                + "compression. Note that when exemplars over remote write is enabled the exemplars included in a "
                + "remote write request count towards this metric.", QueueStats::bytesTotal);
        r.counter("metadata_bytes_total", "The total number of bytes of metadata sent by the queue after "
                + "compression.", QueueStats::metadataBytesTotal);
        r.gauge("queue_highest_timestamp_seconds", "Highest timestamp that was enqueued, in seconds since epoch. "
                + "Initialized to 0 when no data has been received yet.", QueueStats::queueHighestTimestampSeconds);
        r.gauge("queue_highest_sent_timestamp_seconds", "Highest timestamp successfully sent by this queue, in "
                + "seconds since epoch. Initialized to 0 when no data has been sent yet.",
                QueueStats::queueHighestSentTimestampSeconds);
        r.gauge("samples_pending", "The number of samples pending in the queues shards to be sent to the remote "
                + "storage.", QueueStats::samplesPending);
        r.gauge("exemplars_pending", "The number of exemplars pending in the queues shards to be sent to the remote "
                + "storage.", QueueStats::exemplarsPending);
        r.gauge("shard_capacity", "The capacity of each shard of the queue used for parallel sending to the remote "
                + "storage.", QueueStats::shardCapacity);
        r.gauge("shards", "The number of shards used for parallel sending to the remote storage.",
                QueueStats::shards);
        r.gauge("shards_max", "The maximum number of shards that the queue is allowed to run.",
                QueueStats::shardsMax);
        r.gauge("shards_min", "The minimum number of shards that the queue is allowed to run.",
                QueueStats::shardsMin);
        r.gauge("shards_desired", "The number of shards that the queues shard calculation wants to run based on the "
                + "rate of samples in vs. samples out.", QueueStats::shardsDesired);
        r.gauge("max_samples_per_send", "The maximum number of samples to be sent, in a single request, to the "
                + "remote storage. Note that, when sending of exemplars over remote write is enabled, exemplars count "
                + "towards this limit.", QueueStats::maxSamplesPerSend);
        registry.register(new SentBatchDuration(stats));
        // Unlabelled in Prometheus: counted once per sample appended. Every queue reads the same WAL, so the
        // largest queue count is that number (0 with no queue, where Prometheus would still count).
        registry.register(CounterWithCallback.builder().name(NAMESPACE + "samples_in_total")
                .help("Samples in to remote storage, compare to samples out for queue managers. Deprecated, check "
                        + "prometheus_wal_watcher_records_read_total and "
                        + "prometheus_remote_storage_samples_dropped_total")
                .callback(cb -> cb.call(max(stats.get(), QueueStats::samplesInTotal))).build());
        registry.register(CounterWithCallback.builder().name(NAMESPACE + "exemplars_in_total")
                .help("Exemplars in to remote storage, compare to exemplars out for queue managers. Deprecated, "
                        + "check prometheus_wal_watcher_records_read_total and "
                        + "prometheus_remote_storage_exemplars_dropped_total")
                .callback(cb -> cb.call(max(stats.get(), QueueStats::exemplarsInTotal))).build());
        registry.register(CounterWithCallback.builder().name(NAMESPACE + "histograms_in_total")
                .help("HistogramSamples in to remote storage, compare to histograms out for queue managers. "
                        + "Deprecated, check prometheus_wal_watcher_records_read_total and "
                        + "prometheus_remote_storage_histograms_dropped_total")
                .callback(cb -> cb.call(max(stats.get(), QueueStats::histogramsInTotal))).build());
        registry.register(GaugeWithCallback.builder().name(NAMESPACE + "highest_timestamp_in_seconds")
                .help("Highest timestamp that has come into the remote storage via the Appender interface, in "
                        + "seconds since epoch. Initialized to 0 when no data has been received yet. Deprecated, check "
                        + "prometheus_remote_storage_queue_highest_timestamp_seconds which is more accurate.")
                .callback(cb -> cb.call(max(stats.get(), QueueStats::queueHighestTimestampSeconds))).build());
    }

    private static final String NAMESPACE = "prometheus_remote_storage_";

    private static double max(List<QueueStats> all, ToDoubleFunction<QueueStats> f) {
        double m = 0;
        for (QueueStats s : all) {
            m = Math.max(m, f.applyAsDouble(s));
        }
        return m;
    }

    /** Registers callback families labelled {@code remote_name} and {@code url}. */
    private record Registrar(PrometheusRegistry registry, Supplier<List<QueueStats>> stats) {
        void counter(String name, String help, ToDoubleFunction<QueueStats> f) {
            registry.register(CounterWithCallback.builder().name(NAMESPACE + name).help(help)
                    .labelNames("remote_name", "url").callback(cb -> {
                        for (QueueStats s : stats.get()) {
                            cb.call(f.applyAsDouble(s), s.remoteName(), s.url());
                        }
                    }).build());
        }

        void gauge(String name, String help, ToDoubleFunction<QueueStats> f) {
            registry.register(GaugeWithCallback.builder().name(NAMESPACE + name).help(help)
                    .labelNames("remote_name", "url").callback(cb -> {
                        for (QueueStats s : stats.get()) {
                            cb.call(f.applyAsDouble(s), s.remoteName(), s.url());
                        }
                    }).build());
        }

        void droppedCounter(String name, String what, Function<QueueStats, Map<String, Long>> f) {
            String help = "Total number of " + what + " which were dropped after being read from the WAL before "
                    + "being sent via remote write, either via relabelling, due to being too old or unintentionally "
                    + "because of an unknown reference ID.";
            registry.register(CounterWithCallback.builder().name(NAMESPACE + name).help(help)
                    .labelNames("reason", "remote_name", "url").callback(cb -> {
                        for (QueueStats s : stats.get()) {
                            f.apply(s).forEach((reason, n) -> cb.call(n, reason, s.remoteName(), s.url()));
                        }
                    }).build());
        }
    }

    /** {@code sent_batch_duration_seconds}: a classic histogram built from the queues' bucket counts. */
    private static final class SentBatchDuration implements MultiCollector {
        private final Supplier<List<QueueStats>> stats;

        SentBatchDuration(Supplier<List<QueueStats>> stats) {
            this.stats = stats;
        }

        @Override
        public MetricSnapshots collect() {
            List<QueueStats> all = stats.get();
            if (all.isEmpty()) {
                // As an empty vector in Prometheus: no family at all.
                return MetricSnapshots.of();
            }
            HistogramSnapshot.Builder h = HistogramSnapshot.builder().name(NAMESPACE + "sent_batch_duration_seconds")
                    .help("Duration of send calls to the remote storage.");
            for (QueueStats s : all) {
                ClassicHistogramBuckets.Builder b = ClassicHistogramBuckets.builder();
                long previous = 0;
                long[] cumulative = s.sentBatchBuckets();
                for (int i = 0; i < SENT_BATCH_BUCKETS.length; i++) {
                    b.bucket(SENT_BATCH_BUCKETS[i], cumulative[i] - previous);
                    previous = cumulative[i];
                }
                b.bucket(Double.POSITIVE_INFINITY, Math.max(0, s.sentBatches() - previous));
                h.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                        .labels(Labels.of("remote_name", s.remoteName(), "url", s.url()))
                        .classicHistogramBuckets(b.build()).sum(s.sentBatchDurationSeconds()).build());
            }
            return MetricSnapshots.of(h.build());
        }

        @Override
        public List<String> getPrometheusNames() {
            return List.of(NAMESPACE + "sent_batch_duration_seconds");
        }
    }
}
