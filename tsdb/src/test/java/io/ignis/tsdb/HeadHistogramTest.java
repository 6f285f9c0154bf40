package io.ignis.tsdb;

import static io.ignis.tsdb.TestHistograms.f;
import static io.ignis.tsdb.TestHistograms.h;
import static io.ignis.tsdb.TestHistograms.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.storage.Appender;
import io.ignis.storage.ChunkIterator;
import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.ChunkSeriesSet;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleRejection;
import io.ignis.storage.SampleType;
import io.ignis.storage.StorageException;
import io.ignis.tsdb.chunkenc.ChunkEncoding;
import io.ignis.tsdb.chunkenc.Chunks;
import io.ignis.tsdb.chunkenc.CounterResetHeader;
import io.ignis.tsdb.chunkenc.HistogramChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Native histograms in the head: chunks by kind, cutting, rejections, staleness, isolation, chunk querier. */
class HeadHistogramTest {
    static final Labels A = Labels.of("__name__", "hist", "job", "a");
    static final Labels B = Labels.of("__name__", "hist", "job", "b");
    private static final long T0 = 1_700_000_000_000L / 7_200_000 * 7_200_000;

    static HeadOptions small() {
        return HeadOptions.defaults().withStripeSize(64).withReplayWorkers(2);
    }

    static Map<String, List<String>> all(Head h) {
        try (Querier q = h.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            return TestHistograms.read(q, Matcher.regex("__name__", ".+"));
        }
    }

    /** Encodings and sample counts of the head's chunks of {@code l}, as the chunk querier hands them out. */
    static List<String> chunks(Head h, Labels l) {
        List<String> out = new ArrayList<>();
        try (ChunkQuerier q = h.chunkQuerier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            Matcher[] ms = new Matcher[l.size()];
            for (int i = 0; i < ms.length; i++) {
                ms[i] = Matcher.equal(l.name(i), l.value(i));
            }
            ChunkSeriesSet set = q.select(true, null, ms);
            while (set.next()) {
                ChunkIterator it = set.at().iterator(null);
                while (it.next()) {
                    ChunkEncoding enc = ChunkEncoding.fromCode(it.chunk().encodingCode());
                    out.add(enc.promName() + ":" + it.chunk().numSamples());
                }
            }
        }
        return out;
    }

    private static void commit(Head h, Labels l, long t, Histogram hist) {
        Appender a = h.appender();
        a.appendHistogram(0, l, t, hist, null);
        a.commit();
    }

    @Test
    void integerAndFloatHistogramsAreStoredAndRead() {
        Head h = Head.inMemory(small());
        Appender a = h.appender();
        a.appendHistogram(0, A, T0, h(1, 3, 1, 2), null);
        a.appendHistogram(0, A, T0 + 1000, h(1, 5, 2, 3, 1), null);
        a.appendHistogram(0, B, T0, null, f(h(0, 1.5, 1)));
        a.appendHistogram(0, B, T0 + 1000, null, f(h(0, 2.5, 2)));
        assertThat(all(h)).as("nothing before commit").isEmpty();
        a.commit();
        assertThat(all(h)).containsExactly(
                Map.entry(A.toString(), List.of(sample(T0, h(1, 3, 1, 2)), sample(T0 + 1000, h(1, 5, 2, 3, 1)))),
                Map.entry(B.toString(), List.of(sample(T0, f(h(0, 1.5, 1))), sample(T0 + 1000, f(h(0, 2.5, 2))))));
        assertThat(chunks(h, A)).containsExactly("histogram:2");
        assertThat(chunks(h, B)).containsExactly("floathistogram:2");
        assertThat(h.stats().histogramSamplesAppended()).isEqualTo(4);
        assertThat(h.stats().samplesAppended()).isZero();
        assertThat(h.minTime()).isEqualTo(T0);
        assertThat(h.maxTime()).isEqualTo(T0 + 1000);
    }

    @Test
    void aChangeOfSampleKindCutsAChunk() {
        Head h = Head.inMemory(small());
        Appender a = h.appender();
        a.append(0, A, T0, 1);
        a.append(0, A, T0 + 1, 2);
        a.commit();
        commit(h, A, T0 + 2, h(0, 1, 1));
        Appender b = h.appender();
        b.appendHistogram(0, A, T0 + 3, null, f(h(0, 1, 1)));
        b.commit();
        Appender c = h.appender();
        c.append(0, A, T0 + 4, 3);
        c.commit();
        assertThat(chunks(h, A)).containsExactly("XOR:2", "histogram:1", "floathistogram:1", "XOR:1");
        assertThat(all(h).get(A.toString())).containsExactly(sample(T0, 1.0), sample(T0 + 1, 2.0),
                sample(T0 + 2, h(0, 1, 1)), sample(T0 + 3, f(h(0, 1, 1))), sample(T0 + 4, 3.0));
    }

