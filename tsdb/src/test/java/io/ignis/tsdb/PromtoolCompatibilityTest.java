package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.model.StaleNaN;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.storage.SeriesSet;
import io.ignis.tsdb.files.DurableFiles;
import io.ignis.tsdb.files.MappedFileLeakCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Blocks written by Ignis read by promtool 2.42, and blocks written by promtool read by Ignis. */
@ExtendWith(MappedFileLeakCheck.class)
class PromtoolCompatibilityTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path tmp;

    /** One expected sample as promtool dump prints it: labels, value, timestamp. */
    record Sample(String labels, double value, long t) implements Comparable<Sample> {
        @Override
        public int compareTo(Sample o) {
            int c = labels.compareTo(o.labels);
            return c != 0 ? c : Long.compare(t, o.t);
        }
    }

    @Test
    void promtoolAnalyzesAndDumpsExactlyWhatIgnisWrote() throws Exception {
        Random r = new Random(SEED);
        Path data = Files.createDirectories(tmp.resolve("data"));
        // promtool dump opens the directory as a read-only DB, which replays the (here empty) WAL.
        Files.createDirectories(data.resolve("wal"));
        BlockWriter w = new BlockWriter(data, new UlidGenerator());
        List<Sample> want = new ArrayList<>();
        int nSeries = 12;
        for (int s = 0; s < nSeries; s++) {
            Labels l = Labels.of("__name__", "metric_" + (s % 3), "instance", "host-" + s, "job", s % 2 == 0 ? "a"
                    : "b");
            int n = 1 + r.nextInt(400); // several chunks of 120 for most series
            long[] ts = new long[n];
            double[] vs = new double[n];
            long t = T0 + r.nextInt(1000);
            double v = r.nextInt(100);
            for (int i = 0; i < n; i++) {
                ts[i] = t;
                vs[i] = switch (r.nextInt(12)) {
                    case 0 -> Double.NaN;
                    case 1 -> StaleNaN.VALUE;
                    case 2 -> Double.POSITIVE_INFINITY;
                    case 3 -> r.nextGaussian() * 1e9;
                    case 4 -> -0.25;
                    default -> v += r.nextInt(5);
                };
                want.add(new Sample(l.toString(), vs[i], ts[i]));
                t += 15_000 + r.nextInt(3) - 1;
            }
            w.addSamples(l, ts, vs, n);
        }
        BlockMeta meta = w.write();
        assertThat(meta.stats().numSeries()).isEqualTo(nSeries);
        assertThat(meta.stats().numSamples()).isEqualTo(want.size());

        Promtool.Result analyze = Promtool.run(tmp, "tsdb", "analyze", data.toString(), meta.ulid().toString());
        assertThat(analyze.exitCode()).as("analyze stderr: %s", analyze.stderr()).isZero();
        assertThat(analyze.stdout()).contains("Block ID: " + meta.ulid()).contains("Series: " + nSeries);

        Promtool.Result dump = Promtool.run(tmp, "tsdb", "dump", "--min-time=" + meta.minTime(),
                "--max-time=" + meta.maxTime(), data.toString());
        assertThat(dump.exitCode()).as("dump stderr: %s", dump.stderr()).isZero();
        assertSameSamples(parseDump(dump.stdout()), want);

        // Tombstones written by Ignis are honoured by promtool.
        long from = T0 + 600_000;
        long to = T0 + 1_800_000;
        try (Block b = Block.open(data.resolve(meta.ulid().toString()))) {
            b.delete(from, to, Matcher.equal("__name__", "metric_1"));
        }
        int before = want.size();
        want.removeIf(s -> s.labels().contains("__name__=\"metric_1\"") && s.t() >= from && s.t() <= to);
        assertThat(want.size()).as("seed %d: the deletion covers samples", SEED).isLessThan(before);
        Promtool.Result after = Promtool.run(tmp, "tsdb", "dump", data.toString());
        assertThat(after.exitCode()).as("dump stderr: %s", after.stderr()).isZero();
        assertSameSamples(parseDump(after.stdout()), want);
    }

    private static List<Sample> parseDump(String out) {
        List<Sample> got = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                got.add(parseDumpLine(line));
            }
        }
        return got;
    }

    /** Parses {@code {a="b", c="d"} 1.5 1700000000000}: labels up to the last '}', then value and time. */
    static Sample parseDumpLine(String line) {
        int brace = line.lastIndexOf('}');
        String[] rest = line.substring(brace + 1).trim().split(" ");
        assertThat(rest).as("dump line %s", line).hasSize(2);
        return new Sample(line.substring(0, brace + 1), parseGoFloat(rest[0]), Long.parseLong(rest[1]));
    }

    private static double parseGoFloat(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static void assertSameSamples(List<Sample> got, List<Sample> want) {
        List<Sample> g = new ArrayList<>(got);
        List<Sample> x = new ArrayList<>(want);
        g.sort(null);
        x.sort(null);
        assertThat(g).as("seed %d", SEED).hasSameSizeAs(x);
        for (int i = 0; i < x.size(); i++) {
            Sample a = g.get(i);
            Sample b = x.get(i);
            assertThat(a.labels()).as("seed %d sample %d", SEED, i).isEqualTo(b.labels());
            assertThat(a.t()).as("seed %d sample %d of %s", SEED, i, b.labels()).isEqualTo(b.t());
            if (Double.isNaN(b.value())) {
                assertThat(a.value()).as("seed %d %s", SEED, b).isNaN();
            } else {
                assertThat(a.value()).as("seed %d %s", SEED, b).isEqualTo(b.value());
            }
        }
    }

    @Test
    void ignisReadsAndCompactsBlocksThatPromtoolCreatedFromOpenMetrics() throws Exception {
        Random r = new Random(SEED);
        StringBuilder om = new StringBuilder();
        List<Sample> want = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            String name = "om_metric_" + m;
            om.append("# TYPE ").append(name).append(" gauge\n");
            for (int s = 0; s < 4; s++) {
                Labels l = Labels.of("__name__", name, "series", "s" + s, "zone", s % 2 == 0 ? "eu" : "us");
                long t = T0 + 1000L * r.nextInt(60);
                // Spans more than 2 h so promtool cuts several blocks.
                for (int i = 0; i < 300; i++) {
                    double v = r.nextInt(4) == 0 ? r.nextInt(1000) / 8.0 : i;
                    om.append(name).append("{series=\"s").append(s).append("\",zone=\"")
                            .append(s % 2 == 0 ? "eu" : "us").append("\"} ").append(formatOm(v)).append(' ')
                            .append(t / 1000).append('.').append(String.format(Locale.ROOT, "%03d", t % 1000))
                            .append('\n');
                    want.add(new Sample(l.toString(), v, t));
                    t += 60_000 + 1000L * r.nextInt(3);
                }
            }
        }
        om.append("# EOF\n");
        Path file = tmp.resolve("input.om");
        Files.writeString(file, om);
        Path out = tmp.resolve("out");
        Promtool.Result res = Promtool.run(tmp, "tsdb", "create-blocks-from", "openmetrics", file.toString(),
                out.toString());
        assertThat(res.exitCode()).as("create-blocks-from stderr: %s\nstdout: %s", res.stderr(), res.stdout())
                .isZero();

        List<Path> blocks;
        try (Stream<Path> s = Files.list(out)) {
            blocks = s.filter(p -> Ulid.isValid(p.getFileName().toString())).sorted().toList();
        }
        assertThat(blocks).as("promtool wrote blocks").hasSizeGreaterThan(1);
        List<Sample> got = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>();
        for (Path dir : blocks) {
            try (Block b = Block.open(dir)) {
                assertThat(b.meta().compaction().level()).isEqualTo(1);
                try (Querier q = b.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                    names.addAll(q.labelValues("__name__"));
                    SeriesSet set = q.select(true, null, Matcher.regex("__name__", ".+"));
                    SampleIterator it = null;
                    while (set.next()) {
                        Labels l = set.at().labels();
                        it = set.at().iterator(it);
                        for (SampleType st = it.next(); st != SampleType.NONE; st = it.next()) {
                            assertThat(it.atT()).isBetween(b.minTime(), b.maxTime() - 1);
                            got.add(new Sample(l.toString(), it.atV(), it.atT()));
                        }
                    }
                }
            }
        }
        assertThat(names).containsExactly("om_metric_0", "om_metric_1", "om_metric_2");
        assertSameSamples(got, want);

        // Round trip: Ignis compacts promtool's blocks into one, promtool dumps the result.
        LeveledCompactor c = new LeveledCompactor(LeveledCompactor.exponentialBlockRanges(
                LeveledCompactor.DEFAULT_BLOCK_DURATION, 3, 3), new UlidGenerator());
        BlockMeta merged = c.compact(out, blocks);
        assertThat(merged.compaction().level()).isEqualTo(2);
        assertThat(merged.compaction().parents()).hasSize(blocks.size());
        for (Path b : blocks) {
            DurableFiles.deleteRecursively(b);
        }
        Files.createDirectories(out.resolve("wal"));
        Promtool.Result list = Promtool.run(tmp, "tsdb", "list", out.toString());
        assertThat(list.exitCode()).as("list stderr: %s", list.stderr()).isZero();
        assertThat(list.stdout()).contains(merged.ulid().toString());
        Promtool.Result dump = Promtool.run(tmp, "tsdb", "dump", out.toString());
        assertThat(dump.exitCode()).as("dump stderr: %s", dump.stderr()).isZero();
        assertSameSamples(parseDump(dump.stdout()), want);
    }

    private static String formatOm(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : Double.toString(v);
    }
}
