package io.ignis.server.remote;

import io.ignis.config.LabelNames;
import io.ignis.config.MetadataConfig;
import io.ignis.config.QueueConfig;
import io.ignis.config.RemoteWriteConfig;
import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricMetadata;
import io.ignis.scrape.relabel.Relabeler;
import it.unimi.dsi.fastutil.longs.Long2IntMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectIterator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code remote_write} queue: its WAL watcher, its shards and their sender, the saved send position and the
 * periodic shard-count update. Series are relabelled once, when the watcher first sees them: external labels are
 * added (a series' own labels win), then {@code write_relabel_configs} apply, as in Prometheus's {@code StoreSeries}.
 *
 * <p>The send position is saved after every batch, per shard, down to the entry inside a record (see {@link
 * SentPosition}), so a restart sends nothing twice. Throughput against Prometheus 2.42:
 * {@code benchmarks/scripts/remote-write-vs-prometheus.sh}.
 */
final class QueueManager implements WalWatcher.Sink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueManager.class);

    private final RemoteWriteConfig config;
    private final String name;
    private final QueueConfig qc;
    private final WriteClient client;
    private final Relabeler relabeler;
    private final Map<String, String> externalLabels;
    private final RemoteTimings timings;
    private final LongSupplier clock;
    private final ProgressMarker marker;
    private final SentRecords sentRecords;
    private final QueueMetrics metrics;
    private final WalWatcher watcher;
    private final Thread watcherThread;
    private final ScheduledExecutorService ticker;
    private final DesiredShards desired = new DesiredShards();
    /** Watcher thread only. */
    private final Long2ObjectOpenHashMap<Labels> series = new Long2ObjectOpenHashMap<>();
    /** The segment each series was last stored from; watcher thread only. */
    private final Long2IntOpenHashMap seriesSegment = new Long2IntOpenHashMap();
    private volatile int seriesCount;
    /** What shards sent beyond the saved start before the last stop, or null; watcher thread only. */
    private final AlreadySent alreadySent;
    /** The index in its WAL record of the entry being handed over; watcher thread only. */
    private int entryIndex;
    private final Map<String, MetricMetadata> metadata = new ConcurrentHashMap<>();
    private final LabelsBuilder builder = new LabelsBuilder();
    private volatile WriteProtocol protocol;
    private volatile Shard[] shards;
    private Thread[] shardThreads;
    private volatile int wantShards;
    private volatile long lastSuccessNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    private long lastIn;
    private long lastOut;
    private long lastDropped;
    private long lastNanos;
    private SentPosition lastSaved;

    QueueManager(RemoteWriteConfig config, String name, Path walDir, Path markerFile,
                 Map<String, String> externalLabels, RemoteTimings timings, LongSupplier clock) {
        this.config = config;
        this.name = name;
        this.qc = config.queueConfig();
        this.externalLabels = Map.copyOf(externalLabels);
        this.timings = timings;
        this.clock = clock;
        this.protocol = WriteProtocol.ofMessage(config.protobufMessage());
        this.relabeler = Relabeler.compile(config.writeRelabelConfigs(), LabelNames.UTF8);
        this.client = new WriteClient(URI.create(config.url()), config.httpClientConfig(), config.headers(),
                config.remoteTimeout(), qc.retryOnHttp429());
        this.metrics = new QueueMetrics(qc.minShards(), qc.maxShards(), qc.capacity(), qc.maxSamplesPerSend());
        this.marker = new ProgressMarker(markerFile);
        SentPosition resume = marker.load();
        this.sentRecords = new SentRecords(resume == null ? null : resume.start());
        this.alreadySent = resume == null || resume.shards() == 0 ? null : new AlreadySent(resume);
        this.wantShards = qc.minShards();
        startShards(qc.minShards());
        this.watcher = new WalWatcher(walDir, resume == null ? null : resume.start(), config.sendExemplars(),
                config.sendNativeHistograms(), timings.walPoll().toNanos(), this);
        this.watcherThread = new Thread(watcher, "remote-write-watcher-" + name);
        watcherThread.setDaemon(true);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "remote-write-ticker-" + name);
            t.setDaemon(true);
            return t;
        });
        watcherThread.start();
        long markerMs = timings.markerSave().toMillis();
        ticker.scheduleWithFixedDelay(this::saveMarker, markerMs, markerMs, TimeUnit.MILLISECONDS);
        long shardMs = timings.shardUpdate().toMillis();
        ticker.scheduleWithFixedDelay(this::updateShards, shardMs, shardMs, TimeUnit.MILLISECONDS);
        MetadataConfig mc = config.metadataConfig();
        if (mc.send() && protocol == WriteProtocol.V1) {
            long ms = mc.sendInterval().toMillis();
            ticker.scheduleWithFixedDelay(this::sendMetadata, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    RemoteWriteConfig config() {
        return config;
    }

    QueueStats stats() {
        metrics.shards = shards.length;
        long pending = 0;
        for (Shard s : shards) {
            pending += s.pending();
        }
        metrics.samplesPending.set(pending);
        return metrics.snapshot(name, config.url());
    }

    WriteProtocol protocol() {
        return protocol;
    }

    private void startShards(int n) {
        int perShard = Math.max(qc.maxSamplesPerSend(), qc.capacity());
        Shard[] s = new Shard[n];
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            s[i] = new Shard(perShard, qc.maxSamplesPerSend(), qc.batchSendDeadline().toNanos(), this::sendBatch,
                    this::saveMarker);
            threads[i] = new Thread(s[i], "remote-write-shard-" + name + "-" + i);
            // Daemon: a process that exits without close() loses nothing, the WAL and the saved position remain.
            threads[i].setDaemon(true);
            threads[i].start();
        }
        shards = s;
        shardThreads = threads;
        metrics.shards = n;
    }

    /** Stops the shards after they sent what they hold (up to {@code deadlineNanos}); true when all finished. */
    private boolean stopShards(long deadlineNanos) throws InterruptedException {
        for (Shard s : shards) {
            s.stop();
        }
        long end = System.nanoTime() + deadlineNanos;
        boolean clean = true;
        for (Thread t : shardThreads) {
            t.join(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            if (t.isAlive()) {
                clean = false;
                t.interrupt();
                t.join();
            }
        }
        return clean;
    }

    /** Series known to the watcher (dropped ones included); for tests. */
    int seriesCount() {
        return seriesCount;
    }

    @Override
    public void seriesReset(int segment) {
        ObjectIterator<Long2IntMap.Entry> it = seriesSegment.long2IntEntrySet().iterator();
        while (it.hasNext()) {
            Long2IntMap.Entry e = it.next();
            if (e.getIntValue() < segment) {
                series.remove(e.getLongKey());
                it.remove();
            }
        }
        seriesCount = seriesSegment.size();
    }

    @Override
    public void storeSeries(long ref, Labels labels, int segment) {
        seriesSegment.put(ref, segment);
        builder.reset(labels);
        for (Map.Entry<String, String> e : externalLabels.entrySet()) {
            if (!labels.has(e.getKey())) {
                builder.set(e.getKey(), e.getValue());
            }
        }
        Labels l = relabeler.process(builder.build());
        series.put(ref, l == null || l.isEmpty() ? null : l);
        seriesCount = seriesSegment.size();
    }

    @Override
    public void beginRecord(int segment, long start) {
        entryIndex = -1;
        if (alreadySent != null) {
            alreadySent.beginRecord(segment, start);
        }
    }

    /**
     * Counts the entry in its record, then true for an entry a shard sent before the last stop while another shard
     * lagged: it is not sent again. Asked before any drop, so indexes are those the shards saw.
     */
    private boolean sentBefore(long ref) {
        entryIndex++;
        return alreadySent != null && alreadySent.sent(ref, entryIndex);
    }

    @Override
    public void appendSample(long ref, long t, double v, long seq) throws InterruptedException {
        if (sentBefore(ref)) {
            return;
        }
        metrics.samplesIn.increment();
        QueueMetrics.raise(metrics.highestTimestamp, t);
        Labels l = series.get(ref);
        long ageLimit = qc.sampleAgeLimit().toMillis();
        if (ageLimit > 0 && t < clock.getAsLong() - ageLimit) {
            metrics.dropSample(QueueMetrics.TOO_OLD);
            return;
        }
        if (l == null) {
            // A null entry is a series relabeling dropped; no entry at all is a series the watcher never saw.
            metrics.dropSample(series.containsKey(ref) ? QueueMetrics.DROPPED_SERIES
                    : QueueMetrics.UNINTENTIONALLY_DROPPED_SERIES);
            return;
        }
        enqueue(ref, l, t, v, Batch.SAMPLE, null, seq);
    }

    @Override
    public void appendExemplar(long ref, long t, double v, Labels exemplar, long seq) throws InterruptedException {
        if (sentBefore(ref)) {
            return;
        }
        metrics.exemplarsIn.increment();
        Labels l = series.get(ref);
        if (l == null) {
            metrics.dropExemplar(series.containsKey(ref) ? QueueMetrics.DROPPED_SERIES
                    : QueueMetrics.UNINTENTIONALLY_DROPPED_SERIES);
            return;
        }
        enqueue(ref, l, t, v, Batch.EXEMPLAR, exemplar, seq);
    }

    /**
     * As Prometheus's {@code AppendHistograms}: too old or of a dropped series, a histogram is counted and left out;
     * one with custom buckets cannot travel in remote write 1.0 and is left out too.
     */
    @Override
    public void appendHistogram(long ref, long t, Histogram h, FloatHistogram fh, long seq)
            throws InterruptedException {
        if (sentBefore(ref)) {
            return;
        }
        metrics.histogramsIn.increment();
        QueueMetrics.raise(metrics.highestTimestamp, t);
        long ageLimit = qc.sampleAgeLimit().toMillis();
        if (ageLimit > 0 && t < clock.getAsLong() - ageLimit) {
            metrics.dropHistogram(QueueMetrics.TOO_OLD);
            return;
        }
        int schema = h != null ? h.schema() : fh.schema();
        if (protocol == WriteProtocol.V1 && schema == Histogram.CUSTOM_BUCKETS_SCHEMA) {
            metrics.dropHistogram(QueueMetrics.NHCB_IN_RW1_NOT_SUPPORTED);
            return;
        }
        Labels l = series.get(ref);
        if (l == null) {
            metrics.dropHistogram(series.containsKey(ref) ? QueueMetrics.DROPPED_SERIES
                    : QueueMetrics.UNINTENTIONALLY_DROPPED_SERIES);
            return;
        }
        if (h != null) {
            enqueue(ref, l, t, 0, Batch.HISTOGRAM, h, seq);
        } else {
            enqueue(ref, l, t, 0, Batch.FLOAT_HISTOGRAM, fh, seq);
        }
    }

    private void enqueue(long ref, Labels l, long t, double v, byte kind, Object ex, long seq)
            throws InterruptedException {
        Shard[] s = shards;
        if (!s[(int) Long.remainderUnsigned(ref, s.length)].append(l, t, v, kind, ex, seq, entryIndex)) {
            metrics.enqueueRetries.increment();
        }
    }

    @Override
    public void updateMetadata(long ref, MetricMetadata m) {
        Labels l = series.get(ref);
        if (l != null && l.metricName() != null) {
            metadata.put(l.metricName(), m);
        }
    }

    @Override
    public void recordDone(long seq, WalPosition end) {
        sentRecords.queued(seq, end);
    }

    /**
     * Reshards when the ticker asked for another count, as Prometheus's {@code shouldReshard}: only if a batch was
     * sent successfully within the last shard-update interval, since stopping shards waits for their batches.
     */
    @Override
    public void idle() throws InterruptedException {
        int want = wantShards;
        boolean sending = System.nanoTime() - lastSuccessNanos < timings.shardUpdate().toNanos();
        if (want != shards.length && sending) {
            LOG.info("remote write resharding remote_name={} from={} to={}", name, shards.length, want);
            stopShards(Long.MAX_VALUE / 4);
            startShards(want);
        }
    }

    /** Asks for {@code n} shards at the watcher's next safe point; the ticker's own computation may override it. */
    void requestShards(int n) {
        wantShards = n;
    }

    private void updateShards() {
        try {
            long in = metrics.samplesIn.sum();
            long out = metrics.samplesSent.sum();
            long dropped = metrics.samplesDropped.sum() + metrics.samplesFailed.sum();
            long nanos = metrics.sentBatchNanos.sum();
            double delay = (metrics.highestTimestamp.get() - metrics.highestSentTimestamp.get()) / 1000.0;
            int cur = shards.length;
            wantShards = desired.tick(timings.shardUpdate().toNanos() / 1e9, in - lastIn, out - lastOut,
                    dropped - lastDropped, nanos - lastNanos, Math.max(0, delay), cur, qc.minShards(),
                    qc.maxShards());
            metrics.desiredShards = wantShards;
            lastIn = in;
            lastOut = out;
            lastDropped = dropped;
            lastNanos = nanos;
        } catch (RuntimeException e) {
            LOG.error("remote write shard update failed remote_name={}", name, e);
        }
    }

    /**
     * Saves how far each shard has sent, after every batch a shard finished with (sent or dropped for good), on the
     * ticker and at close; serialised, so a slower save never overwrites a newer position.
     */
    synchronized void saveMarker() {
        try {
            long highest = sentRecords.highestQueued();
            Shard[] s = shards;
            long[] oldest = new long[s.length];
            long[] lastSent = new long[s.length];
            int[] sentOfLast = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                s[i].pending(i, oldest, lastSent, sentOfLast);
            }
            SentPosition p = sentRecords.advance(oldest, lastSent, sentOfLast, highest);
            if (p != null && !p.equals(lastSaved)) {
                marker.save(p);
                lastSaved = p;
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("remote write: save sent position failed remote_name={} err={}", name, e.toString());
        }
    }

    /** Shard sender: one batch, retried with backoff while the failure is recoverable. */
    private void sendBatch(Batch b) throws InterruptedException {
        WriteProtocol p = protocol;
        byte[] body;
        try {
            body = WriteRequestEncoder.encode(b, p, metadata::get);
        } catch (RuntimeException e) {
            metrics.samplesFailed.add(b.samples);
            metrics.exemplarsFailed.add(b.exemplars);
            metrics.histogramsFailed.add(b.histograms);
            LOG.error("remote write: cannot encode batch, dropping it remote_name={}", name, e);
            return;
        }
        long backoff = qc.minBackoff().toMillis();
        while (true) {
            long start = System.nanoTime();
            WriteClient.Outcome o = client.send(body, p);
            metrics.sentBatchNanos.add(System.nanoTime() - start);
            metrics.sentBatches.increment();
            switch (o.kind()) {
                case SUCCESS -> {
                    lastSuccessNanos = System.nanoTime();
                    QueueMetrics.raise(metrics.highestSentTimestamp, b.highestSampleTimestamp());
                    metrics.exemplarsSent.add(b.exemplars);
                    metrics.histogramsSent.add(b.histograms);
                    metrics.bytesSent.add(body.length);
                    metrics.samplesSent.add(b.samples);
                    return;
                }
                case UNSUPPORTED_VERSION -> {
                    LOG.warn("remote write: receiver does not accept 2.0, falling back to 1.0 remote_name={}", name);
                    protocol = WriteProtocol.V1;
                    p = WriteProtocol.V1;
                    body = WriteRequestEncoder.encode(b, p, metadata::get);
                }
                case FAILED -> {
                    metrics.samplesFailed.add(b.samples);
                    metrics.exemplarsFailed.add(b.exemplars);
                    metrics.histogramsFailed.add(b.histograms);
                    if (config.failedRequestLogging() || LOG.isDebugEnabled()) {
                        LOG.error("remote write: non-recoverable error, dropping batch remote_name={} samples={} "
                                + "err={}", name, b.samples, o.message());
                    }
                    return;
                }
                case RECOVERABLE -> {
                    metrics.samplesRetried.add(b.samples);
                    metrics.exemplarsRetried.add(b.exemplars);
                    metrics.histogramsRetried.add(b.histograms);
                    LOG.debug("remote write: recoverable error, retrying remote_name={} err={}", name, o.message());
                    long sleep = o.retryAfterMillis() >= 0 ? o.retryAfterMillis() : backoff;
                    Thread.sleep(sleep);
                    backoff = Math.min(backoff * 2, qc.maxBackoff().toMillis());
                }
                default -> throw new IllegalStateException("bug: outcome " + o.kind());
            }
        }
    }

    /** Remote write 1.0 carries metadata in separate requests, every {@code metadata_config.send_interval}. */
    private void sendMetadata() {
        try {
            List<Map.Entry<String, MetricMetadata>> all = new ArrayList<>(metadata.entrySet());
            int per = Math.max(1, config.metadataConfig().maxSamplesPerSend());
            for (int i = 0; i < all.size(); i += per) {
                List<Map.Entry<String, MetricMetadata>> part = all.subList(i, Math.min(all.size(), i + per));
                byte[] body = WriteRequestEncoder.compress(WriteRequestEncoder.v1Metadata(part).toByteArray());
                WriteClient.Outcome o = client.send(body, WriteProtocol.V1);
                if (o.kind() == WriteClient.Outcome.Kind.SUCCESS) {
                    metrics.metadataSent.add(part.size());
                    metrics.metadataBytesSent.add(body.length);
                } else {
                    metrics.metadataFailed.add(part.size());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("remote write: send metadata failed remote_name={} err={}", name, e.toString());
        }
    }

    /** Wakes the watcher at once; for tests and callers that know the WAL just grew. */
    void walWritten() {
        watcher.notifyWritten();
    }

    /**
     * Stops reading the WAL, gives the shards {@code flush_deadline} to send what they hold, then interrupts them
     * and saves the sent position. Unsent samples stay in the WAL for the next start.
     */
    @Override
    public void close() throws InterruptedException {
        watcher.close();
        watcherThread.interrupt();
        watcherThread.join();
        ticker.shutdownNow();
        if (!stopShards(timings.flushDeadline().toNanos())) {
            LOG.warn("remote write: flush deadline passed, unsent samples stay in the WAL remote_name={}", name);
        }
        saveMarker();
    }
}
