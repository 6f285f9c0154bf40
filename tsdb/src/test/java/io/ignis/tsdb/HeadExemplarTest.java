package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.model.Exemplar;
import io.ignis.storage.Appender;
import io.ignis.storage.ExemplarQuerier;
import io.ignis.storage.ExemplarQueryResult;
import io.ignis.storage.SampleRejection;
import io.ignis.tsdb.exemplar.ExemplarStats;
import io.ignis.tsdb.record.ExemplarBatch;
import io.ignis.tsdb.record.RecordDecoder;
import io.ignis.tsdb.record.RecordType;
import io.ignis.tsdb.wal.WalReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exemplars through the head: checked on append, stored at commit, logged to the WAL and replayed on open. */
class HeadExemplarTest {
    private static final Labels A = Labels.of("__name__", "req_total", "job", "a");
    private static final Labels B = Labels.of("__name__", "req_total", "job", "b");
    private static final List<Matcher[]> ALL = List.<Matcher[]>of(new Matcher[] {Matcher.regex("job", ".+")});

    @TempDir
    Path dir;

    private static HeadOptions opts(long maxExemplars) {
        return HeadOptions.defaults().withStripeSize(64).withReplayWorkers(2).withMaxExemplars(maxExemplars);
    }

    private static Exemplar ex(String trace, double v, long t) {
        return new Exemplar(Labels.of("trace_id", trace), v, t, true);
    }

    /** Every stored exemplar as {@code job:trace@t=v}. */
    private static List<String> stored(ExemplarQuerier q) {
        List<String> out = new ArrayList<>();
        for (ExemplarQueryResult r : q.select(Long.MIN_VALUE, Long.MAX_VALUE, ALL)) {
            for (Exemplar e : r.exemplars()) {
                out.add(r.seriesLabels().get("job") + ":" + e.labels().get("trace_id") + "@" + e.timestamp() + "="
                        + e.value());
            }
        }
        return out;
    }

