package io.ignis.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.ConfigLoader;
import io.ignis.config.PrometheusConfig;
import io.ignis.labels.Labels;
import io.ignis.model.Exemplar;
import io.ignis.model.MetricMetadata;
import io.ignis.model.MetricType;
import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import io.ignis.server.remote.proto.WriteRequest;
import org.xerial.snappy.Snappy;
import io.ignis.storage.Appender;
import io.ignis.tsdb.Head;
import io.ignis.tsdb.HeadOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote write end to end on loopback: samples appended to a real {@link Head} with a WAL are shipped by the WAL
 * watcher and queue into our own receiver backed by a recording fake, through outages, restarts and bad batches.
 */
class RemoteWriteQueueTest {
    static final RemoteTimings FAST = new RemoteTimings(Duration.ofMillis(10), Duration.ofHours(1),
            Duration.ofMillis(10), Duration.ofMillis(300));
    private static final Duration WAIT = Duration.ofSeconds(20);

    enum Mode { UP, DOWN, REJECT_NEXT, DOWN_FOR_S1 }

    @TempDir
    Path dir;
    private final RecordingAppendable received = new RecordingAppendable();
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.UP);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<Map<String, String>> lastHeaders = new AtomicReference<>(Map.of());
    private RemoteWriteReceiver receiver;
    private LoopbackServer server;

    @BeforeEach
    void start() throws Exception {
        receiver = new RemoteWriteReceiver(received, Set.of(WriteProtocol.V1, WriteProtocol.V2), 1 << 24, 1 << 26);
        server = new LoopbackServer(this::serve);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Response serve(Request r) {
        requests.incrementAndGet();
        lastHeaders.set(r.headers());
        captureMetadata(r);
        return switch (mode.get()) {
            case DOWN -> Response.text(503, "receiver down");
            case REJECT_NEXT -> {
                mode.set(Mode.UP);
                yield Response.text(400, "bad batch");
            }
            case DOWN_FOR_S1 -> carriesS1(r) ? Response.text(503, "down for s=1") : receiver.handle(r);
            case UP -> receiver.handle(r);
        };
    }

    private static boolean carriesS1(Request r) {
        try {
            WriteRequest wr = WriteRequest.parseFrom(Snappy.uncompress(r.body()));
            return wr.getTimeseriesList().stream().anyMatch(ts -> ts.getLabelsList().stream()
                    .anyMatch(l -> l.getName().equals("s") && l.getValue().equals("1")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final Map<String, MetricMetadata> sentMetadata = new java.util.concurrent.ConcurrentHashMap<>();

    /** Our receiver ignores 1.0 metadata, as Prometheus's does; the test reads it off the wire. */
    private void captureMetadata(Request r) {
        if (r.header("content-type") == null || r.header("content-type").contains("proto=")) {
            return;
        }
        try {
            WriteRequest wr = WriteRequest.parseFrom(Snappy.uncompress(r.body()));
            for (io.ignis.server.remote.proto.MetricMetadata m : wr.getMetadataList()) {
                sentMetadata.put(m.getMetricFamilyName(), new MetricMetadata(MetricType.parse(
                        m.getType().name().toLowerCase(java.util.Locale.ROOT)), m.getUnit(), m.getHelp()));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static PrometheusConfig config(String url, String extra) {
        return ConfigLoader.load("""
                global:
                  external_labels: {replica: a}
                remote_write:
                  - url: %s
                    name: test
                    queue_config:
                      capacity: 200
                      max_samples_per_send: 50
                      batch_send_deadline: 20ms
                      min_shards: 2
                      max_shards: 2
                      min_backoff: 5ms
                      max_backoff: 40ms
                %s""".formatted(url, extra), "remote.yml");
    }

    static void append(Head head, int series, long fromT, int count) {
        Appender app = head.appender();
        for (int i = 0; i < count; i++) {
            for (int s = 0; s < series; s++) {
                app.append(0, Labels.of("__name__", "m", "s", Integer.toString(s)), fromT + i * 1000L, i);
            }
        }
        app.commit();
    }

    private static HeadOptions opts() {
        return HeadOptions.defaults().withStripeSize(16).withReplayWorkers(1);
    }

    private void awaitReceived(int n) {
        Poll.until(WAIT, () -> received.size() >= n, () -> n + " samples, got " + received.size());
    }

    private static void assertExactlyOnce(List<RecordingAppendable.Point> points, int series, long fromT, int count) {
        Set<String> seen = new HashSet<>();
        for (RecordingAppendable.Point p : points) {
            assertThat(seen.add(p.labels() + "@" + p.t())).as("duplicate %s@%d", p.labels(), p.t()).isTrue();
        }
        for (int s = 0; s < series; s++) {
            for (int i = 0; i < count; i++) {
                Labels want = Labels.of("__name__", "m", "replica", "a", "s", Integer.toString(s));
                assertThat(seen).as("missing").contains(want + "@" + (fromT + i * 1000L));
            }
        }
    }

    @Test
    void shipsEverySampleWithExternalLabels() throws Exception {
        try (Head head = Head.open(dir, opts());
             RemoteStorage rs = new RemoteStorage(dir, FAST, System::currentTimeMillis, () -> 0)) {
            rs.apply(config(server.url("/api/v1/write"), ""));
            append(head, 5, 1000, 100);
            awaitReceived(500);
            assertExactlyOnce(received.points(), 5, 1000, 100);
            Poll.until(WAIT, () -> rs.stats().get(0).samplesTotal() == 500, () -> "samples_total 500");
            QueueStats st = rs.stats().get(0);
            assertThat(st.remoteName()).isEqualTo("test");
            assertThat(st.shards()).isEqualTo(2);
            assertThat(st.samplesFailedTotal()).isZero();
            assertThat(st.queueHighestSentTimestampSeconds()).isEqualTo(100.0);
        }
    }

    @Test
    void protocolV2SendsEverySample() throws Exception {
        try (Head head = Head.open(dir, opts());
             RemoteStorage rs = new RemoteStorage(dir, FAST, System::currentTimeMillis, () -> 0)) {
            rs.apply(config(server.url("/api/v1/write"), "    protobuf_message: io.prometheus.write.v2.Request\n"));
            append(head, 3, 1000, 40);
            awaitReceived(120);
            assertExactlyOnce(received.points(), 3, 1000, 40);
        }
    }

    @Test
    void writeRelabelConfigsDropSeries() throws Exception {
        String relabel = """
                    write_relabel_configs:
                      - source_labels: [s]
                        regex: "0"
                        action: drop
                """;
        try (Head head = Head.open(dir, opts());
             RemoteStorage rs = new RemoteStorage(dir, FAST, System::currentTimeMillis, () -> 0)) {
            rs.apply(config(server.url("/api/v1/write"), relabel));
            append(head, 2, 1000, 30);
            Poll.until(WAIT, () -> rs.stats().get(0).samplesDroppedTotal() == 30
                    && received.size() == 30, () -> "30 sent and 30 dropped, got " + received.size());
            assertThat(received.points()).allSatisfy(p -> assertThat(p.labels().get("s")).isEqualTo("1"));
        }
    }

    @Test
    void outageAndRestartLoseNothingAndDuplicateNothing() throws Exception {
        mode.set(Mode.DOWN);
        Head head = Head.open(dir, opts());
        RemoteStorage rs = new RemoteStorage(dir, FAST, System::currentTimeMillis, () -> 0);
        rs.apply(config(server.url("/api/v1/write"), ""));
        append(head, 4, 1000, 60);
        Poll.until(WAIT, () -> rs.stats().get(0).samplesRetriedTotal() > 0, () -> "retries while down");
        rs.close();
        head.close();

        head = Head.open(dir, opts());
        append(head, 4, 61_000, 60);
        RemoteStorage rs2 = new RemoteStorage(dir, FAST, System::currentTimeMillis, () -> 0);
        rs2.apply(config(server.url("/api/v1/write"), ""));
        int before = requests.get();
        Poll.until(WAIT, () -> requests.get() > before + 2, () -> "retries after restart");
        assertThat(received.size()).isZero();
        mode.set(Mode.UP);
        awaitReceived(480);
        rs2.close();
        head.close();
        assertThat(received.size()).isEqualTo(480);
        assertExactlyOnce(received.points(), 4, 1000, 120);
    }

    /**
     * One shard sends while the other cannot, then Ignis stops: the restart resumes at the lagging shard's position
     * and skips what the other shard had sent, so nothing arrives twice.
     */
    @Test
    void shardAheadOfAnotherAtAStopSendsNothingTwice() throws Exception {
        mode.set(Mode.DOWN_FOR_S1);
        Head head = Head.open(dir, opts());
        RemoteStorage rs = new RemoteStorage(dir, FAST, System::currentTimeMillis, () -> 0);
        rs.apply(config(server.url("/api/v1/write"), ""));
        for (int i = 0; i < 6; i++) {
            append(head, 4, 1000 + i * 10_000L, 10);
        }
        // Series 1 shares its shard with one other series; the two series of the other shard arrive.
        awaitReceived(120);
        Poll.until(WAIT, () -> rs.stats().get(0).samplesRetriedTotal() > 0, () -> "retries for s=1");
        rs.close();
        head.close();
        assertThat(received.size()).isEqualTo(120);

        mode.set(Mode.UP);
        head = Head.open(dir, opts());
        append(head, 4, 61_000, 10);
        RemoteStorage rs2 = new RemoteStorage(dir, FAST, System::currentTimeMillis, () -> 0);
        rs2.apply(config(server.url("/api/v1/write"), ""));
        awaitReceived(280);
        rs2.close();
        head.close();
        assertExactlyOnce(received.points(), 4, 1000, 70);
        assertThat(received.size()).isEqualTo(280);
    }

    @Test
    void badRequestDropsTheBatchAndCountsIt() throws Exception {
        mode.set(Mode.REJECT_NEXT);
        try (Head head = Head.open(dir, opts());
             RemoteStorage rs = new RemoteStorage(dir, FAST, System::currentTimeMillis, () -> 0)) {
            rs.apply(config(server.url("/api/v1/write"), ""));
            append(head, 1, 1000, 10);
            Poll.until(WAIT, () -> rs.stats().get(0).samplesFailedTotal() == 10, () -> "10 failed samples");
            append(head, 1, 11_000, 10);
            awaitReceived(10);
            assertThat(received.points()).extracting(RecordingAppendable.Point::t).allMatch(t -> t >= 11_000);
            Poll.until(WAIT, () -> rs.stats().get(0).samplesTotal() == 10, () -> "samples_total 10");
        }
    }

    @Test
    void protocolV2FallsBackToV1WhenTheReceiverAnswers415() throws Exception {
        receiver = new RemoteWriteReceiver(received, Set.of(WriteProtocol.V1), 1 << 24, 1 << 26);
        try (Head head = Head.open(dir, opts());
             RemoteStorage rs = new RemoteStorage(dir, FAST, System::currentTimeMillis, () -> 0)) {
            rs.apply(config(server.url("/api/v1/write"), "    protobuf_message: io.prometheus.write.v2.Request\n"));
            append(head, 2, 1000, 20);
            awaitReceived(40);
            assertExactlyOnce(received.points(), 2, 1000, 20);
            assertThat(rs.stats().get(0).samplesFailedTotal()).isZero();
            assertThat(lastHeaders.get()).containsEntry("x-prometheus-remote-write-version", "0.1.0");
        }
    }

    @Test
    void sendsHeadersAndBasicAuth() throws Exception {
        String extra = """
                    headers: {X-Scope-OrgID: tenant-1}
                    basic_auth: {username: user, password: pass}
                """;
        try (Head head = Head.open(dir, opts());
             RemoteStorage rs = new RemoteStorage(dir, FAST, System::currentTimeMillis, () -> 0)) {
            rs.apply(config(server.url("/api/v1/write"), extra));
            append(head, 1, 1000, 3);
            awaitReceived(3);
            assertThat(lastHeaders.get())
                    .containsEntry("x-scope-orgid", "tenant-1")
                    .containsEntry("authorization", "Basic dXNlcjpwYXNz")
                    .containsEntry("content-encoding", "snappy")
                    .containsEntry("content-type", "application/x-protobuf")
                    .containsEntry("x-prometheus-remote-write-version", "0.1.0");
        }
    }

    @Test
    void sendsExemplarsAndV1Metadata() throws Exception {
        String extra = """
                    send_exemplars: true
                    metadata_config: {send_interval: 20ms}
                """;
        try (Head head = Head.open(dir, opts());
             RemoteStorage rs = new RemoteStorage(dir, FAST, System::currentTimeMillis, () -> 0)) {
            rs.apply(config(server.url("/api/v1/write"), extra));
            Labels l = Labels.of("__name__", "req_total");
            Appender app = head.appender();
            long ref = app.append(0, l, 1000, 1);
            app.appendExemplar(ref, l, new Exemplar(Labels.of("trace_id", "abc"), 1, 1000, true));
            app.updateMetadata(ref, l, new MetricMetadata(MetricType.COUNTER, "", "requests"));
            app.commit();
            awaitReceived(1);
            Poll.until(WAIT, () -> received.exemplars.size() == 1 && sentMetadata.containsKey("req_total"),
                    () -> "exemplar and metadata");
            assertThat(received.exemplars.get(0).labels()).isEqualTo(Labels.of("trace_id", "abc"));
            assertThat(sentMetadata.get("req_total")).isEqualTo(new MetricMetadata(MetricType.COUNTER, "",
                    "requests"));
            Poll.until(WAIT, () -> rs.stats().get(0).exemplarsTotal() == 1, () -> "exemplars_total 1");
        }
    }

    @Test
    void reshardingKeepsEverySampleExactlyOnce() throws Exception {
        try (Head head = Head.open(dir, opts())) {
            QueueManager q = new QueueManager(config(server.url("/api/v1/write"), "").remoteWriteConfigs().get(0),
                    "resharded", dir.resolve("wal"), dir.resolve("remote_write/resharded.position"), Map.of(
                    "replica", "a"), FAST, System::currentTimeMillis);
            try {
                append(head, 6, 1000, 50);
                q.requestShards(4);
                append(head, 6, 51_000, 50);
                awaitReceived(600);
                Poll.until(WAIT, () -> q.stats().shards() == 4, () -> "4 shards");
                append(head, 6, 101_000, 50);
                awaitReceived(900);
            } finally {
                q.close();
            }
            assertExactlyOnce(received.points(), 6, 1000, 150);
        }
    }

    @Test
    void seriesComeFromTheCheckpointAfterWalTruncation() throws Exception {
        HeadOptions small = opts().withWalSegmentSize(32 * 1024);
        try (Head head = Head.open(dir, small)) {
            for (int round = 0; round < 12; round++) {
                append(head, 20, 1000 + round * 200_000L, 200);
            }
            head.truncate(1);
            assertThat(io.ignis.tsdb.wal.Checkpoint.last(dir.resolve("wal"))).as("checkpoint").isNotNull();
            assertThat(io.ignis.tsdb.wal.Segments.list(dir.resolve("wal")).get(0).index()).isPositive();
            try (RemoteStorage rs = new RemoteStorage(dir, FAST, System::currentTimeMillis, () -> 0)) {
                rs.apply(config(server.url("/api/v1/write"), ""));
                append(head, 20, 3_000_000, 5);
                awaitReceived(100);
                Poll.until(WAIT, () -> rs.stats().get(0).samplesTotal() == 100, () -> "samples_total 100");
            }
        }
        assertThat(received.size()).isEqualTo(100);
        assertExactlyOnce(received.points(), 20, 3_000_000, 5);
    }

    @Test
    void receiverProcessGoneAndBackWithIgnisRestartInBetween() throws Exception {
        int port = server.port();
        String url = server.url("/api/v1/write");
        server.close();
        Head head = Head.open(dir, opts());
        RemoteStorage rs = new RemoteStorage(dir, FAST, System::currentTimeMillis, () -> 0);
        rs.apply(config(url, ""));
        append(head, 3, 1000, 50);
        Poll.until(WAIT, () -> rs.stats().get(0).samplesRetriedTotal() > 0, () -> "retries on connection refused");
        rs.close();
        head.close();
        head = Head.open(dir, opts());
        RemoteStorage rs2 = new RemoteStorage(dir, FAST, System::currentTimeMillis, () -> 0);
        rs2.apply(config(url, ""));
        append(head, 3, 51_000, 50);
        server = new LoopbackServer(this::serve, port);
        awaitReceived(300);
        rs2.close();
        head.close();
        assertThat(received.size()).isEqualTo(300);
        assertExactlyOnce(received.points(), 3, 1000, 100);
    }

    @Test
    void reloadKeepsUnchangedQueuesAndResumesChangedOnes() throws Exception {
        try (Head head = Head.open(dir, opts());
             RemoteStorage rs = new RemoteStorage(dir, FAST, System::currentTimeMillis, () -> 0)) {
            rs.apply(config(server.url("/api/v1/write"), ""));
            append(head, 2, 1000, 10);
            awaitReceived(20);
            Poll.until(WAIT, () -> rs.stats().get(0).samplesTotal() == 20, () -> "samples_total 20");
            rs.apply(config(server.url("/api/v1/write"), ""));
            assertThat(rs.stats().get(0).samplesTotal()).as("same queue kept").isEqualTo(20);
            rs.apply(config(server.url("/api/v1/write"), "    send_exemplars: true\n"));
            assertThat(rs.stats().get(0).samplesTotal()).as("queue restarted").isZero();
            append(head, 2, 11_000, 10);
            awaitReceived(40);
            rs.apply(ConfigLoader.load("global: {}\n", "empty.yml"));
            assertThat(rs.stats()).isEmpty();
        }
        assertExactlyOnce(received.points(), 2, 1000, 20);
    }

    @Test
    void firstStartSendsFromTheNewestSegmentAndARestartKeepsIt() throws Exception {
        HeadOptions small = opts().withWalSegmentSize(32 * 1024);
        try (Head head = Head.open(dir, small)) {
            for (int round = 0; round < 6; round++) {
                append(head, 20, 1000 + round * 200_000L, 200);
            }
        }
        try (Head head = Head.open(dir, small)) {
            RemoteStorage rs = new RemoteStorage(dir, FAST, System::currentTimeMillis, () -> 0);
            rs.apply(config(server.url("/api/v1/write"), ""));
            append(head, 20, 3_000_000, 5);
            awaitReceived(100);
            rs.close();
            RemoteStorage rs2 = new RemoteStorage(dir, FAST, System::currentTimeMillis, () -> 0);
            rs2.apply(config(server.url("/api/v1/write"), ""));
            append(head, 20, 3_005_000, 5);
            awaitReceived(200);
            rs2.close();
        }
        assertThat(received.size()).isEqualTo(200);
        assertExactlyOnce(received.points(), 20, 3_000_000, 10);
    }

    @Test
    void seriesDroppedByACheckpointAreForgotten() throws Exception {
        HeadOptions small = opts().withWalSegmentSize(32 * 1024);
        try (Head head = Head.open(dir, small)) {
            // Only "old" is sent, so the test waits on the watcher, not on shipping thousands of samples.
            String keepOld = """
                        write_relabel_configs:
                          - {source_labels: [__name__], regex: old, action: keep}
                    """;
            QueueManager q = new QueueManager(config(server.url("/api/v1/write"), keepOld).remoteWriteConfigs()
                    .get(0), "gc", dir.resolve("wal"), dir.resolve("remote_write/gc.position"), Map.of(), FAST,
                    System::currentTimeMillis);
            try {
                Appender app = head.appender();
                app.append(0, Labels.of("__name__", "old"), 1000, 1);
                app.commit();
                for (int round = 0; round < 12; round++) {
                    append(head, 20, 1_000_000 + round * 200_000L, 200);
                }
                Poll.until(WAIT, () -> q.seriesCount() == 21, () -> "21 series, got " + q.seriesCount());
                head.truncate(500_000);
                append(head, 20, 4_000_000, 1);
                Poll.until(WAIT, () -> q.seriesCount() == 20, () -> "20 series after the checkpoint, got "
                        + q.seriesCount());
                awaitReceived(1);
                assertThat(received.points().get(0).labels().metricName()).isEqualTo("old");
            } finally {
                q.close();
            }
        }
    }
}
