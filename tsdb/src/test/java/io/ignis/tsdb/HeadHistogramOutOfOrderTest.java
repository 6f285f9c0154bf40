package io.ignis.tsdb;

import static io.ignis.tsdb.TestHistograms.f;
import static io.ignis.tsdb.TestHistograms.h;
import static io.ignis.tsdb.TestHistograms.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.model.Histogram;
import io.ignis.storage.Appender;
import io.ignis.storage.ChunkIterator;
import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.ChunkSeriesSet;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleRejection;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.chunkenc.Chunks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Out-of-order native histograms (Prometheus 3.x): the window, the out-of-order chunks, the WBL, restarts. */
class HeadHistogramOutOfOrderTest {
    private static final long T0 = 1_700_000_000_000L / 7_200_000 * 7_200_000;
    private static final long WINDOW = 30 * 60_000L;
    private static final Labels A = Labels.of("__name__", "late", "job", "a");

    @TempDir
    Path dir;

    private static HeadOptions opts() {
        return HeadOptions.defaults().withStripeSize(64).withReplayWorkers(2).withOutOfOrderTimeWindow(WINDOW);
    }

    private static List<String> read(Head h) {
        try (Querier q = h.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            return TestHistograms.read(q, Matcher.equal("__name__", "late")).get(A.toString());
        }
    }

    /** The k-th sample of the model: integer histograms, float histograms and floats by turns of 7. */
    private static String put(Appender a, TreeMap<Long, String> model, int k) {
        long t = T0 + k * 10_000L;
        Histogram x = h(k % 3 - 1, k, k % 4 + 1, 2);
        String s;
        switch (k / 7 % 3) {
            case 0 -> {
                a.appendHistogram(0, A, t, x, null);
                s = sample(t, x);
            }
            case 1 -> {
                a.appendHistogram(0, A, t, null, f(x));
                s = sample(t, f(x));
            }
            default -> {
                a.append(0, A, t, k);
                s = sample(t, (double) k);
            }
        }
        model.put(t, s);
        return s;
    }

    @Test
    void windowDecidesBetweenOutOfOrderChunkAndTooOld() {
        Head h = Head.inMemory(opts());
        Appender a = h.appender();
        a.appendHistogram(0, A, T0 + WINDOW + 60_000, h(0, 1, 1), null);
        a.commit();
        Appender b = h.appender();
        assertThatThrownBy(() -> b.appendHistogram(0, A, T0, h(0, 1, 1), null)).isSameAs(SampleRejection.TOO_OLD);
        b.appendHistogram(0, A, T0 + 60_000, h(0, 2, 2), null);
        b.appendHistogram(0, A, T0 + 120_000, null, f(h(0, 3, 3)));
        b.commit();
        assertThat(read(h)).containsExactly(sample(T0 + 60_000, h(0, 2, 2)), sample(T0 + 120_000, f(h(0, 3, 3))),
                sample(T0 + WINDOW + 60_000, h(0, 1, 1)));
        assertThat(h.stats().outOfOrderSamplesAppended()).isEqualTo(2);
        assertThat(h.stats().tooOldSamples()).isEqualTo(1);
        assertThat(h.stats().histogramSamplesAppended()).isEqualTo(3);
    }

    @Test
    void lateSamplesOfEveryKindSurviveCutsAndARestart() throws Exception {
        TreeMap<Long, String> model = new TreeMap<>();
        int n = 150;
        try (Head h = Head.open(dir, opts())) {
            Appender a = h.appender();
            put(a, model, n);
            a.commit();
            // Late samples arrive newest first: every one is out of order; the open out-of-order chunk (32
            // samples) is cut several times, each cut into one chunk per run of a kind of sample.
            for (int k = n - 1; k >= 0; k--) {
                Appender b = h.appender();
                put(b, model, k);
                b.commit();
            }
            assertThat(h.stats().outOfOrderSamplesAppended()).isEqualTo(n);
            assertThat(read(h)).containsExactlyElementsOf(model.values());
            assertThat(HeadHistogramTest.chunks(h, A)).as("merged chunks come one per kind of sample")
                    .hasSizeGreaterThan(10);
        }
        assertThat(Files.isDirectory(dir.resolve(Head.WBL))).isTrue();
        try (Head h = Head.open(dir, opts())) {
            assertThat(read(h)).as("from chunks_head and the WBL").containsExactlyElementsOf(model.values());
        }
    }

    @Test
    void theChunkQuerierMergesLateHistogramsWithInOrderOnes() {
        Head h = Head.inMemory(opts());
        TreeMap<Long, String> model = new TreeMap<>();
        for (int k = 0; k < 60; k += 2) {
            Appender a = h.appender();
            put(a, model, k);
            a.commit();
        }
        for (int k = 59; k > 0; k -= 2) {
            Appender a = h.appender();
            put(a, model, k);
            a.commit();
        }
        List<String> got = new ArrayList<>();
        try (ChunkQuerier q = h.chunkQuerier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            ChunkSeriesSet set = q.select(false, null, Matcher.equal("job", "a"));
            assertThat(set.next()).isTrue();
            ChunkIterator it = set.at().iterator(null);
            long prevMax = Long.MIN_VALUE;
            while (it.next()) {
                assertThat(it.minTime()).as("chunks in order without overlap").isGreaterThan(prevMax);
                prevMax = it.maxTime();
                SampleIterator s = Chunks.of(it.chunk()).iterator(null);
                for (SampleType st = s.next(); st != SampleType.NONE; st = s.next()) {
                    got.add(switch (st) {
                        case FLOAT -> sample(s.atT(), s.atV());
                        case HISTOGRAM -> sample(s.atT(), s.atHistogram());
                        default -> sample(s.atT(), s.atFloatHistogram());
                    });
                }
            }
        }
        assertThat(got).containsExactlyElementsOf(model.values());
        assertThat(read(h)).containsExactlyElementsOf(model.values());
    }
}
