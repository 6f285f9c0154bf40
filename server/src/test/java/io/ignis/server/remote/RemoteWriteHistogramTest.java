package io.ignis.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.model.Exemplar;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Native histograms and exemplars read from the WAL travel through remote write 1.0 and 2.0 into our own receiver
 * unchanged; custom-bucket histograms only through 2.0, and nothing of either kind when the queue says not to.
 */
class RemoteWriteHistogramTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String V2 = "    protobuf_message: io.prometheus.write.v2.Request\n";
    private static final Labels SAMPLED = Labels.of("__name__", "rpc_total", "job", "a");
    private static final Labels INTS = Labels.of("__name__", "rpc_seconds", "job", "a");
    private static final Labels FLOATS = Labels.of("__name__", "rpc_bytes", "job", "a");
    private static final Labels CUSTOM = Labels.of("__name__", "rpc_nhcb", "job", "a");

    @TempDir
    Path dir;
    private final RecordingAppendable received = new RecordingAppendable();
    private LoopbackServer server;

    record Case(String name, String options, int histograms, int exemplars, Map<String, Long> dropped) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("1.0 sends histograms and exemplars, drops custom buckets",
                        "    send_exemplars: true\n    send_native_histograms: true\n", 6, 2,
                        Map.of("nhcb_in_rw1_not_supported", 1L)),
                new Case("2.0 sends custom buckets too", V2 + "    send_exemplars: true\n"
                        + "    send_native_histograms: true\n", 7, 2, Map.of()),
                new Case("1.0 without the options sends samples only", "", 0, 0, Map.of()),
                new Case("2.0 without the options sends samples only", V2, 0, 0, Map.of()));
    }

    @BeforeEach
    void start() throws Exception {
        RemoteWriteReceiver receiver = new RemoteWriteReceiver(received, Set.of(WriteProtocol.V1, WriteProtocol.V2),
                1 << 24, 1 << 26);
        server = new LoopbackServer(receiver::handle);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void histogramsAndExemplarsAsTheQueueSays(Case c) throws Exception {
        long base = System.currentTimeMillis() - 60_000;
        List<Histogram> ints = new ArrayList<>();
        List<FloatHistogram> floats = new ArrayList<>();
        try (WalRecords wal = new WalRecords(dir.resolve("wal"))) {
            wal.series(1, SAMPLED);
            wal.series(2, INTS);
            wal.series(3, FLOATS);
            wal.series(4, CUSTOM);
            for (int i = 0; i < 3; i++) {
                long t = base + i * 1000L;
                wal.sample(1, t, i);
                ints.add(WalRecords.intHistogram(i));
                wal.histogram(2, t, ints.get(i));
                floats.add(WalRecords.floatHistogram(i));
                wal.floatHistogram(3, t, floats.get(i));
            }
            wal.exemplar(1, base, 0.5, Labels.of("trace_id", "a"));
            wal.exemplar(1, base + 1000, 1.5, Labels.of("trace_id", "b"));
            wal.floatHistogram(4, base, WalRecords.customBuckets());
        }
        RemoteStorage rs = new RemoteStorage(dir, RemoteWriteQueueTest.FAST, System::currentTimeMillis, () -> 0);
        try {
            rs.apply(RemoteWriteQueueTest.config(server.url("/api/v1/write"), c.options()));
            Poll.until(WAIT, () -> received.size() == 3 && received.histogramPoints().size() == c.histograms()
                    && received.exemplarList().size() == c.exemplars(), () -> "3 samples, " + c.histograms()
                    + " histograms and " + c.exemplars() + " exemplars; got " + received.size() + ", "
                    + received.histogramPoints().size() + ", " + received.exemplarList().size());
            Poll.until(WAIT, () -> rs.stats().get(0).histogramsDroppedByReason().equals(c.dropped()),
                    () -> "dropped " + c.dropped() + ", got " + rs.stats().get(0).histogramsDroppedByReason());
            Poll.until(WAIT, () -> rs.stats().get(0).histogramsTotal() == c.histograms(),
                    () -> c.histograms() + " histograms counted as sent, got " + rs.stats().get(0).histogramsTotal());
        } finally {
            rs.close();
        }
        if (c.histograms() == 0) {
            return;
        }
        List<RecordingAppendable.HistogramPoint> got = received.histogramPoints();
        for (int i = 0; i < 3; i++) {
            long t = base + i * 1000L;
            assertThat(got).filteredOn(p -> p.labels().get("__name__").equals("rpc_seconds") && p.t() == t)
                    .singleElement().satisfies(p -> assertThat(p.h()).usingRecursiveComparison()
                            .isEqualTo(ints.get((int) ((p.t() - base) / 1000)))).extracting(
                            RecordingAppendable.HistogramPoint::fh).isNull();
            assertThat(got).filteredOn(p -> p.labels().get("__name__").equals("rpc_bytes") && p.t() == t)
                    .singleElement().satisfies(p -> assertThat(p.fh()).usingRecursiveComparison()
                            .isEqualTo(floats.get((int) ((p.t() - base) / 1000))));
        }
        assertThat(got).allSatisfy(p -> assertThat(p.labels().get("replica")).isEqualTo("a"));
        assertThat(received.exemplarList()).extracting(Exemplar::value).containsExactly(0.5, 1.5);
        if (c.histograms() == 7) {
            assertThat(got).filteredOn(p -> p.labels().get("__name__").equals("rpc_nhcb")).singleElement()
                    .satisfies(p -> assertThat(p.fh()).usingRecursiveComparison()
                            .isEqualTo(WalRecords.customBuckets()));
        }
    }
}
