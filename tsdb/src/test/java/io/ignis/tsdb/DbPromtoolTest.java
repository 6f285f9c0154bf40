package io.ignis.tsdb;

import static io.ignis.tsdb.DbModel.HOUR;
import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.tsdb.Samples.Sample;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A block written by the Db's head compaction, checked by the reference {@code promtool}. */
class DbPromtoolTest {
    private static final long T0 = 1_700_000_000_000L / (54 * HOUR) * (54 * HOUR);

    @TempDir
    Path tmp;

    @Test
    void headCompactionWritesABlockPromtoolAnalyzesAndDumpsExactly() throws Exception {
        Path data = tmp.resolve("data");
        DbModel model = new DbModel();
        Block block;
        BlockMeta meta;
        try (Db db = Db.open(data, DbOptions.defaults())) {
            model.fill(db, 12, T0 + 7_000, T0 + 5 * HOUR, 15_000);
            assertThat(db.compact()).isEqualTo(1);
            block = db.blocks().get(0);
            meta = block.meta();
        }
        // As Prometheus: the block starts at the head's first sample and ends at the aligned range end.
        assertThat(meta.minTime()).isEqualTo(T0 + 7_000);
        assertThat(meta.maxTime()).isEqualTo(T0 + 2 * HOUR);
        assertThat(meta.stats().numSeries()).isEqualTo(12);
        Map<Labels, List<Sample>> want = model.expected(meta.minTime(), meta.maxTime() - 1);
        long wantSamples = want.values().stream().mapToLong(List::size).sum();
        assertThat(meta.stats().numSamples()).isEqualTo(wantSamples);

        Promtool.Result analyze = Promtool.run(tmp, "tsdb", "analyze", data.toString(), meta.ulid().toString());
        assertThat(analyze.exitCode()).as("analyze stderr: %s", analyze.stderr()).isZero();
        assertThat(analyze.stdout()).contains("Block ID: " + meta.ulid()).contains("Series: 12");

        Promtool.Result dump = Promtool.run(tmp, "tsdb", "dump", "--min-time=" + meta.minTime(),
                "--max-time=" + (meta.maxTime() - 1), data.toString());
        assertThat(dump.exitCode()).as("dump stderr: %s", dump.stderr()).isZero();
        TreeSet<String> got = new TreeSet<>();
        int lines = 0;
        for (String line : dump.stdout().split("\n")) {
            if (!line.isBlank()) {
                PromtoolCompatibilityTest.Sample s = PromtoolCompatibilityTest.parseDumpLine(line);
                got.add(s.labels() + " " + s.value() + " " + s.t());
                lines++;
            }
        }
        TreeSet<String> expected = new TreeSet<>();
        want.forEach((l, ss) -> ss.forEach(s -> expected.add(l + " " + s.v() + " " + s.t())));
        assertThat(lines).as("no sample twice").isEqualTo(expected.size());
        assertThat(got).isEqualTo(expected);
    }
}