    record Cut(String name, Histogram next, String want) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Test
    void counterResetsAndLayoutChangesCutAsTheAppenderSays() {
        Histogram first = h(1, 10, 5, 5);
        List<Cut> cases = List.of(
                new Cut("count goes down", h(1, 1, 1, 1), "histogram:1|histogram:1"),
                new Cut("explicit reset hint", h(CounterResetHint.COUNTER_RESET, 1, 10, 5, 5),
                        "histogram:1|histogram:1"),
                new Cut("schema change", h(2, 10, 5, 5), "histogram:1|histogram:1"),
                new Cut("new bucket recodes in place", h(1, 12, 5, 5, 2), "histogram:2"),
                new Cut("same layout extends", h(1, 20, 6, 7), "histogram:2"),
                new Cut("gauge after counter", h(CounterResetHint.GAUGE, 1, 10, 5, 5), "histogram:1|histogram:1"));
        for (Cut c : cases) {
            Head h = Head.inMemory(small());
            commit(h, A, T0, first);
            commit(h, A, T0 + 15_000, c.next());
            assertThat(String.join("|", chunks(h, A))).as(c.name()).isEqualTo(c.want());
            assertThat(all(h).get(A.toString())).as(c.name())
                    .containsExactly(sample(T0, first), sample(T0 + 15_000, c.next()));
        }
    }

    @Test
    void aCounterResetChunkSaysSoInItsHeader() {
        Head h = Head.inMemory(small());
        commit(h, A, T0, h(0, 10, 5, 5));
        commit(h, A, T0 + 1, h(0, 12, 6, 6));
        commit(h, A, T0 + 2, h(0, 1, 1, 0));
        List<CounterResetHeader> headers = new ArrayList<>();
        try (ChunkQuerier q = h.chunkQuerier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            ChunkSeriesSet set = q.select(false, null, Matcher.equal("job", "a"));
            assertThat(set.next()).isTrue();
            ChunkIterator it = set.at().iterator(null);
            while (it.next()) {
                headers.add(((HistogramChunk) Chunks.of(it.chunk())).counterResetHeader());
            }
        }
        assertThat(headers).containsExactly(CounterResetHeader.UNKNOWN, CounterResetHeader.COUNTER_RESET);
    }

    @Test
    void chunksAreCutBySizeOnceTheyHoldTheMinimumSamples() {
        Head h = Head.inMemory(small());
        long[] counts = new long[160];
        for (int i = 0; i < 60; i++) {
            for (int j = 0; j < counts.length; j++) {
                counts[j] += (j * 7 + i * 13) % 5 + 1;
            }
            commit(h, A, T0 + i * 15_000L, h(0, i, counts.clone()));
        }
        List<String> cs = chunks(h, A);
        assertThat(cs).hasSizeGreaterThan(1);
        int total = 0;
        for (String c : cs) {
            int n = Integer.parseInt(c.substring(c.indexOf(':') + 1));
            assertThat(n).as("at least %d samples before a size cut", 10).isGreaterThanOrEqualTo(10);
            total += n;
        }
        assertThat(total).isEqualTo(60);
        try (ChunkQuerier q = h.chunkQuerier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            ChunkSeriesSet set = q.select(false, null, Matcher.equal("job", "a"));
            set.next();
            ChunkIterator it = set.at().iterator(null);
            while (it.next()) {
                assertThat(Chunks.of(it.chunk()).size()).as("no chunk far past twice the 1 KiB target")
                        .isLessThan(2048 + 1024);
            }
        }
    }

