package io.ignis.tsdb;

import static io.ignis.tsdb.DbModel.HOUR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.Appender;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleRejection;
import io.ignis.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbTest {
    /** Aligned to the 54 h compaction range, so every compaction window starts at T0 + k × range. */
    private static final long T0 = 1_700_000_000_000L / (54 * HOUR) * (54 * HOUR);

    @TempDir
    Path dir;

    private static DbOptions opts() {
        return DbOptions.defaults().withHead(HeadOptions.defaults().withWalSegmentSize(64 * 1024).withStripeSize(64));
    }

    @Test
    void reopensWithBlocksHeadAndWal() throws IOException {
        DbModel model = new DbModel();
        try (Db db = Db.open(dir, opts())) {
            model.fill(db, 10, T0, T0 + 7 * HOUR, 60_000);
            assertThat(db.head().compactable()).isTrue();
            assertThat(db.compact()).isEqualTo(2);
            assertThat(db.blocks()).hasSize(2);
            assertThat(db.blocks().get(0).minTime()).isEqualTo(T0);
            assertThat(db.blocks().get(1).maxTime()).isEqualTo(T0 + 4 * HOUR);
            assertThat(db.head().minTime()).isEqualTo(T0 + 4 * HOUR);
            assertThat(db.head().compactable()).isFalse();
            assertThat(DbModel.read(db, T0, T0 + 8 * HOUR)).isEqualTo(model.expected(T0, T0 + 8 * HOUR));
        }
        try (Db db = Db.open(dir, opts())) {
            assertThat(db.blocks()).hasSize(2);
            assertThat(DbModel.read(db, T0, T0 + 8 * HOUR)).isEqualTo(model.expected(T0, T0 + 8 * HOUR));
            assertThat(DbModel.read(db, T0 + 3 * HOUR, T0 + 5 * HOUR))
                    .isEqualTo(model.expected(T0 + 3 * HOUR, T0 + 5 * HOUR));
            model.fill(db, 10, T0 + 7 * HOUR, T0 + 8 * HOUR, 60_000);
            assertThat(db.walReplayStatus().samples()).isPositive();
            assertThat(db.walReplayStatus().damage()).isNull();
        }
        try (Db db = Db.open(dir, opts())) {
            assertThat(DbModel.read(db, T0, T0 + 9 * HOUR)).isEqualTo(model.expected(T0, T0 + 9 * HOUR));
        }
    }

    @Test
    void secondOpenerIsRefusedUntilClose() throws IOException {
        Db db = Db.open(dir, opts());
        assertThatThrownBy(() -> Db.open(dir, opts())).isInstanceOf(StorageException.class)
                .hasMessageContaining("data directory is in use").hasMessageContaining(dir.toString());
        db.close();
        Db.open(dir, opts()).close();
    }

    @Test
    void rejectsSamplesBeforeTheBlocksEnd() throws IOException {
        DbModel model = new DbModel();
        try (Db db = Db.open(dir, opts())) {
            model.fill(db, 2, T0, T0 + 4 * HOUR, 60_000);
            db.compact();
            assertThat(db.blocks()).hasSize(1);
            Appender app = db.appender();
            assertThatThrownBy(() -> app.append(0, Labels.of("__name__", "late"), T0 + HOUR, 1))
                    .isSameAs(SampleRejection.OUT_OF_BOUNDS);
            app.rollback();
            assertThat(db.stats().outOfBoundSamples()).isEqualTo(1);
        }
    }

    @Test
    void timeRetentionIsRelativeToTheNewestBlock() throws IOException {
        DbModel model = new DbModel();
        DbOptions o = opts().withRetention(5 * HOUR).withBlockDurations(2 * HOUR, 2 * HOUR);
        try (Db db = Db.open(dir, o)) {
            model.fill(db, 3, T0, T0 + 13 * HOUR, 120_000);
            db.compact();
            // The head keeps [10h, 13h); blocks end at T0+2h, 4h, ..., 10h, so ends at or before T0+5h go.
            assertThat(db.blocks()).extracting(Block::maxTime)
                    .containsExactly(T0 + 6 * HOUR, T0 + 8 * HOUR, T0 + 10 * HOUR);
            assertThat(db.stats().timeRetentions()).isPositive();
            model.delete(Long.MIN_VALUE, T0 + 4 * HOUR - 1, l -> true);
            assertThat(DbModel.read(db, T0, T0 + 14 * HOUR)).isEqualTo(model.expected(T0, T0 + 14 * HOUR));
        }
        assertThat(BlockDirs.list(dir)).hasSize(3);
    }

    @Test
    void sizeRetentionCountsHeadAndDropsOldestBlocks() throws IOException {
        DbModel model = new DbModel();
        DbOptions o = opts().withBlockDurations(2 * HOUR, 2 * HOUR);
        long blockBytes;
        try (Db db = Db.open(dir, o)) {
            model.fill(db, 5, T0, T0 + 11 * HOUR, 60_000);
            db.compact();
            assertThat(db.blocks()).hasSize(4);
            blockBytes = db.blocks().get(3).size();
        }
        long headBytes = BlockDirs.sizeOf(dir.resolve("wal"));
        // Room for the head and two and a half blocks: the two newest stay.
        long limit = headBytes + blockBytes * 5 / 2;
        try (Db db = Db.open(dir, o.withMaxBytes(limit))) {
            assertThat(db.blocks()).extracting(Block::maxTime).containsExactly(T0 + 6 * HOUR, T0 + 8 * HOUR);
            assertThat(db.stats().sizeRetentions()).isEqualTo(1);
            assertThat(db.stats().retentionLimitBytes()).isEqualTo(limit);
        }
    }

    @Test
    void deleteHidesSamplesAndCleanTombstonesRewritesBlocks() throws IOException {
        DbModel model = new DbModel();
        try (Db db = Db.open(dir, opts())) {
            model.fill(db, 6, T0, T0 + 7 * HOUR, 60_000);
            db.compact();
            long from = T0 + HOUR;
            long to = T0 + 5 * HOUR; // both blocks and the head
            db.delete(from, to, Matcher.equal("job", "a"));
            model.delete(from, to, l -> l.get("job").equals("a"));
            assertThat(DbModel.read(db, T0, T0 + 8 * HOUR)).isEqualTo(model.expected(T0, T0 + 8 * HOUR));
            List<Ulid> before = db.blocks().stream().map(Block::ulid).toList();
            assertThat(db.cleanTombstones()).isEqualTo(2);
            assertThat(db.blocks()).hasSize(2).allSatisfy(b -> {
                assertThat(b.tombstones().total()).isZero();
                assertThat(before).doesNotContain(b.ulid());
            });
            assertThat(DbModel.read(db, T0, T0 + 8 * HOUR)).isEqualTo(model.expected(T0, T0 + 8 * HOUR));
        }
        try (Db db = Db.open(dir, opts())) {
            assertThat(DbModel.read(db, T0, T0 + 8 * HOUR)).isEqualTo(model.expected(T0, T0 + 8 * HOUR));
        }
    }

    @Test
    void snapshotWithHeadOpensAsADatabaseWithTheSameSamples() throws IOException {
        DbModel model = new DbModel();
        Path snap = dir.resolve("snapshots").resolve("s1");
        try (Db db = Db.open(dir.resolve("data"), opts())) {
            model.fill(db, 4, T0, T0 + 5 * HOUR, 60_000);
            db.compact();
            assertThat(db.blocks()).hasSize(1);
            assertThat(db.snapshot(snap, true)).isEqualTo(2);
            Path linked = snap.resolve(db.blocks().get(0).ulid().toString()).resolve("index");
            assertThat(Files.isSameFile(linked, db.blocks().get(0).dir().resolve("index"))).isTrue();
        }
        try (Db copy = Db.open(snap, opts())) {
            assertThat(copy.blocks()).hasSize(2);
            assertThat(DbModel.read(copy, T0, T0 + 6 * HOUR)).isEqualTo(model.expected(T0, T0 + 6 * HOUR));
        }
    }

    @Test
    void corruptBlockIsSkippedAndReported() throws IOException {
        DbModel model = new DbModel();
        Path bad;
        try (Db db = Db.open(dir, opts())) {
            model.fill(db, 4, T0, T0 + 7 * HOUR, 60_000);
            db.compact();
            bad = db.blocks().get(0).dir();
        }
        Files.write(bad.resolve("index"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Files.createDirectories(dir.resolve(Ulid.of(1, 2, 3) + BlockWriter.TMP_FOR_CREATION));
        Files.createDirectories(dir.resolve(Ulid.of(1, 2, 4) + BlockDirs.TMP_FOR_DELETION));
        try (Db db = Db.open(dir, opts())) {
            assertThat(db.corruptBlocks()).containsOnlyKeys(bad);
            assertThat(db.corruptBlocks().get(bad)).contains("index");
            assertThat(db.stats().corruptBlocks()).isEqualTo(1);
            assertThat(db.blocks()).hasSize(1);
            model.delete(T0, T0 + 2 * HOUR - 1, l -> true);
            assertThat(DbModel.read(db, T0, T0 + 8 * HOUR)).isEqualTo(model.expected(T0, T0 + 8 * HOUR));
        }
        assertThat(Files.exists(bad)).as("a corrupt block is kept for the operator").isTrue();
        try (var ls = Files.list(dir)) {
            assertThat(ls.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-for-"));
        }
    }

    @Test
    void openQuerierKeepsACompactedAwayBlockReadable() throws Exception {
        DbModel model = new DbModel();
        DbOptions o = opts().withBlockDurations(2 * HOUR, 6 * HOUR);
        try (Db db = Db.open(dir, o)) {
            model.fill(db, 3, T0, T0 + 5 * HOUR, 60_000);
            db.compact();
            assertThat(db.blocks()).hasSize(1);
            Block old = db.blocks().get(0);
            try (Querier q = db.querier(T0, T0 + 2 * HOUR)) {
                model.fill(db, 3, T0 + 5 * HOUR, T0 + 13 * HOUR, 60_000);
                java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                        new java.util.concurrent.atomic.AtomicReference<>();
                Thread compactor = new Thread(() -> {
                    try {
                        db.compact();
                    } catch (IOException | RuntimeException e) {
                        failure.set(e);
                    }
                });
                compactor.start();
                // The compactor merges the first block away but cannot unmap it while q holds it.
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (db.blocks().contains(old) && failure.get() == null && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(failure.get()).isNull();
                assertThat(db.blocks()).as("blocks %s", db.blocks().stream().map(b -> (b.minTime() - T0) / HOUR + "-" + (b.maxTime() - T0) / HOUR + " l" + b.meta().compaction().level()).toList())
                        .doesNotContain(old);
                assertThat(db.blocks()).doesNotContain(old);
                assertThat(Samples.read(q, Matcher.regex("__name__", ".+")).values().stream()
                        .mapToInt(List::size).sum()).isEqualTo(3 * 120);
                q.close();
                compactor.join(20_000);
                assertThat(compactor.isAlive()).isFalse();
            }
            assertThat(Files.exists(old.dir())).isFalse();
            assertThat(db.blocks().get(0).meta().compaction().level()).isEqualTo(2);
            assertThat(DbModel.read(db, T0, T0 + 14 * HOUR)).isEqualTo(model.expected(T0, T0 + 14 * HOUR));
        }
    }

    @Test
    void statsAndStatusDescribeTheHead() throws IOException {
        DbModel model = new DbModel();
        try (Db db = Db.open(dir, opts())) {
            model.fill(db, 9, T0, T0 + HOUR, 60_000);
            DbStats s = db.stats();
            assertThat(s.headSeries()).isEqualTo(9);
            assertThat(s.headSamplesAppended()).isEqualTo(9 * 60);
            assertThat(s.headMinTime()).isEqualTo(T0);
            assertThat(s.headMaxTime()).isEqualTo(T0 + HOUR - 60_000);
            assertThat(s.lowestTimestamp()).isEqualTo(T0);
            assertThat(s.walBytes()).isPositive();
            TsdbStatus st = db.status(2);
            assertThat(st.headStats().numSeries()).isEqualTo(9);
            // __name__ m0..m2, instance host-0..8, job a/b.
            assertThat(st.headStats().numLabelPairs()).isEqualTo(3 + 9 + 2);
            assertThat(st.seriesCountByMetricName()).containsExactly(new TsdbStatus.Stat("m0", 3),
                    new TsdbStatus.Stat("m1", 3));
            assertThat(st.labelValueCountByLabelName()).containsExactly(new TsdbStatus.Stat("instance", 9),
                    new TsdbStatus.Stat("__name__", 3));
            assertThat(st.seriesCountByLabelValuePair()).containsExactly(new TsdbStatus.Stat("job=a", 5),
                    new TsdbStatus.Stat("job=b", 4));
            assertThat(st.memoryInBytesByLabelName().get(0)).isEqualTo(new TsdbStatus.Stat("instance", 9 * 6));
        }
    }
}
