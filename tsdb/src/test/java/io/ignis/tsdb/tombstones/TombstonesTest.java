package io.ignis.tsdb.tombstones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.storage.CorruptionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TombstonesTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @TempDir
    Path dir;

    record AddCase(String name, long[][] add, String want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<AddCase> adds() {
        return Stream.of(
                new AddCase("disjoint kept sorted", new long[][] {{10, 20}, {1, 5}}, "[[1, 5] [10, 20]]"),
                new AddCase("adjacent merge", new long[][] {{1, 5}, {6, 9}}, "[[1, 9]]"),
                new AddCase("gap of one stays", new long[][] {{1, 5}, {7, 9}}, "[[1, 5] [7, 9]]"),
                new AddCase("overlap spans several", new long[][] {{1, 2}, {5, 6}, {9, 10}, {2, 9}}, "[[1, 10]]"),
                new AddCase("contained", new long[][] {{1, 10}, {3, 4}}, "[[1, 10]]"),
                new AddCase("extremes", new long[][] {{Long.MIN_VALUE, 0}, {5, Long.MAX_VALUE}, {1, 4}},
                        "[[-9223372036854775808, 9223372036854775807]]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adds")
    void addMergesAsPrometheus(AddCase c) {
        Intervals iv = Intervals.EMPTY;
        for (long[] a : c.add()) {
            iv = iv.add(a[0], a[1]);
        }
        assertThat(iv).hasToString(c.want());
    }

    @Test
    void addAgainstPointModel() {
        Random r = new Random(SEED);
        for (int round = 0; round < 300; round++) {
            Intervals iv = Intervals.EMPTY;
            TreeSet<Long> model = new TreeSet<>();
            for (int k = 0; k < 1 + r.nextInt(6); k++) {
                long a = r.nextInt(60);
                long b = a + r.nextInt(8);
                iv = iv.add(a, b);
                for (long t = a; t <= b; t++) {
                    model.add(t);
                }
            }
            for (long t = -1; t < 70; t++) {
                assertThat(iv.contains(t)).as("seed %d round %d t %d %s", SEED, round, t, iv)
                        .isEqualTo(model.contains(t));
            }
            for (int i = 1; i < iv.size(); i++) {
                assertThat(iv.mint(i)).as("disjoint, non-adjacent").isGreaterThan(iv.maxt(i - 1) + 1);
            }
        }
    }

    @Test
    void fileRoundTripAndExactBytes() throws IOException {
        Tombstones t = new Tombstones();
        t.addInterval(3, -1, 1);
        t.addInterval(1, 100, 200);
        t.addInterval(3, 10, 20);
        TombstonesFile.write(dir, t);
        byte[] b = Files.readAllBytes(dir.resolve("tombstones"));
        // magic, version, (ref 1, 100, 200), (ref 3, -1, 1), (ref 3, 10, 20), then CRC over the entries.
        String entries = "01" + "c801" + "9003" + "03" + "01" + "02" + "03" + "14" + "28";
        String hex = HexFormat.of().formatHex(b);
        assertThat(hex).startsWith("0130ba30" + "01" + entries);
        assertThat(b).hasSize(5 + entries.length() / 2 + 4);
        Tombstones back = TombstonesFile.read(dir);
        assertThat(back.get(1)).hasToString("[[100, 200]]");
        assertThat(back.get(3)).hasToString("[[-1, 1] [10, 20]]");
        assertThat(back.total()).isEqualTo(3);
        assertThat(TombstonesFile.read(dir.resolve("missing")).isEmpty()).isTrue();

        b[7] ^= 1;
        Files.write(dir.resolve("tombstones"), b);
        assertThatThrownBy(() -> TombstonesFile.read(dir)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("checksum did not match");
    }

    @Test
    void truncateBeforeDropsEndedIntervals() {
        Tombstones t = new Tombstones();
        t.addInterval(1, 0, 10);
        t.addInterval(1, 20, 30);
        t.addInterval(2, 0, 5);
        t.truncateBefore(11);
        assertThat(t.get(1)).hasToString("[[20, 30]]");
        assertThat(t.get(2).isEmpty()).isTrue();
        assertThat(t.total()).isEqualTo(1);
    }
}
