package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.Appender;
import io.ignis.storage.ChunkIterator;
import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.ChunkSeriesSet;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.Samples.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadChunkQuerierTest {
    private static final long MINUTE = 60_000;
    private static final long H2 = 2 * 60 * MINUTE;
    private static final Labels A = Labels.of("__name__", "a");
    private static final Labels B = Labels.of("__name__", "b");

    @TempDir
    Path dir;

    private static Head filled(Head h, int minutes) {
        Appender app = h.appender();
        for (int c = 0; c < minutes; c++) {
            app.append(0, A, c * MINUTE, c);
            app.append(0, B, c * MINUTE, -c);
        }
        app.commit();
        return h;
    }

    /** Chunk time ranges and decoded samples per series. */
    private static Map<Labels, List<Object>> read(ChunkQuerier q) {
        Map<Labels, List<Object>> out = new LinkedHashMap<>();
        ChunkSeriesSet set = q.select(true, null, Matcher.regex("__name__", ".+"));
        while (set.next()) {
            List<Object> l = new ArrayList<>();
            ChunkIterator it = set.at().iterator(null);
            SampleIterator si = null;
            while (it.next()) {
                l.add("chunk " + it.minTime() + ".." + it.maxTime() + " n=" + it.chunk().numSamples());
                si = it.chunk().iterator(si);
                long first = Long.MIN_VALUE;
                long last = Long.MIN_VALUE;
                for (SampleType st = si.next(); st != SampleType.NONE; st = si.next()) {
                    l.add(Sample.of(si.atT(), si.atV()));
                    first = first == Long.MIN_VALUE ? si.atT() : first;
                    last = si.atT();
                }
                assertThat(first).isEqualTo(it.minTime());
                assertThat(last).isEqualTo(it.maxTime());
            }
            out.put(set.at().labels(), l);
        }
        return out;
    }

    @Test
    void handsOutStoredChunksAndTrimsAtTheRange() {
        Head h = filled(Head.inMemory(HeadOptions.defaults().withStripeSize(16)), 180);
        try (ChunkQuerier q = h.chunkQuerier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            List<Object> a = read(q).get(A);
            assertThat(a.get(0)).isEqualTo("chunk 0.." + 119 * MINUTE + " n=120");
            assertThat(a.get(121)).isEqualTo("chunk " + H2 + ".." + 179 * MINUTE + " n=60");
        }
        try (ChunkQuerier q = h.chunkQuerier(10 * MINUTE, 12 * MINUTE)) {
            assertThat(read(q).get(B)).containsExactly("chunk " + 10 * MINUTE + ".." + 12 * MINUTE + " n=3",
                    Sample.of(10 * MINUTE, -10), Sample.of(11 * MINUTE, -11), Sample.of(12 * MINUTE, -12));
        }
    }

    @Test
    void seesOnlyCommitsBeforeItOpened() {
        Head h = filled(Head.inMemory(HeadOptions.defaults().withStripeSize(16)), 3);
        try (ChunkQuerier q = h.chunkQuerier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            Appender app = h.appender();
            app.append(0, A, 3 * MINUTE, 3);
            app.commit();
            app.append(0, A, 10 * MINUTE, 10);
            app.commit();
            assertThat(read(q).get(A)).containsExactly("chunk 0.." + 2 * MINUTE + " n=3", Sample.of(0, 0),
                    Sample.of(MINUTE, 1), Sample.of(2 * MINUTE, 2));
        }
    }

    @Test
    void deletionsHideSamplesAndSurviveReplay() throws IOException {
        try (Head h = filled(Head.open(dir, HeadOptions.defaults().withStripeSize(16)), 10)) {
            h.delete(2 * MINUTE, 7 * MINUTE, Matcher.equal("__name__", "a"));
            try (ChunkQuerier q = h.chunkQuerier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                assertThat(read(q).get(A)).hasSize(1 + 4).contains("chunk 0.." + 9 * MINUTE + " n=4");
            }
        }
        try (Head h = Head.open(dir, HeadOptions.defaults().withStripeSize(16));
             Querier q = h.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            assertThat(Samples.read(q, Matcher.equal("__name__", "a")).get(A)).containsExactly(Sample.of(0, 0),
                    Sample.of(MINUTE, 1), Sample.of(8 * MINUTE, 8), Sample.of(9 * MINUTE, 9));
            assertThat(Samples.read(q, Matcher.equal("__name__", "b")).get(B)).hasSize(10);
        }
    }

    @Test
    void theCompactorWritesABlockFromTheHead() {
        Head h = filled(Head.inMemory(HeadOptions.defaults().withStripeSize(16)), 200);
        LeveledCompactor c = new LeveledCompactor(new long[] {H2}, new UlidGenerator());
        BlockMeta meta;
        try (ChunkQuerier q = h.chunkQuerier(0, H2 - 1)) {
            meta = c.write(dir, q, 0, H2, null);
        }
        Map<Labels, List<Sample>> want;
        try (Querier q = h.querier(0, H2 - 1)) {
            want = Samples.read(q, Matcher.regex("__name__", ".+"));
        }
        assertThat(want.get(A)).hasSize(120);
        try (Block b = Block.open(dir.resolve(meta.ulid().toString()));
             Querier q = b.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            assertThat(Samples.read(q, Matcher.regex("__name__", ".+"))).isEqualTo(want);
        }
    }
}
