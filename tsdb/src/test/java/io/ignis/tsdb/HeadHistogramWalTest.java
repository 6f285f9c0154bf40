package io.ignis.tsdb;

import static io.ignis.tsdb.TestHistograms.f;
import static io.ignis.tsdb.TestHistograms.h;
import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.model.CounterResetHint;
import io.ignis.model.Histogram;
import io.ignis.storage.Appender;
import io.ignis.storage.Querier;
import io.ignis.tsdb.record.RecordType;
import io.ignis.tsdb.wal.Checkpoint;
import io.ignis.tsdb.wal.Segments;
import io.ignis.tsdb.wal.WalReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** Histograms through the WAL: the records commit writes, replay, chunks_head on restart, checkpoints. */
class HeadHistogramWalTest {
    private static final long T0 = 1_700_000_000_000L / 7_200_000 * 7_200_000;
    private static final long MINUTE = 60_000;
    private static final Labels FLOATS = Labels.of("__name__", "m", "kind", "float");
    private static final Labels INTS = Labels.of("__name__", "m", "kind", "int");
    private static final Labels CUSTOM = Labels.of("__name__", "m", "kind", "custom");
    private static final Labels FLOAT_HIST = Labels.of("__name__", "m", "kind", "float_hist");
    private static final Labels FLOAT_CUSTOM = Labels.of("__name__", "m", "kind", "float_custom");

    @TempDir
    Path dir;

    private static HeadOptions opts() {
        return HeadOptions.defaults().withStripeSize(64).withReplayWorkers(3).withWalSegmentSize(32 * 1024);
    }

    private static Map<String, List<String>> read(Head h, long mint) {
        try (Querier q = h.querier(mint, Long.MAX_VALUE)) {
            return TestHistograms.read(q, Matcher.equal("__name__", "m"));
        }
    }

    private static TreeSet<Integer> recordTypes(Path walDir) throws IOException {
        TreeSet<Integer> types = new TreeSet<>();
        try (WalReader r = WalReader.open(walDir)) {
            while (r.next()) {
                types.add(RecordType.of(r.record(), r.recordLength()));
            }
        }
        return types;
    }

    /** Scrape-like commits of every kind: counters growing, a reset at c == 7, a staleness marker at the end. */
    private static void appendAllKinds(Head h, int from, int to) {
        for (int c = from; c < to; c++) {
            Appender a = h.appender();
            long t = T0 + c * 15_000L;
            long k = c == 7 ? 1 : c + 1;
            a.append(0, FLOATS, t, c);
            a.appendHistogram(0, INTS, t, h(1, c, k, 2 * k), null);
            a.appendHistogram(0, CUSTOM, t, h(Histogram.CUSTOM_BUCKETS_SCHEMA, c, k, k), null);
            a.appendHistogram(0, FLOAT_HIST, t, null, f(h(0, c, k)));
            a.appendHistogram(0, FLOAT_CUSTOM, t, null, f(h(Histogram.CUSTOM_BUCKETS_SCHEMA, c, k, 3 * k)));
            a.commit();
        }
    }

    @Test
    void histogramsOfEveryKindComeBackFromTheWal() throws IOException {
        Map<String, List<String>> before;
        try (Head h = Head.open(dir, opts())) {
            appendAllKinds(h, 0, 20);
            Appender stale = h.appender();
            stale.append(0, INTS, T0 + 20 * 15_000L, TestHistograms.STALE_NAN);
            stale.append(0, FLOAT_HIST, T0 + 20 * 15_000L, TestHistograms.STALE_NAN);
            stale.commit();
            before = read(h, Long.MIN_VALUE);
            assertThat(before.get(INTS.toString())).last().asString().endsWith("=H{stale}");
            assertThat(before.get(FLOAT_HIST.toString())).last().asString().endsWith("=FH{stale}");
            assertThat(h.stats().histogramSamplesAppended()).as("the two staleness markers are histogram ones")
                    .isEqualTo(82);
        }
        assertThat(recordTypes(dir.resolve("wal"))).containsExactly(RecordType.SERIES, RecordType.SAMPLES,
                RecordType.HISTOGRAM_SAMPLES, RecordType.FLOAT_HISTOGRAM_SAMPLES,
                RecordType.CUSTOM_BUCKETS_HISTOGRAM_SAMPLES, RecordType.CUSTOM_BUCKETS_FLOAT_HISTOGRAM_SAMPLES);
        try (Head h = Head.open(dir, opts())) {
            assertThat(read(h, Long.MIN_VALUE)).isEqualTo(before);
            assertThat(h.stats().histogramSamplesAppended()).as("samples in chunks_head are not replayed")
                    .isLessThan(80);
            assertThat(HeadHistogramTest.chunks(h, INTS)).as("the reset at c == 7 still cuts")
                    .containsExactly("histogram:7", "histogram:14");
            appendAllKinds(h, 21, 23);
            assertThat(read(h, Long.MIN_VALUE).get(CUSTOM.toString())).hasSize(22);
        }
    }