    @Test
    void rejectionsFollowPrometheus() {
        Head h = Head.inMemory(small());
        long t = 10_000_000;
        commit(h, A, t, h(0, 3, 1, 2));
        Appender a = h.appender();
        assertThatThrownBy(() -> a.appendHistogram(0, A, t - 1, h(0, 3, 1, 2), null))
                .isSameAs(SampleRejection.OUT_OF_ORDER);
        assertThatThrownBy(() -> a.appendHistogram(0, A, t, h(0, 4, 1, 2), null)).isSameAs(SampleRejection.DUPLICATE);
        assertThatThrownBy(() -> a.appendHistogram(0, A, t, null, f(h(0, 3, 1, 2))))
                .as("a float histogram at the timestamp of an integer one").isSameAs(SampleRejection.DUPLICATE);
        assertThatThrownBy(() -> a.append(0, A, t, 3)).as("a float at the timestamp of a histogram")
                .isSameAs(SampleRejection.DUPLICATE);
        a.appendHistogram(0, A, t, h(CounterResetHint.GAUGE, 0, 3, 1, 2), null); // identical: the hint is ignored
        long bound = t - HeadOptions.DEFAULT_CHUNK_RANGE / 2;
        assertThatThrownBy(() -> a.appendHistogram(0, B, bound - 1, h(0, 1, 1), null))
                .isSameAs(SampleRejection.OUT_OF_BOUNDS);
        Histogram badCount = new Histogram(CounterResetHint.UNKNOWN, 0, 0, 0, 5, 1, new Span[] {new Span(0, 1)},
                new long[] {1}, new Span[0], new long[0], new double[0]);
        assertThatThrownBy(() -> a.appendHistogram(0, B, t, badCount, null)).isInstanceOf(StorageException.class)
                .hasMessage("append histogram: 1 observations found in buckets, but the Count field is 5: histogram's"
                        + " observation count should equal the number of observations found in the buckets (in"
                        + " absence of NaN)");
        Histogram badSpans = new Histogram(CounterResetHint.UNKNOWN, 0, 0, 0, 1, 1, new Span[] {new Span(0, 2)},
                new long[] {1}, new Span[0], new long[0], new double[0]);
        assertThatThrownBy(() -> a.appendHistogram(0, B, t, badSpans, null)).hasMessage("append histogram: positive"
                + " side: spans need 2 buckets, have 1 buckets: histogram spans specify different number of buckets"
                + " than provided");
        assertThatThrownBy(() -> a.appendHistogram(0, B, t, h(9, 1, 1), null)).hasMessageContaining("got schema 9");
        a.commit();
        assertThat(all(h).get(A.toString())).containsExactly(sample(t, h(0, 3, 1, 2)));
        assertThat(h.stats().histogramSamplesAppended()).isEqualTo(1);
        assertThat(h.stats().outOfOrderSamples()).isEqualTo(1);
        assertThat(h.stats().duplicateSamples()).isEqualTo(3);
        assertThat(h.stats().outOfBoundsSamples()).isEqualTo(1);
    }

    @Test
    void staleMarkersOnHistogramSeriesAreHistograms() {
        Head h = Head.inMemory(small());
        commit(h, A, T0, h(0, 3, 1, 2));
        Appender a = h.appender();
        a.appendHistogram(0, B, T0, null, f(h(0, 3, 1, 2)));
        a.commit();
        Appender b = h.appender();
        b.append(0, A, T0 + 1000, TestHistograms.STALE_NAN);
        b.append(0, B, T0 + 1000, TestHistograms.STALE_NAN);
        b.commit();
        assertThat(all(h)).containsExactly(
                Map.entry(A.toString(), List.of(sample(T0, h(0, 3, 1, 2)), "" + (T0 + 1000) + "=H{stale}")),
                Map.entry(B.toString(), List.of(sample(T0, f(h(0, 3, 1, 2))), "" + (T0 + 1000) + "=FH{stale}")));
        assertThat(chunks(h, A)).as("the marker stays in the histogram chunk").containsExactly("histogram:2");
        assertThat(chunks(h, B)).containsExactly("floathistogram:2");
        // A histogram after the marker goes on in a new chunk, as the appender starts one after a stale marker.
        commit(h, A, T0 + 2000, h(0, 3, 1, 2));
        assertThat(chunks(h, A)).containsExactly("histogram:2", "histogram:1");
    }

    @Test
    void aFloatStaleMarkerStoredAsAHistogramOneCountsAsAHistogram() {
        Head h = Head.inMemory(small());
        commit(h, A, T0, h(0, 3, 1, 2));
        Appender a = h.appender();
        a.append(0, A, T0 + 1000, TestHistograms.STALE_NAN);
        a.commit();
        assertThat(h.stats().samplesAppended()).as("floats, as Prometheus's type=\"float\"").isZero();
        assertThat(h.stats().histogramSamplesAppended()).isEqualTo(2);
    }

