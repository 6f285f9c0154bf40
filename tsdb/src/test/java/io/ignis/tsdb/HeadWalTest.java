package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.model.MetricMetadata;
import io.ignis.model.MetricType;
import io.ignis.storage.Appender;
import io.ignis.storage.Querier;
import io.ignis.tsdb.Samples.Sample;
import io.ignis.tsdb.wal.Checkpoint;
import io.ignis.tsdb.wal.Segments;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay, repair, truncation and checkpoints through the head. */
class HeadWalTest {
    private static final long MINUTE = 60_000;

    @TempDir
    Path dir;

    private static HeadOptions opts() {
        return HeadOptions.defaults().withStripeSize(64).withReplayWorkers(3).withWalSegmentSize(32 * 1024);
    }

    private static Labels series(int i) {
        return Labels.of("__name__", "m", "i", Integer.toString(i));
    }

    /** Values that snappy cannot shrink much, so the WAL spans several 32 KiB segments. */
    private static double value(int c, int i) {
        return Double.longBitsToDouble(0x3ff0000000000000L | (((long) c * 0x9E3779B97F4A7C15L + i) >>> 12));
    }

    private static Map<Labels, List<Sample>> read(Head h, long mint) {
        try (Querier q = h.querier(mint, Long.MAX_VALUE)) {
            return Samples.read(q, Matcher.equal("__name__", "m"));
        }
    }

    @Test
    void corruptionInTheMiddleKeepsWhatCameBefore() throws IOException {
        try (Head h = Head.open(dir, opts())) {
            Appender app = h.appender();
            for (int c = 0; c < 1000; c++) {
                for (int i = 0; i < 10; i++) {
                    app.append(0, series(i), c * MINUTE, value(c, i));
                }
                app.commit();
            }
        }
        List<Segments.Ref> segs = Segments.list(dir.resolve("wal"));
        assertThat(segs.size()).isGreaterThan(2);
        Segments.Ref damaged = segs.get(1);
        try (RandomAccessFile f = new RandomAccessFile(damaged.path().toFile(), "rw")) {
            f.seek(100);
            f.write(f.read() ^ 0x01);
        }
        try (Head h = Head.open(dir, opts())) {
            assertThat(h.stats().walCorruptions()).isEqualTo(1);
            Map<Labels, List<Sample>> got = read(h, Long.MIN_VALUE);
            assertThat(got).hasSize(10);
            int n = got.get(series(0)).size();
            assertThat(n).isGreaterThan(0).isLessThan(1000);
            for (int i = 0; i < 10; i++) {
                List<Sample> s = got.get(series(i));
                assertThat(s.size()).as("every series cut at the same commit").isEqualTo(n);
                for (int c = 0; c < n; c++) {
                    assertThat(s.get(c)).isEqualTo(Sample.of(c * MINUTE, value(c, i)));
                }
            }
            Appender app = h.appender();
            app.append(0, series(0), 1000 * MINUTE, 1);
            app.commit();
        }
        assertThat(Segments.list(dir.resolve("wal")).get(0).index()).isZero();
        try (Head h = Head.open(dir, opts())) {
            assertThat(h.stats().walCorruptions()).as("repaired for good").isZero();
            assertThat(read(h, 1000 * MINUTE).get(series(0))).containsExactly(Sample.of(1000 * MINUTE, 1));
        }
    }

    @Test
    void truncationDropsOldDataCheckpointsAndReplaysTheSame() throws IOException {
        long mint;
        Map<Labels, List<Sample>> before;
        try (Head h = Head.open(dir, opts())) {
            Appender app = h.appender();
            // Series 0-19 stop after 2h; 20-39 go on for 5h, one sample every 20 s.
            for (int c = 0; c < 900; c++) {
                for (int i = 0; i < 40; i++) {
                    if (i >= 20 || c < 360) {
                        app.append(0, series(i), c * MINUTE / 3, value(c, i));
                    }
                }
                app.commit();
            }
            app.updateMetadata(0, series(27), new MetricMetadata(MetricType.GAUGE, "", "seven"));
            app.commit();
            mint = 3 * 60 * MINUTE;
            int segmentsBefore = Segments.list(dir.resolve("wal")).size();
            h.truncate(mint);
            assertThat(h.stats().series()).isEqualTo(20);
            assertThat(h.stats().seriesRemoved()).isEqualTo(20);
            assertThat(h.minTime()).isEqualTo(mint);
            Checkpoint.Ref cp = Checkpoint.last(dir.resolve("wal"));
            assertThat(cp).as("checkpoint after %d segments", segmentsBefore).isNotNull();
            List<Segments.Ref> after = Segments.list(dir.resolve("wal"));
            assertThat(after.get(0).index()).isEqualTo(cp.index() + 1);
            assertThat(after.size()).isLessThan(segmentsBefore);
            before = read(h, mint);
            assertThat(before).hasSize(20);
            assertThat(before.get(series(25)).get(0).t()).isEqualTo(mint);
        }
        try (Head h = Head.open(dir, opts())) {
            assertThat(read(h, mint)).isEqualTo(before);
            assertThat(h.stats().series()).as("dead series are not revived").isEqualTo(20);
            assertThat(h.series.getByLabels(series(27)).metadata().help()).isEqualTo("seven");
            Appender app = h.appender();
            app.append(0, series(0), 400 * MINUTE, 1);
            app.commit();
            assertThat(read(h, 400 * MINUTE)).containsKey(series(0));
        }
    }

    @Test
    void leftoverTemporaryCheckpointIsIgnoredAndRemoved() throws IOException {
        try (Head h = Head.open(dir, opts())) {
            Appender app = h.appender();
            app.append(0, series(1), 1, 1);
            app.commit();
        }
        Path tmp = dir.resolve("wal").resolve("checkpoint.00000005.tmp");
        Files.createDirectories(tmp);
        Files.write(tmp.resolve("00000000"), new byte[] {1, 2, 3});
        try (Head h = Head.open(dir, opts())) {
            assertThat(read(h, Long.MIN_VALUE).get(series(1))).containsExactly(Sample.of(1, 1));
        }
        assertThat(Files.exists(tmp)).isFalse();
    }
}
