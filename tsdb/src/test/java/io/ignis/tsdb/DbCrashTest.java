package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.tsdb.Samples.Sample;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crash safety: a child JVM appends and commits in a loop and is killed with SIGKILL at seeded random points
 * (also inside compactions); after every kill the Db opens and holds every sample whose commit the child
 * reported, exactly once. In the "late" mode half the samples arrive out of order (WAL plus WBL). A failure names
 * the missing timestamps and the files the kill left; {@code -Dtests.crashDirCopy=DIR} also keeps a copy of the data
 * directory as each kill left it, under {@code DIR/roundN}.
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
            String files = listing(dir);
            String keep = System.getProperty("tests.crashDirCopy");
            if (keep != null) {
                copy(dir, Path.of(keep, "round" + round));
            }
            long lastReported = reported.isEmpty() ? Long.MIN_VALUE : reported.last();
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
                    assertThat(ts.last() - ts.first()).as("seed %d round %d series %d: contiguous; %s", SEED, round,
                            s, gaps(ts, step, lastReported, files)).isEqualTo((ts.size() - 1) * step);
                    assertThat(ts.first()).isEqualTo(late ? DbCrashChild.START - step : DbCrashChild.START);
                    reported.addAll(ts);
                }
                assertThat(db.corruptBlocks()).isEmpty();
            }
        }
        assertThat(reported.size()).isGreaterThan(rounds * 30);
    }

    /** The timestamps missing between the first and last found, marked late or in-order, for a failure message. */
    private static String gaps(TreeSet<Long> ts, long step, long lastReported, String files) {
        StringBuilder b = new StringBuilder("missing (t-START in s, late/in-order):");
        int n = 0;
        for (long t = ts.first(); t <= ts.last(); t += step) {
            if (!ts.contains(t) && n++ < 40) {
                b.append(' ').append((t - DbCrashChild.START) / 1000)
                        .append(t % DbCrashChild.STEP == 0 ? "/in" : "/late");
            }
        }
        b.append(" (").append(n).append(" missing); last reported ")
                .append((lastReported - DbCrashChild.START) / 1000).append(", last found ")
                .append((ts.last() - DbCrashChild.START) / 1000).append("; files before open:\n").append(files);
        return b.toString();
    }

    private static String listing(Path dir) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted().forEach(p -> {
                try {
                    b.append("  ").append(dir.relativize(p)).append(Files.isDirectory(p) ? "/" : " " + Files.size(p))
                            .append('\n');
                } catch (IOException e) {
                    b.append("  ").append(p).append(" ").append(e).append('\n');
                }
            });
        }
        return b.toString();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all.sorted()::iterator) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
