package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.model.Exemplar;
import io.ignis.model.MetricMetadata;
import io.ignis.model.MetricType;
import io.ignis.model.StaleNaN;
import io.ignis.storage.Appender;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleRejection;
import io.ignis.tsdb.Samples.Sample;
import io.ignis.tsdb.record.ExemplarBatch;
import io.ignis.tsdb.record.RecordDecoder;
import io.ignis.tsdb.record.RecordType;
import io.ignis.tsdb.wal.WalReader;
import io.ignis.tsdb.wal.WalWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadTest {
    private static final Labels A = Labels.of("__name__", "up", "job", "a");
    private static final Labels B = Labels.of("__name__", "up", "job", "b");
    private static final Labels C = Labels.of("__name__", "down", "job", "a", "x", "1");
    private static final double STALE_NAN = StaleNaN.VALUE;

    @TempDir
    Path dir;

    private static HeadOptions small() {
        return HeadOptions.defaults().withStripeSize(64).withReplayWorkers(2);
    }

    private static Map<Labels, List<Sample>> all(Head h) {
        try (Querier q = h.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            return Samples.read(q, Matcher.regex("__name__", ".+"));
        }
    }

    @Test
    void appendsCommitsAndReads() {
        Head h = Head.inMemory(small());
        Appender app = h.appender();
        long ra = app.append(0, A, 1000, 1);
        app.append(0, B, 1000, 2);
        assertThat(app.append(ra, null, 2000, 3)).isEqualTo(ra);
        assertThat(all(h)).as("nothing before commit").isEmpty();
        app.commit();
        assertThat(all(h)).containsExactly(
                Map.entry(A, List.of(Sample.of(1000, 1), Sample.of(2000, 3))),
                Map.entry(B, List.of(Sample.of(1000, 2))));
        assertThat(h.minTime()).isEqualTo(1000);
        assertThat(h.maxTime()).isEqualTo(2000);
        assertThat(h.stats().series()).isEqualTo(2);
        assertThat(h.stats().samplesAppended()).isEqualTo(3);
    }

    @Test
    void rejectsPerPrometheusRules() {
        Head h = Head.inMemory(small());
        Appender app = h.appender();
        app.append(0, A, 10_000_000, 1);
        app.commit();
        Appender b = h.appender();
        assertThatThrownBy(() -> b.append(0, A, 9_999_999, 1)).isSameAs(SampleRejection.OUT_OF_ORDER);
        assertThatThrownBy(() -> b.append(0, A, 10_000_000, 2)).isSameAs(SampleRejection.DUPLICATE);
        b.append(0, A, 10_000_000, 1); // identical duplicate: silently fine
        long bound = 10_000_000 - HeadOptions.DEFAULT_CHUNK_RANGE / 2;
        assertThatThrownBy(() -> b.append(0, B, bound - 1, 1)).isSameAs(SampleRejection.OUT_OF_BOUNDS);
        b.append(0, B, bound, 1);
        b.append(0, A, 10_000_001, STALE_NAN);
        b.commit();
        assertThat(all(h).get(A)).containsExactly(Sample.of(10_000_000, 1), Sample.of(10_000_001, STALE_NAN));
        assertThat(all(h).get(B)).containsExactly(Sample.of(bound, 1));
        HeadStats st = h.stats();
        assertThat(st.outOfOrderSamples()).isEqualTo(1);
        assertThat(st.duplicateSamples()).isEqualTo(1);
        assertThat(st.outOfBoundsSamples()).isEqualTo(1);
        assertThat(st.samplesAppended()).as("the identical duplicate is not stored twice").isEqualTo(3);
    }

    @Test
    void commitDropsSamplesOvertakenByAnotherCommit() {
        Head h = Head.inMemory(small());
        Appender first = h.appender();
        Appender second = h.appender();
        first.append(0, A, 100, 1);
        first.append(0, A, 50, 9); // in order against the committed state, out of order within the batch
        second.append(0, A, 200, 2);
        second.commit();
        first.commit();
        assertThat(all(h).get(A)).containsExactly(Sample.of(200, 2));
        assertThat(h.stats().outOfOrderSamples()).isEqualTo(2);
    }

    @Test
    void compactableBeyondOneAndAHalfChunkRanges() {
        Head h = Head.inMemory(small());
        assertThat(h.compactable()).isFalse();
        Appender app = h.appender();
        long range = HeadOptions.DEFAULT_CHUNK_RANGE;
        for (long t = 0; t <= range / 2 * 3; t += 60_000) {
            app.append(0, A, t, 1);
        }
        app.commit();
        assertThat(h.compactable()).as("exactly 1.5 ranges").isFalse();
        app.append(0, A, range / 2 * 3 + 1, 1);
        app.commit();
        assertThat(h.compactable()).isTrue();
    }

    @Test
    void rollbackDiscards() {
        Head h = Head.inMemory(small());
        Appender app = h.appender();
        app.append(0, A, 1, 1);
        app.rollback();
        app.append(0, B, 2, 2);
        app.commit();
        assertThat(all(h)).containsOnlyKeys(B);
    }

    @Test
    void queriersDoNotSeeLaterCommits() {
        Head h = Head.inMemory(small());
        Appender app = h.appender();
        app.append(0, A, 1, 1);
        app.commit();
        try (Querier before = h.querier(0, 1000)) {
            app.append(0, A, 2, 2);
            app.append(0, B, 2, 2);
            app.commit();
            assertThat(Samples.read(before, Matcher.equal("__name__", "up")))
                    .containsExactly(Map.entry(A, List.of(Sample.of(1, 1))));
            try (Querier after = h.querier(0, 1000)) {
                assertThat(Samples.read(after, Matcher.equal("__name__", "up"))).hasSize(2);
            }
        }
    }

    @Test
    void selectsByEveryMatcherKind() {
        Head h = Head.inMemory(small());
        Appender app = h.appender();
        for (Labels l : List.of(A, B, C)) {
            app.append(0, l, 1, 1);
        }
        app.commit();
        try (Querier q = h.querier(0, 10)) {
            assertThat(Samples.read(q, Matcher.equal("job", "a")).keySet()).containsExactly(C, A);
            assertThat(Samples.read(q, Matcher.notEqual("job", "a")).keySet()).containsExactly(B);
            assertThat(Samples.read(q, Matcher.regex("job", "a|b")).keySet()).containsExactly(C, A, B);
            assertThat(Samples.read(q, Matcher.notRegex("__name__", "u.*")).keySet()).containsExactly(C);
            assertThat(Samples.read(q, Matcher.equal("x", "")).keySet()).containsExactly(A, B);
            assertThat(Samples.read(q, Matcher.regex("x", ".*"), Matcher.equal("job", "a")).keySet())
                    .containsExactly(C, A);
            assertThat(Samples.read(q, Matcher.equal("nope", "1"))).isEmpty();
            assertThat(q.labelNames()).containsExactly("__name__", "job", "x");
            assertThat(q.labelValues("job")).containsExactly("a", "b");
            assertThat(q.labelValues("job", Matcher.equal("__name__", "down"))).containsExactly("a");
            assertThat(q.labelNames(Matcher.equal("job", "b"))).containsExactly("__name__", "job");
        }
    }

    @Test
    void queryRangeIsInclusive() {
        Head h = Head.inMemory(small());
        Appender app = h.appender();
        for (int t = 0; t < 10; t++) {
            app.append(0, A, t * 1000L, t);
        }
        app.commit();
        try (Querier q = h.querier(2000, 4000)) {
            assertThat(Samples.read(q, Matcher.equal("job", "a")).get(A))
                    .containsExactly(Sample.of(2000, 2), Sample.of(3000, 3), Sample.of(4000, 4));
        }
        try (Querier q = h.querier(20_000, 30_000)) {
            assertThat(Samples.read(q, Matcher.equal("job", "a"))).isEmpty();
            assertThat(q.labelValues("job")).as("range misses the head").isEmpty();
            assertThat(q.labelNames(Matcher.equal("job", "a"))).isEmpty();
        }
        try (Querier q = h.querier(9000, 30_000)) {
            assertThat(q.labelValues("job", Matcher.equal("__name__", "up"))).containsExactly("a");
        }
    }

    @Test
    void cutsChunksAtTheRangeBoundaryAndAroundTheTargetCount() {
        Head h = Head.inMemory(small());
        Appender app = h.appender();
        // One sample a minute for 3h: 120 samples fill [0, 2h) exactly; the next chunk starts at 2h.
        for (int i = 0; i < 180; i++) {
            app.append(0, A, i * 60_000L, i);
        }
        // One sample a second: chunks aim at 120 samples, equal-sized within the 2h range.
        for (int i = 0; i < 1000; i++) {
            app.append(0, B, i * 1000L, i);
        }
        app.commit();
        MemSeries a = h.series.getByLabels(A);
        ChunkSnapshot sa = a.snapshot(Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(sa.size()).isEqualTo(2);
        assertThat(sa.visible()[0]).isEqualTo(120);
        assertThat(sa.maxts()[0]).isEqualTo(7_140_000);
        assertThat(sa.mints()[1]).isEqualTo(7_200_000);
        ChunkSnapshot sb = h.series.getByLabels(B).snapshot(Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);
        // computeChunkEndTime(0, 29000, 7200000, 4): 7200000 / floor(62.06) = 116129 ms.
        assertThat(sb.maxts()[0]).isEqualTo(116_000);
        assertThat(sb.visible()[0]).isEqualTo(117);
        int total = 0;
        for (int i = 0; i < sb.size(); i++) {
            total += sb.visible()[i];
            if (i < sb.size() - 1) {
                assertThat(sb.visible()[i]).isBetween(100, 240);
            }
        }
        assertThat(total).isEqualTo(1000);
        assertThat(h.stats().chunksCreated()).isEqualTo(sa.size() + sb.size());
    }

    @Test
    void survivesReopenWithMetadata() throws IOException {
        try (Head h = Head.open(dir, small())) {
            Appender app = h.appender();
            app.append(0, A, 1000, 1);
            app.append(0, B, 1000, STALE_NAN);
            app.updateMetadata(0, A, new MetricMetadata(MetricType.GAUGE, "", "up help"));
            app.commit();
            app.append(0, A, 2000, 2);
            app.commit();
        }
        try (Head h = Head.open(dir, small())) {
            assertThat(all(h)).containsExactly(
                    Map.entry(A, List.of(Sample.of(1000, 1), Sample.of(2000, 2))),
                    Map.entry(B, List.of(Sample.of(1000, STALE_NAN))));
            assertThat(h.series.getByLabels(A).metadata())
                    .isEqualTo(new MetricMetadata(MetricType.GAUGE, "", "up help"));
            assertThat(h.minTime()).isEqualTo(1000);
            assertThat(h.maxTime()).isEqualTo(2000);
            Appender app = h.appender();
            long ref = app.append(0, Labels.of("__name__", "new"), 3000, 3);
            assertThat(ref).as("refs continue after replayed ones").isGreaterThan(2);
            app.commit();
        }
    }

    @Test
    void exemplarsGoToTheWalAndHistogramsAreRefused() throws IOException {
        try (Head h = Head.open(dir, small())) {
            Appender app = h.appender();
            app.append(0, A, 1000, 1);
            app.appendExemplar(0, A, new Exemplar(Labels.of("trace_id", "t1"), 1, 1000, true));
            app.commit();
            assertThatThrownBy(() -> app.appendHistogram(0, A, 2000, null, null))
                    .hasMessageContaining("neither an integer nor a float histogram given");
        }
        ExemplarBatch got = new ExemplarBatch();
        try (WalReader r = WalReader.open(dir.resolve("wal"))) {
            while (r.next()) {
                if (RecordType.of(r.record(), r.recordLength()) == RecordType.EXEMPLARS) {
                    new RecordDecoder().exemplars(r.record(), r.recordLength(), got);
                }
            }
        }
        assertThat(got.size()).isEqualTo(1);
        assertThat(got.labels(0)).isEqualTo(Labels.of("trace_id", "t1"));
        assertThat(got.t(0)).isEqualTo(1000);
    }

    @Test
    void aFailedWalWriteAppliesNothingAndTheBatchCanBeRetried() throws IOException {
        try (Head h = Head.open(dir, small())) {
            WalWriter real = h.wal();
            WalWriter broken = WalWriter.open(dir.resolve("elsewhere"));
            broken.close();
            h.setWal(broken);
            Appender app = h.appender();
            app.append(0, A, 1000, 1);
            app.append(0, A, 2000, 2);
            assertThatThrownBy(app::commit).hasMessageContaining("commit: write to WAL");
            assertThat(all(h)).isEmpty();
            h.setWal(real);
            app.append(0, A, 1000, 1);
            app.append(0, A, 2000, 2);
            app.commit();
            assertThat(all(h).get(A)).containsExactly(Sample.of(1000, 1), Sample.of(2000, 2));
        }
        try (Head h = Head.open(dir, small())) {
            assertThat(all(h).get(A)).as("series record rewritten after the failure").hasSize(2);
        }
    }

    @Test
    void closedHeadRefusesWork() throws IOException {
        Head h = Head.open(dir, small());
        Appender app = h.appender();
        app.append(0, A, 1, 1);
        h.close();
        assertThatThrownBy(app::commit).hasMessageContaining("write to closed WAL");
        assertThatThrownBy(h::appender).hasMessage("head is closed");
    }

    @Test
    void rejectsBadOptions() {
        assertThatThrownBy(() -> HeadOptions.defaults().withStripeSize(100))
                .hasMessage("stripe size must be a power of two: 100");
        assertThatThrownBy(() -> HeadOptions.defaults().withWalSegmentSize(1000))
                .hasMessage("WAL segment size must be a positive multiple of 32 KiB: 1000");
        assertThatThrownBy(() -> HeadOptions.defaults().withReplayWorkers(0))
                .hasMessage("replay workers must be at least 1: 0");
    }

    @Test
    void rejectsEmptyLabels() {
        Head h = Head.inMemory(small());
        assertThatThrownBy(() -> h.appender().append(0, Labels.EMPTY, 1, 1)).hasMessage("append: empty labelset");
        assertThatThrownBy(() -> h.appender().append(42, null, 1, 1))
                .hasMessage("append: unknown series ref 42 and no labels");
    }
}