    private List<String> walExemplars() throws IOException {
        List<String> out = new ArrayList<>();
        ExemplarBatch b = new ExemplarBatch();
        try (WalReader r = WalReader.open(dir.resolve("wal"))) {
            while (r.next()) {
                if (RecordType.of(r.record(), r.recordLength()) == RecordType.EXEMPLARS) {
                    b.clear();
                    new RecordDecoder().exemplars(r.record(), r.recordLength(), b);
                    for (int i = 0; i < b.size(); i++) {
                        out.add(b.labels(i).get("trace_id") + "@" + b.t(i));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void committedExemplarsAreQueryableAndRolledBackOnesAreNot() {
        Head h = Head.inMemory(opts(100));
        Appender app = h.appender();
        long ref = app.append(0, A, 1000, 1);
        assertThat(app.appendExemplar(ref, A, ex("t1", 1, 1000))).isEqualTo(ref);
        app.append(0, B, 1000, 1);
        assertThat(app.appendExemplar(0, B, ex("t2", 1, 1000))).as("found by labels").isNotZero();
        assertThat(stored(h.exemplarQuerier())).as("nothing before commit").isEmpty();
        app.commit();
        assertThat(stored(h.exemplarQuerier())).containsExactly("a:t1@1000=1.0", "b:t2@1000=1.0");

        Appender rolled = h.appender();
        rolled.append(ref, A, 2000, 2);
        rolled.appendExemplar(ref, A, ex("t3", 2, 2000));
        rolled.rollback();
        assertThat(stored(h.exemplarQuerier())).containsExactly("a:t1@1000=1.0", "b:t2@1000=1.0");
        assertThat(h.exemplarStats().exemplarsAppended()).isEqualTo(2);
    }

    @Test
    void appendChecksAgainstStoredExemplarsAsPrometheus() {
        Head h = Head.inMemory(opts(100));
        Appender app = h.appender();
        long ref = app.append(0, A, 5000, 1);
        app.appendExemplar(ref, A, ex("t1", 1, 5000));
        app.commit();

        Appender next = h.appender();
        assertThatThrownBy(() -> next.appendExemplar(ref, A, ex("t0", 1, 4000)))
                .isSameAs(SampleRejection.OUT_OF_ORDER_EXEMPLAR);
        assertThat(next.appendExemplar(ref, A, ex("t1", 1, 5000))).as("a duplicate is dropped quietly")
                .isEqualTo(ref);
        assertThatThrownBy(() -> next.appendExemplar(0, B, ex("t2", 1, 5000)))
                .hasMessage("unknown HeadSeriesRef when trying to add exemplar: 0");
        assertThatThrownBy(() -> next.appendExemplar(ref, A,
                new Exemplar(Labels.of("trace_id", "x".repeat(200)), 1, 6000, true)))
                .hasMessage("label length for exemplar exceeds maximum of 128 UTF-8 characters");
        next.commit();
        assertThat(h.exemplarStats().exemplarsAppended()).isEqualTo(1);
    }

    @Test
    void anExemplarOvertakenByAnotherCommitIsCountedAndDropped() {
        Head h = Head.inMemory(opts(100));
        Appender setup = h.appender();
        long ref = setup.append(0, A, 1000, 1);
        setup.commit();
        Appender first = h.appender();
        Appender second = h.appender();
        first.appendExemplar(ref, A, ex("early", 1, 2000));
        second.appendExemplar(ref, A, ex("late", 1, 3000));
        second.commit();
        first.commit();
        assertThat(stored(h.exemplarQuerier())).containsExactly("a:late@3000=1.0");
        assertThat(h.exemplarStats().outOfOrderExemplars()).isEqualTo(1);
    }

    @Test
    void theOutOfOrderWindowAppliesToExemplars() throws IOException {
        Head h = Head.inMemory(opts(100));
        Appender app = h.appender();
        long ref = app.append(0, A, 600_000, 1);
        app.appendExemplar(ref, A, ex("t1", 1, 600_000));
        app.commit();
        h.setOutOfOrderTimeWindow(300_000);
        Appender late = h.appender();
        late.appendExemplar(ref, A, ex("t0", 1, 400_000));
        late.commit();
        assertThat(stored(h.exemplarQuerier())).containsExactly("a:t0@400000=1.0", "a:t1@600000=1.0");
    }

    @Test
    void withoutStorageExemplarsAreDroppedAndNotLogged() throws IOException {
        try (Head h = Head.open(dir, opts(0))) {
            Appender app = h.appender();
            long ref = app.append(0, A, 1000, 1);
            assertThat(app.appendExemplar(ref, A, ex("t1", 1, 1000))).isEqualTo(ref);
            assertThat(app.appendExemplar(0, B, ex("t1", 1, 1000))).as("not even looked up").isZero();
            app.commit();
            assertThat(stored(h.exemplarQuerier())).isEmpty();
            assertThat(h.exemplarStats()).isEqualTo(new ExemplarStats(0, 0, 0, 0, 0, 0));
        }
        assertThat(walExemplars()).isEmpty();
    }

    @Test
    void exemplarsAreReplayedFromTheWal() throws IOException {
        try (Head h = Head.open(dir, opts(100))) {
            for (int i = 1; i <= 4; i++) {
                Appender app = h.appender();
                long ref = app.append(0, i % 2 == 0 ? B : A, i * 1000L, i);
                app.appendExemplar(ref, null, ex("t" + i, i, i * 1000L));
                app.commit();
            }
        }
        assertThat(walExemplars()).containsExactly("t1@1000", "t2@2000", "t3@3000", "t4@4000");
        try (Head h = Head.open(dir, opts(100))) {
            assertThat(stored(h.exemplarQuerier())).containsExactly("a:t1@1000=1.0", "a:t3@3000=3.0",
                    "b:t2@2000=2.0", "b:t4@4000=4.0");
            List<ExemplarQueryResult> r = h.exemplarQuerier().select(0, 5000, ALL);
            assertThat(r.get(0).exemplars().get(0).hasTimestamp()).as("the WAL keeps no such flag").isFalse();
            assertThat(h.exemplarStats().exemplarsInStorage()).isEqualTo(4);
        }
        try (Head h = Head.open(dir, opts(3))) {
            assertThat(stored(h.exemplarQuerier())).as("a smaller ring keeps the newest")
                    .containsExactly("a:t3@3000=3.0", "b:t2@2000=2.0", "b:t4@4000=4.0");
        }
        try (Head h = Head.open(dir, opts(0))) {
            assertThat(stored(h.exemplarQuerier())).isEmpty();
        }
    }

    @Test
    void aCheckpointKeepsTheExemplarsOfLiveSeriesFromTheTruncationTimeOn() throws IOException {
        long minute = 60_000;
        long mint = 180 * minute;
        HeadOptions small = opts(10_000).withWalSegmentSize(32 * 1024);
        try (Head h = Head.open(dir, small)) {
            // A goes on for 5 h, one sample and exemplar every 20 s; B stops after 2 h. Forty more series fill the
            // WAL segments, so truncation has some to checkpoint.
            for (int c = 0; c < 900; c++) {
                Appender app = h.appender();
                for (Labels l : c < 360 ? List.of(A, B) : List.of(A)) {
                    long ref = app.append(0, l, c * minute / 3, c);
                    app.appendExemplar(ref, l, ex("c" + c, c, c * minute / 3));
                }
                for (int i = 0; i < 40; i++) {
                    app.append(0, Labels.of("__name__", "filler", "i", Integer.toString(i)), c * minute / 3,
                            Math.sin(c * 0.37 + i));
                }
                app.commit();
            }
            h.truncate(mint);
            assertThat(io.ignis.tsdb.wal.Checkpoint.last(dir.resolve("wal"))).isNotNull();
        }
        try (Head h = Head.open(dir, small)) {
            List<ExemplarQueryResult> r = h.exemplarQuerier().select(Long.MIN_VALUE, Long.MAX_VALUE, ALL);
            assertThat(r).as("B was removed before the checkpoint").hasSize(1);
            assertThat(r.get(0).seriesLabels()).isEqualTo(A);
            List<Exemplar> kept = r.get(0).exemplars();
            assertThat(kept.get(kept.size() - 1).timestamp()).isEqualTo(899 * minute / 3);
            long fromMint = kept.stream().filter(e -> e.timestamp() >= mint).count();
            assertThat(fromMint).as("every exemplar of A from the truncation time on").isEqualTo(900 - 540);
        }
    }

    @Test
    void theDbServesAndResizesTheHeadsExemplars() throws IOException {
        DbOptions o = DbOptions.defaults().withHead(opts(10));
        try (Db db = Db.open(dir, o)) {
            Appender app = db.appender();
            for (int i = 1; i <= 5; i++) {
                long ref = app.append(0, A, i * 1000L, i);
                app.appendExemplar(ref, A, ex("t" + i, i, i * 1000L));
            }
            app.commit();
            assertThat(db.exemplarStats()).isEqualTo(new ExemplarStats(5, 5, 1, 1.0, 10, 0));
            assertThat(db.resizeExemplars(2)).isEqualTo(2);
            assertThat(stored(db.exemplarQuerier())).containsExactly("a:t4@4000=4.0", "a:t5@5000=5.0");
            assertThat(db.resizeExemplars(0)).isZero();
            Appender off = db.appender();
            long ref = off.append(0, A, 6000, 6);
            off.appendExemplar(ref, A, ex("t6", 6, 6000));
            off.commit();
            assertThat(stored(db.exemplarQuerier())).isEmpty();
        }
        try (Db db = Db.open(dir, o.withMaxExemplars(10))) {
            assertThat(stored(db.exemplarQuerier())).as("t6 was never logged").containsExactly("a:t1@1000=1.0",
                    "a:t2@2000=2.0", "a:t3@3000=3.0", "a:t4@4000=4.0", "a:t5@5000=5.0");
        }
    }
}
