package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.Appender;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleRejection;
import io.ignis.tsdb.Samples.Sample;
import io.ignis.tsdb.files.DurableFiles;
import io.ignis.tsdb.wal.Segments;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: heads are abandoned without close (as a killed process leaves them), sometimes with the
 * last WAL segment cut at a random offset as a torn write would; every reopen must hold exactly the
 * committed samples, each once.
 */
class HeadCrashTest {
    private static final long SEED = Long.getLong("tests.seed", 1234L);
    private static final int SERIES = 12;

    @TempDir
    Path dir;

    /** Generates batches with increasing timestamps per series and keeps the committed model. */
    private static final class Writer {
        final Random rnd;
        final long[] nextT = new long[SERIES];
        Map<Labels, List<Sample>> model = new TreeMap<>();

        Writer(long seed) {
            rnd = new Random(seed);
            for (int i = 0; i < SERIES; i++) {
                nextT[i] = 1_000_000;
            }
        }

        static Labels labels(int i) {
            return Labels.of("__name__", "crash", "s", Integer.toString(i));
        }

        /** One random batch; committed (and added to the model) or rolled back. */
        void batch(Head h) {
            Appender app = h.appender();
            Map<Labels, List<Sample>> pending = new HashMap<>();
            int n = 1 + rnd.nextInt(20);
            for (int j = 0; j < n; j++) {
                int i = rnd.nextInt(SERIES);
                long t = nextT[i];
                nextT[i] += 1 + rnd.nextInt(30_000);
                double v = rnd.nextInt(4) == 0 ? rnd.nextInt(3) : rnd.nextDouble();
                app.append(0, labels(i), t, v);
                pending.computeIfAbsent(labels(i), k -> new ArrayList<>()).add(Sample.of(t, v));
            }
            if (rnd.nextInt(8) == 0) {
                app.rollback();
                return;
            }
            List<Sample> last = model.get(labels(0));
            if (last != null && !last.isEmpty() && rnd.nextInt(4) == 0) {
                long old = last.get(last.size() - 1).t() - 1;
                assertThatThrownBy(() -> app.append(0, labels(0), old, 1)).isSameAs(SampleRejection.OUT_OF_ORDER);
            }
            app.commit();
            pending.forEach((l, s) -> model.computeIfAbsent(l, k -> new ArrayList<>()).addAll(s));
        }

        Map<Labels, List<Sample>> copy() {
            Map<Labels, List<Sample>> c = new TreeMap<>();
            model.forEach((l, s) -> c.put(l, new ArrayList<>(s)));
            return c;
        }
    }

    private static Map<Labels, List<Sample>> read(Head h) {
        try (Querier q = h.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            return new TreeMap<>(Samples.read(q, Matcher.equal("__name__", "crash")));
        }
    }

    private static HeadOptions opts() {
        return HeadOptions.defaults().withStripeSize(64).withReplayWorkers(2).withWalSegmentSize(64 * 1024);
    }

    @Test
    void abandonedHeadsKeepEveryCommittedSampleOnce() throws IOException {
        Writer w = new Writer(SEED);
        for (int round = 0; round < 6; round++) {
            Head h = Head.open(dir, opts());
            assertThat(read(h)).as("round %d, seed %d", round, SEED).isEqualTo(w.model);
            for (int b = 0; b < 40; b++) {
                w.batch(h);
            }
            // Abandoned: no close, no sync. Every commit has written its pages to the file.
        }
        try (Head h = Head.open(dir, opts())) {
            assertThat(read(h)).as("seed %d", SEED).isEqualTo(w.model);
        }
    }

    @Test
    void tornLastSegmentLosesOnlyTheCommitsAfterTheCut() throws IOException {
        Writer w = new Writer(SEED + 1);
        Random cuts = new Random(SEED + 2);
        for (int round = 0; round < 8; round++) {
            Head h = Head.open(dir, opts());
            int segment = h.wal().segmentIndex();
            List<Map<Labels, List<Sample>>> states = new ArrayList<>();
            List<Long> ends = new ArrayList<>();
            states.add(w.copy());
            ends.add(0L);
            for (int b = 0; b < 30; b++) {
                w.batch(h);
                if (h.wal().segmentIndex() != segment) {
                    break; // the cut below only concerns the last segment
                }
                states.add(w.copy());
                ends.add(h.wal().segmentOffset());
            }
            Path last = Segments.path(dir.resolve("wal"), h.wal().segmentIndex());
            long size;
            try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE)) {
                size = ch.size();
                long cut = (long) (cuts.nextDouble() * (size + 1));
                ch.truncate(cut);
                size = cut;
            }
            // A power loss that tears the WAL loses the unsynced chunks_head/ pages too; the WAL alone holds
            // every head sample, so the head must come back from it without the mapped chunks.
            DurableFiles.deleteRecursively(dir.resolve(Head.CHUNKS_HEAD));
            int intact = 0;
            while (intact + 1 < ends.size() && ends.get(intact + 1) <= size) {
                intact++;
            }
            try (Head reopened = Head.open(dir, opts())) {
                Map<Labels, List<Sample>> got = read(reopened);
                boolean atIntact = got.equals(states.get(intact));
                boolean atNext = intact + 1 < states.size() && got.equals(states.get(intact + 1));
                assertThat(atIntact || atNext).as("round %d: cut at %d, %d commits intact, seed %d", round, size,
                        intact, SEED).isTrue();
                w.model = atIntact ? states.get(intact) : states.get(intact + 1);
                // Later batches reuse the generator's timestamps, which only grow: still in order.
            }
        }
    }
}
