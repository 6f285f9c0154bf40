package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.storage.Appender;
import io.ignis.tsdb.Samples.Sample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appenders, queriers and compaction at once: writers append in near lockstep (so none falls out of the head's
 * appendable window), readers check that every commit finished before their querier opened is fully visible
 * with no gap and no duplicate while head compaction, WAL truncation and block merges move the data, and at the
 * end the Db equals the reference model, also after reopening.
 */
class DbConcurrencyTest {
    private static final long T0 = 1_700_000_000_000L / (54 * DbModel.HOUR) * (54 * DbModel.HOUR);
    private static final long STEP = 60_000;
    private static final int WRITERS = 2;
    private static final int SERIES_PER_WRITER = 3;
    private static final int TICKS = 1500; // 25 h of data: a dozen head compactions and block merges

    @TempDir
    Path dir;

    private static Labels series(int w, int s) {
        return Labels.of("__name__", "stress", "writer", Integer.toString(w), "s", Integer.toString(s));
    }

    private static double value(int w, int s, long t) {
        return t / 1000.0 + w * 10 + s;
    }

    @Test
    void appendsQueriesAndCompactionAgreeWithTheModel() throws Exception {
        DbOptions o = DbOptions.defaults().withHead(HeadOptions.defaults().withWalSegmentSize(64 * 1024)
                .withStripeSize(64));
        AtomicLongArray committed = new AtomicLongArray(WRITERS); // last committed tick + 1, per writer
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Phaser lockstep = new Phaser(WRITERS);
        try (Db db = Db.open(dir, o)) {
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                threads.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < TICKS; i++) {
                            long t = T0 + i * STEP;
                            Appender app = db.appender();
                            for (int s = 0; s < SERIES_PER_WRITER; s++) {
                                app.append(0, series(writer, s), t, value(writer, s, t));
                            }
                            app.commit();
                            committed.set(writer, i + 1);
                            if (i % 10 == 9) {
                                lockstep.arriveAndAwaitAdvance();
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                        lockstep.arriveAndDeregister();
                    }
                }, "writer-" + w));
            }
            Runnable reader = () -> {
                try {
                    while (!done.get()) {
                        long[] lower = new long[WRITERS];
                        for (int w = 0; w < WRITERS; w++) {
                            lower[w] = committed.get(w);
                        }
                        Map<Labels, List<Sample>> got = DbModel.read(db, Long.MIN_VALUE, Long.MAX_VALUE);
                        for (int w = 0; w < WRITERS; w++) {
                            for (int s = 0; s < SERIES_PER_WRITER; s++) {
                                List<Sample> ss = got.getOrDefault(series(w, s), List.of());
                                assertThat(ss.size()).as("writer %d series %d", w, s)
                                        .isGreaterThanOrEqualTo((int) lower[w]);
                                for (int i = 0; i < ss.size(); i++) {
                                    long t = T0 + i * STEP;
                                    assertThat(ss.get(i)).isEqualTo(Sample.of(t, value(w, s, t)));
                                }
                            }
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            };
            threads.add(new Thread(reader, "reader-1"));
            threads.add(new Thread(reader, "reader-2"));
            Thread compactor = new Thread(() -> {
                try {
                    while (!done.get()) {
                        db.compact();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "compactor");
            threads.add(compactor);
            for (Thread t : threads) {
                t.start();
            }
            for (Thread t : threads.subList(0, WRITERS)) {
                t.join(120_000);
            }
            done.set(true);
            for (Thread t : threads) {
                t.join(60_000);
                assertThat(t.isAlive()).as(t.getName()).isFalse();
            }
            assertThat(failures).isEmpty();
            db.compact();
            assertThat(db.blocks().size()).isGreaterThan(1);
            assertThat(db.stats().compactions()).isGreaterThan(10);
            check(db);
        }
        try (Db db = Db.open(dir, o)) {
            check(db);
        }
    }

    private static void check(Db db) {
        Map<Labels, List<Sample>> got = DbModel.read(db, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(got).hasSize(WRITERS * SERIES_PER_WRITER);
        for (int w = 0; w < WRITERS; w++) {
            for (int s = 0; s < SERIES_PER_WRITER; s++) {
                List<Sample> want = new ArrayList<>();
                for (int i = 0; i < TICKS; i++) {
                    long t = T0 + i * STEP;
                    want.add(Sample.of(t, value(w, s, t)));
                }
                assertThat(got.get(series(w, s))).isEqualTo(want);
            }
        }
    }
}
