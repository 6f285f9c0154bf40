package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.Appender;
import io.ignis.storage.Querier;
import io.ignis.tsdb.Samples.Sample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers commit batches that touch all their series at one timestamp while readers query: every read
 * must show whole commits only (all of a writer's series at the same commit), at least every commit
 * finished before the querier opened, and exactly the model's samples. Then the WAL replays to the same.
 */
class HeadConcurrencyTest {
    private static final long SEED = Long.getLong("tests.seed", 99L);
    private static final int WRITERS = 3;
    private static final int READERS = 2;
    private static final int SERIES = 15;
    private static final int COMMITS = 250;

    @TempDir
    Path dir;

    private static Labels labels(int w, int i) {
        return Labels.of("__name__", "stress", "w", Integer.toString(w), "s", Integer.toString(i));
    }

    /** Which batches each writer commits (the others it rolls back), decided up front from the seed. */
    private static boolean[][] plan() {
        Random rnd = new Random(SEED);
        boolean[][] commits = new boolean[WRITERS][COMMITS];
        for (boolean[] c : commits) {
            for (int k = 0; k < COMMITS; k++) {
                c[k] = rnd.nextInt(6) != 0;
            }
        }
        return commits;
    }

    private static long time(int k, int w) {
        return 1_000_000L + k * 1000L + w;
    }

    @Test
    void readersSeeWholeCommitsWhileWritersRun() throws Exception {
        boolean[][] plan = plan();
        AtomicIntegerArray lastCommitted = new AtomicIntegerArray(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            lastCommitted.set(w, -1);
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        int[] reads = new int[READERS];
        AtomicInteger totalReads = new AtomicInteger();
        try (Head h = Head.open(dir, HeadOptions.defaults().withStripeSize(256).withReplayWorkers(2))) {
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int id = w;
                threads.add(new Thread(() -> run(failure, start,
                        () -> write(h, id, plan[id], lastCommitted, totalReads))));
            }
            for (int r = 0; r < READERS; r++) {
                int id = r;
                threads.add(new Thread(() -> run(failure, start, () -> {
                    while (writing.get() || reads[id] < 5) {
                        check(h, plan, lastCommitted);
                        reads[id]++;
                        totalReads.incrementAndGet();
                    }
                })));
            }
            threads.forEach(Thread::start);
            start.countDown();
            for (int i = 0; i < WRITERS; i++) {
                threads.get(i).join();
            }
            writing.set(false);
            for (Thread t : threads) {
                t.join();
            }
            if (failure.get() != null) {
                throw new AssertionError("seed " + SEED, failure.get());
            }
            assertThat(read(h)).isEqualTo(model(plan, COMMITS - 1));
        }
        try (Head h = Head.open(dir, HeadOptions.defaults().withStripeSize(256).withReplayWorkers(2))) {
            assertThat(read(h)).as("after replay").isEqualTo(model(plan, COMMITS - 1));
        }
        System.out.printf("concurrency stress: %d writers x %d commits, reads per reader %s%n", WRITERS, COMMITS,
                java.util.Arrays.toString(reads));
    }

    private static void run(AtomicReference<Throwable> failure, CountDownLatch start, Runnable body) {
        try {
            start.await();
            body.run();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    private static void write(Head h, int w, boolean[] plan, AtomicIntegerArray lastCommitted,
                              AtomicInteger reads) {
        Appender app = h.appender();
        for (int k = 0; k < COMMITS; k++) {
            // Pace on the readers so reads really interleave with commits on a busy machine.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (reads.get() < k / 10 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            for (int i = 0; i < SERIES; i++) {
                app.append(0, labels(w, i), time(k, w), k);
            }
            if (plan[k]) {
                app.commit();
                lastCommitted.set(w, k);
            } else {
                app.rollback();
            }
        }
    }

    private static void check(Head h, boolean[][] plan, AtomicIntegerArray lastCommitted) {
        int[] floor = new int[WRITERS];
        for (int w = 0; w < WRITERS; w++) {
            floor[w] = lastCommitted.get(w);
        }
        Map<Labels, List<Sample>> got;
        try (Querier q = h.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            got = Samples.read(q, Matcher.equal("__name__", "stress"));
        }
        for (int w = 0; w < WRITERS; w++) {
            List<Sample> first = got.getOrDefault(labels(w, 0), List.of());
            int seen = first.isEmpty() ? -1 : (int) first.get(first.size() - 1).v();
            assertThat(seen).as("writer %d: commits before the querier opened are visible", w)
                    .isGreaterThanOrEqualTo(floor[w]);
            List<Sample> want = modelSeries(plan[w], w, seen);
            for (int i = 0; i < SERIES; i++) {
                assertThat(got.getOrDefault(labels(w, i), List.of()))
                        .as("writer %d series %d: whole commits, as the model", w, i).isEqualTo(want);
            }
        }
    }

    private static List<Sample> modelSeries(boolean[] plan, int w, int upTo) {
        List<Sample> out = new ArrayList<>();
        for (int k = 0; k <= upTo; k++) {
            if (plan[k]) {
                out.add(Sample.of(time(k, w), k));
            }
        }
        return out;
    }

    private static Map<Labels, List<Sample>> model(boolean[][] plan, int upTo) {
        Map<Labels, List<Sample>> out = new java.util.TreeMap<>();
        for (int w = 0; w < WRITERS; w++) {
            for (int i = 0; i < SERIES; i++) {
                List<Sample> s = modelSeries(plan[w], w, upTo);
                if (!s.isEmpty()) {
                    out.put(labels(w, i), s);
                }
            }
        }
        return out;
    }

    private static Map<Labels, List<Sample>> read(Head h) {
        try (Querier q = h.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            return new java.util.TreeMap<>(Samples.read(q, Matcher.equal("__name__", "stress")));
        }
    }

    @Test
    void eachOpenReaderSeesExactlyTheCommitsBeforeItAsTheHistoryGrowsAndFolds() {
        Head h = Head.inMemory(HeadOptions.defaults().withStripeSize(16));
        Appender app = h.appender();
        List<Querier> readers = new ArrayList<>();
        for (int k = 1; k <= 6; k++) {
            app.append(0, labels(0, 0), k, k);
            app.commit();
            readers.add(h.querier(0, Long.MAX_VALUE)); // sees k samples
        }
        MemSeries s = h.series.getByLabels(labels(0, 0));
        // Closing the oldest reader first folds the history from its front while the newer readers stay open.
        for (int k = 1; k <= 6; k++) {
            Querier q = readers.get(k - 1);
            assertThat(Samples.read(q, Matcher.equal("__name__", "stress")).get(labels(0, 0))).as("reader %d", k)
                    .hasSize(k);
            q.close();
            app.append(0, labels(0, 0), 100 + k, k);
            app.commit();
            // The oldest open reader's commit folds into the base; the later commits, the new one included, stay.
            assertThat(s.isolationEntries()).as("after reader %d closed", k).isEqualTo(k < 6 ? 5 : 1);
        }
    }

    @Test
    void isolationHistoryGrowsOnlyWhileAReaderIsOpen() {
        Head h = Head.inMemory(HeadOptions.defaults().withStripeSize(16));
        Appender app = h.appender();
        app.append(0, labels(0, 0), 1, 1);
        app.commit();
        Querier open = h.querier(0, Long.MAX_VALUE);
        for (int k = 2; k < 50; k++) {
            app.append(0, labels(0, 0), k, k);
            app.commit();
        }
        MemSeries s = h.series.getByLabels(labels(0, 0));
        assertThat(s.isolationEntries()).as("history kept for the open reader").isGreaterThan(40);
        assertThat(Samples.read(open, Matcher.equal("__name__", "stress")).get(labels(0, 0))).hasSize(1);
        open.close();
        app.append(0, labels(0, 0), 100, 100);
        app.commit();
        assertThat(s.isolationEntries()).as("folded once no reader needs it").isEqualTo(1);
        try (Querier q = h.querier(0, Long.MAX_VALUE)) {
            assertThat(Samples.read(q, Matcher.equal("__name__", "stress")).get(labels(0, 0))).hasSize(50);
        }
    }
}
