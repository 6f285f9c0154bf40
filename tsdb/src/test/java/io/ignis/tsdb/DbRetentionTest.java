package io.ignis.tsdb;

import static io.ignis.tsdb.DbModel.HOUR;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Prometheus's retention rules over real blocks: which end times go, by time and by size. */
class DbRetentionTest {
    private static final long T0 = 1_700_000_000_000L / (54 * HOUR) * (54 * HOUR);

    @TempDir
    static Path dir;

    private static List<Block> blocks;
    private static long blockSize;

    record Case(String name, long retention, long maxBytes, long headBytes, int[] keptEndsHours) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("time disabled", 0, 0, 0, new int[] {2, 4, 6, 8, 10}),
                new Case("time: difference below retention keeps", 8 * HOUR + 1, 0, 0, new int[] {2, 4, 6, 8, 10}),
                new Case("time: difference equal to retention drops", 8 * HOUR, 0, 0, new int[] {4, 6, 8, 10}),
                new Case("time: relative to the newest block", 3 * HOUR, 0, 0, new int[] {8, 10}),
                new Case("size disabled", 0, 0, 1L << 40, new int[] {2, 4, 6, 8, 10}),
                new Case("size: head alone over the limit drops all", 0, 100, 101, new int[] {}),
                new Case("size: exactly at the limit keeps", 0, -3, 0, new int[] {6, 8, 10}),
                new Case("size: one byte over drops that block", 0, -3, 1, new int[] {8, 10}));
    }

    private static List<Block> blocks() throws Exception {
        if (blocks == null) {
            List<Block> out = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                BlockWriter w = new BlockWriter(dir, new UlidGenerator());
                long[] ts = {T0 + i * 2 * HOUR, T0 + i * 2 * HOUR + HOUR};
                w.addSamples(DbModel.series(0), ts, new double[] {1, 2}, 2);
                BlockMeta m = w.write(T0 + i * 2 * HOUR, T0 + (i + 1) * 2 * HOUR, null);
                out.add(Block.open(dir.resolve(m.ulid().toString())));
            }
            blockSize = out.get(0).size();
            blocks = out;
        }
        return blocks;
    }

    @AfterAll
    static void close() {
        if (blocks != null) {
            blocks.forEach(Block::close);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dropsAsPrometheus(Case c) throws Exception {
        List<Block> newestFirst = new ArrayList<>(blocks());
        newestFirst.sort((a, b) -> Long.compare(b.maxTime(), a.maxTime()));
        for (Block b : newestFirst) {
            assertThat(b.size()).as("equal-sized blocks").isEqualTo(blockSize);
        }
        long maxBytes = c.maxBytes() < 0 ? -c.maxBytes() * blockSize : c.maxBytes();
        Set<Ulid> gone = DbRetention.beyondTime(newestFirst, c.retention());
        gone.addAll(DbRetention.beyondSize(newestFirst, maxBytes, c.headBytes()));
        List<Long> kept = new ArrayList<>();
        for (Block b : blocks()) {
            if (!gone.contains(b.ulid())) {
                kept.add((b.maxTime() - T0) / HOUR);
            }
        }
        List<Long> want = new ArrayList<>();
        for (int h : c.keptEndsHours()) {
            want.add((long) h);
        }
        assertThat(kept).isEqualTo(want);
    }
}