    /** One appender's samples of one series, of several kinds, and what the head then holds and counts. */
    record MixedCase(String name, List<Object> samples, List<String> want, long floats, long histograms) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<MixedCase> mixedKindsInOneBatch() {
        Histogram hist = h(0, 3, 1, 2);
        FloatHistogram fh = f(h(0, 3, 1, 2));
        return List.of(
                new MixedCase("histogram then float", List.of(hist, 5.0),
                        List.of(sample(T0, hist), sample(T0 + 1000, 5.0)), 1, 1),
                new MixedCase("histogram then float staleness marker", List.of(hist, TestHistograms.STALE_NAN),
                        List.of(sample(T0, hist), "" + (T0 + 1000) + "=H{stale}"), 0, 2),
                new MixedCase("float histogram then histogram", List.of(fh, hist),
                        List.of(sample(T0, fh), sample(T0 + 1000, hist)), 0, 2),
                new MixedCase("float, histogram, float, histogram", List.of(1.0, hist, 2.0, hist),
                        List.of(sample(T0, 1.0), sample(T0 + 1000, hist), sample(T0 + 2000, 2.0),
                                sample(T0 + 3000, hist)), 2, 2));
    }

    /** Samples {@code i} at {@code T0 + i} seconds through {@code a}, each of its own kind. */
    static void appendMixed(Appender a, Labels l, List<Object> samples) {
        for (int i = 0; i < samples.size(); i++) {
            long t = T0 + i * 1000L;
            Object sample = samples.get(i);
            if (sample instanceof Histogram hist) {
                a.appendHistogram(0, l, t, hist, null);
            } else if (sample instanceof FloatHistogram fh) {
                a.appendHistogram(0, l, t, null, fh);
            } else {
                a.append(0, l, t, (Double) sample);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mixedKindsInOneBatch")
    void samplesOfOneSeriesKeepTheirAppendOrderAcrossKinds(MixedCase c) {
        Head h = Head.inMemory(small());
        Appender a = h.appender();
        appendMixed(a, A, c.samples());
        a.commit();
        assertThat(all(h)).containsExactly(Map.entry(A.toString(), c.want()));
        assertThat(h.stats().samplesAppended()).isEqualTo(c.floats());
        assertThat(h.stats().histogramSamplesAppended()).isEqualTo(c.histograms());
    }

    @Test
    void readersSeeOnlyCommitsBeforeTheyOpened() {
        Head h = Head.inMemory(small());
        commit(h, A, T0, h(0, 1, 1));
        try (Querier before = h.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            Appender a = h.appender();
            a.appendHistogram(0, A, T0 + 1, h(0, 2, 2), null);
            a.appendHistogram(0, A, T0 + 2, h(0, 3, 3), null);
            a.commit();
            assertThat(TestHistograms.read(before, Matcher.equal("job", "a")).get(A.toString()))
                    .containsExactly(sample(T0, h(0, 1, 1)));
        }
        assertThat(all(h).get(A.toString())).hasSize(3);
    }

    @Test
    void chunkQuerierTrimsHistogramChunksToTheRangeAndDeletions() throws Exception {
        Head h = Head.inMemory(small());
        for (int i = 0; i < 6; i++) {
            commit(h, A, T0 + i, h(0, i, i + 1));
        }
        h.delete(T0 + 2, T0 + 2, Matcher.equal("job", "a"));
        List<String> got = new ArrayList<>();
        try (ChunkQuerier q = h.chunkQuerier(T0 + 1, T0 + 4)) {
            ChunkSeriesSet set = q.select(false, null, Matcher.equal("job", "a"));
            assertThat(set.next()).isTrue();
            ChunkIterator it = set.at().iterator(null);
            while (it.next()) {
                SampleIterator s = Chunks.of(it.chunk()).iterator(null);
                got.add(it.minTime() - T0 + ".." + (it.maxTime() - T0));
                for (SampleType st = s.next(); st != SampleType.NONE; st = s.next()) {
                    assertThat(st).isEqualTo(SampleType.HISTOGRAM);
                    got.add(sample(s.atT() - T0, s.atHistogram()));
                }
            }
        }
        assertThat(got).containsExactly("1..4", sample(1, h(0, 1, 2)), sample(3, h(0, 3, 4)), sample(4, h(0, 4, 5)));
    }
}
