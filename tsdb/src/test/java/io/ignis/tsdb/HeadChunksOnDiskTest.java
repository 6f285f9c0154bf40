package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.Appender;
import io.ignis.storage.Querier;
import io.ignis.tsdb.Samples.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Full head chunks leave the heap for {@code chunks_head/} and come back from there on open. */
class HeadChunksOnDiskTest {
    @TempDir
    Path dir;

    @Test
    void fullChunksAreMappedAndReplayedWithoutDuplicates() throws Exception {
        long t0 = 1_700_000_000_000L / 7_200_000 * 7_200_000;
        List<Sample> want = new ArrayList<>();
        Labels l = Labels.of("__name__", "on_disk");
        try (Head h = Head.open(dir, HeadOptions.defaults())) {
            for (int i = 0; i < 1000; i++) {
                Appender a = h.appender();
                long t = t0 + i * 5_000L;
                a.append(0, l, t, i * 0.5);
                a.commit();
                want.add(Sample.of(t, i * 0.5));
            }
            MemSeries s = h.series.getByLabels(l);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (s.chunksOnHeap() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(s.chunksOnHeap()).as("every full chunk written out").isZero();
            assertThat(h.mappedChunkBytes()).isGreaterThan(8);
            try (Querier q = h.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                assertThat(Samples.read(q, Matcher.equal("__name__", "on_disk"))).isEqualTo(Map.of(l, want));
            }
        }
        assertThat(Files.size(dir.resolve(Head.CHUNKS_HEAD).resolve("000001"))).isGreaterThan(8);
        try (Head h = Head.open(dir, HeadOptions.defaults())) {
            assertThat(h.stats().outOfOrderSamples()).as("WAL samples under mapped chunks are skipped").isZero();
            assertThat(h.stats().samplesAppended()).as("only samples after the mapped chunks are replayed")
                    .isLessThan(240);
            assertThat(h.series.getByLabels(l).chunksOnHeap()).isZero();
            try (Querier q = h.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                assertThat(Samples.read(q, Matcher.equal("__name__", "on_disk"))).isEqualTo(Map.of(l, want));
            }
            // Appending continues after the replayed samples.
            Appender a = h.appender();
            a.append(0, l, t0 + 1000 * 5_000L, 1);
            a.commit();
        }
    }
}
