package io.ignis.tsdb;

import static io.ignis.tsdb.DbModel.HOUR;
import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.tsdb.Samples.Sample;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** A Db whose WAL tail was torn or bit-flipped opens, keeps the records before the damage and reports it. */
class DbWalDamageTest {
    private static final long T0 = 1_700_000_000_000L / (54 * HOUR) * (54 * HOUR);

    @TempDir
    Path dir;

    interface Damage {
        void apply(Path segment) throws IOException;
    }

    record Case(String name, Damage damage) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("truncated mid-page", seg -> {
                    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
                        f.setLength(f.length() - 32 * 1024 + 1000);
                    }
                }),
                new Case("bit flipped in the last page", seg -> {
                    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
                        long pos = f.length() - 32 * 1024 + 200;
                        f.seek(pos);
                        int b = f.read();
                        f.seek(pos);
                        f.write(b ^ 0x10);
                    }
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void damagedTailIsRepairedAndReported(Case c) throws IOException {
        DbModel model = new DbModel();
        DbOptions o = DbOptions.defaults().withHead(HeadOptions.defaults().withWalSegmentSize(128 * 1024));
        try (Db db = Db.open(dir, o)) {
            model.fill(db, 20, T0, T0 + HOUR, 15_000);
        }
        Path seg = newestNonEmptySegment(dir.resolve("wal"));
        assertThat(Files.size(seg)).isGreaterThanOrEqualTo(64 * 1024);
        c.damage().apply(seg);
        try (Db db = Db.open(dir, o)) {
            assertThat(db.walReplayStatus().damage()).as("damage reported").isNotNull();
            assertThat(db.stats().walCorruptions()).isEqualTo(1);
            Map<Labels, List<Sample>> got = DbModel.read(db, T0, T0 + HOUR);
            Map<Labels, List<Sample>> all = model.expected(T0, T0 + HOUR);
            assertThat(got.keySet()).isSubsetOf(all.keySet());
            int kept = got.values().iterator().next().size();
            assertThat(kept).as("samples before the damage survive").isBetween(1, 239);
            // Whole commits only: every series keeps the same prefix.
            for (Map.Entry<Labels, List<Sample>> e : got.entrySet()) {
                assertThat(e.getValue()).isEqualTo(all.get(e.getKey()).subList(0, kept));
            }
        }
        try (Db db = Db.open(dir, o)) {
            assertThat(db.walReplayStatus().damage()).as("repaired for good").isNull();
        }
    }

    private static Path newestNonEmptySegment(Path wal) throws IOException {
        try (Stream<Path> s = Files.list(wal)) {
            return s.filter(p -> p.getFileName().toString().matches("\\d{8}")).filter(p -> p.toFile().length() > 0)
                    .max(Path::compareTo).orElseThrow();
        }
    }
}