    @Test
    void fullHistogramChunksComeBackFromChunksHead() throws Exception {
        Labels l = Labels.of("__name__", "m", "kind", "resets");
        try (Head h = Head.open(dir, opts())) {
            for (int c = 0; c < 100; c++) {
                Appender a = h.appender();
                long k = c % 10 + 1; // a counter reset every 10 samples cuts a chunk
                a.appendHistogram(0, l, T0 + c * 15_000L, c % 20 < 10 ? h(0, c, k, k) : null,
                        c % 20 < 10 ? null : f(h(0, c, k, k)));
                a.commit();
            }
            MemSeries s = h.series.getByLabels(l);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (s.chunksOnHeap() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(s.chunksOnHeap()).as("every full chunk written out").isZero();
        }
        Map<String, List<String>> want;
        try (Head h = Head.open(dir, opts())) {
            want = read(h, Long.MIN_VALUE);
            assertThat(want.get(l.toString())).hasSize(100);
            assertThat(h.stats().histogramSamplesAppended()).as("only the open chunk's samples come from the WAL")
                    .isEqualTo(10);
            assertThat(HeadHistogramTest.chunks(h, l)).containsExactly("histogram:10", "floathistogram:10",
                    "histogram:10", "floathistogram:10", "histogram:10", "floathistogram:10", "histogram:10",
                    "floathistogram:10", "histogram:10", "floathistogram:10");
            Appender a = h.appender();
            a.appendHistogram(0, l, T0 + 100 * 15_000L, null, f(h(0, 100, 11, 11)));
            a.commit();
            assertThat(HeadHistogramTest.chunks(h, l)).last().isEqualTo("floathistogram:11");
        }
        for (int i = 0; i < 100; i++) {
            long k = i % 10 + 1;
            String want1 = i % 20 < 10 ? TestHistograms.sample(T0 + i * 15_000L, h(0, i, k, k))
                    : TestHistograms.sample(T0 + i * 15_000L, f(h(0, i, k, k)));
            assertThat(want.get(l.toString()).get(i)).isEqualTo(want1);
        }
    }

    @Test
    void checkpointsKeepTheHistogramsOfLiveSeriesAfterTheTruncationTime() throws IOException {
        long mint = T0 + 90 * MINUTE;
        Map<String, List<String>> before;
        try (Head h = Head.open(dir, opts())) {
            // Two series stop after 80 minutes; the others go on for 5h, one sample every 20 s.
            for (int c = 0; c < 900; c++) {
                Appender a = h.appender();
                long t = T0 + c * MINUTE / 3;
                for (int i = 0; i < 4; i++) {
                    if (i >= 2 || c < 240) {
                        Labels l = Labels.of("__name__", "m", "i", Integer.toString(i));
                        Histogram x = h(i % 2 == 0 ? 3 : Histogram.CUSTOM_BUCKETS_SCHEMA, c, c + 1, c + 2, c + 3);
                        if (i == 3) {
                            a.appendHistogram(0, l, t, null, f(x));
                        } else {
                            a.appendHistogram(0, l, t, x, null);
                        }
                    }
                }
                a.commit();
            }
            h.truncate(mint);
            assertThat(h.stats().series()).isEqualTo(2);
            Checkpoint.Ref cp = Checkpoint.last(dir.resolve("wal"));
            assertThat(cp).isNotNull();
            assertThat(recordTypes(cp.dir())).as("only the live series' histograms: integer exponential, float custom")
                    .containsExactly(RecordType.SERIES, RecordType.HISTOGRAM_SAMPLES,
                            RecordType.CUSTOM_BUCKETS_FLOAT_HISTOGRAM_SAMPLES);
            assertThat(Segments.list(dir.resolve("wal")).get(0).index()).isEqualTo(cp.index() + 1);
            before = read(h, mint);
            assertThat(before).hasSize(2);
        }
        try (Head h = Head.open(dir, opts())) {
            assertThat(read(h, mint)).isEqualTo(before);
            assertThat(h.stats().series()).as("dead series are not revived").isEqualTo(2);
        }
    }

    @Test
    void aHistogramRecordAfterTheLastSamplesRecordKeepsItsOrder() throws IOException {
        Labels l = Labels.of("__name__", "m", "kind", "switch");
        try (Head h = Head.open(dir, opts())) {
            Appender a = h.appender();
            a.append(0, l, T0, 1);
            a.commit();
            Appender b = h.appender();
            b.appendHistogram(0, l, T0 + 1, h(CounterResetHint.GAUGE, 0, 1, 1), null);
            b.commit();
        }
        try (Head h = Head.open(dir, opts())) {
            assertThat(read(h, Long.MIN_VALUE).get(l.toString())).containsExactly(TestHistograms.sample(T0, 1.0),
                    TestHistograms.sample(T0 + 1, h(0, 1, 1)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ignis.tsdb.HeadHistogramTest#mixedKindsInOneBatch")
    void kindsMixedInOneCommitComeBackFromTheWalInAppendOrder(HeadHistogramTest.MixedCase c) throws IOException {
        Labels l = Labels.of("__name__", "m", "kind", "mixed");
        try (Head h = Head.open(dir, opts())) {
            Appender a = h.appender();
            HeadHistogramTest.appendMixed(a, l, c.samples());
            a.commit();
        }
        try (Head h = Head.open(dir, opts())) {
            assertThat(read(h, Long.MIN_VALUE)).containsExactly(Map.entry(l.toString(), c.want()));
        }
    }
}
