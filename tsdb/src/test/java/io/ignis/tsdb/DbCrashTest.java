package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.tsdb.Samples.Sample;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crash safety: a child JVM appends and commits in a loop and is killed with SIGKILL at seeded random points
 * (also inside compactions); after every kill the Db opens and holds every sample whose commit the child
 * reported, exactly once. In the "late" mode half the samples arrive out of order (WAL plus WBL).
 */
class DbCrashTest {
    private static final long SEED = Long.getLong("tests.seed", 20261122L);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"in-order", "late"})
    void everyReportedCommitSurvivesSigkillExactlyOnce(String mode) throws Exception {
        boolean late = mode.equals("late");
        long step = late ? DbCrashChild.STEP / 2 : DbCrashChild.STEP;
        Random r = new Random(SEED);
        TreeSet<Long> reported = new TreeSet<>();
        int rounds = 4;
        for (int round = 0; round < rounds; round++) {
            int killAfter = 30 + r.nextInt(150);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Xmx128m", DbCrashChild.class.getName(),
                    dir.toString(), mode).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int lines = 0;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while (lines < killAfter && (line = in.readLine()) != null) {
                    long t = Long.parseLong(line.trim());
                    reported.add(t);
                    if (late) {
                        reported.add(t - step);
                    }
                    lines++;
                }
                child.destroyForcibly(); // SIGKILL
                assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(lines).as("seed %d round %d: child exited early with %s", SEED, round, child.exitValue())
                    .isEqualTo(killAfter);
            try (Db db = Db.open(dir, DbOptions.defaults())) {
                Map<Labels, List<Sample>> got = DbModel.read(db, Long.MIN_VALUE, Long.MAX_VALUE);
                assertThat(got).as("seed %d round %d", SEED, round).hasSize(DbCrashChild.SERIES);
                for (int s = 0; s < DbCrashChild.SERIES; s++) {
                    List<Sample> ss = got.get(DbModel.series(s));
                    TreeSet<Long> ts = new TreeSet<>();
                    for (Sample x : ss) {
                        assertThat(x.v()).isEqualTo(DbCrashChild.value(s, x.t()));
                        ts.add(x.t());
                    }
                    assertThat(ts).as("seed %d round %d: no sample twice", SEED, round).hasSize(ss.size());
                    assertThat(ts).as("seed %d round %d series %d", SEED, round, s).containsAll(reported);
                    // The child runs ahead of what we read: later commits may be there too, but never with a gap.
                    assertThat(ts.last() - ts.first()).as("seed %d round %d: contiguous", SEED, round)
                            .isEqualTo((ts.size() - 1) * step);
                    assertThat(ts.first()).isEqualTo(late ? DbCrashChild.START - step : DbCrashChild.START);
                    reported.addAll(ts);
                }
                assertThat(db.corruptBlocks()).isEmpty();
            }
        }
        assertThat(reported.size()).isGreaterThan(rounds * 30);
    }
}
