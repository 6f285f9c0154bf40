package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.MixedSamples.Sample;
import io.ignis.tsdb.files.MappedFileLeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A block with histogram and float-histogram chunks written by Ignis, read by Debian's promtool 2.42. Its
 * {@code tsdb dump} iterates a series only while the samples are floats (it prints no histograms, and stops at a
 * series' first histogram), so the dump must be exactly the float samples before each series' first histogram.
 * Missing promtool fails under CI=true.
 */
@ExtendWith(MappedFileLeakCheck.class)
class PromtoolHistogramTest {
    private static final long H2 = LeveledCompactor.DEFAULT_BLOCK_DURATION;

    @TempDir
    Path tmp;

    @Test
    void promtoolAnalyzesAndDumpsABlockWithHistograms() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.createDirectories(data.resolve("wal"));
        Map<Labels, List<Sample>> series = new TreeMap<>(Map.of(
                Labels.of("__name__", "mixed"), HistogramBlockTest.mixed(),
                Labels.of("__name__", "hist"), HistogramBlockTest.counter(150),
                Labels.of("__name__", "gauge"), HistogramBlockTest.gauge(30),
                Labels.of("__name__", "float_hist"), HistogramBlockTest.floatCounter(130),
                Labels.of("__name__", "floats"), SeriesToChunkEncoderTest.floats(0, 130)));
        BlockWriter w = new BlockWriter(data, new UlidGenerator());
        List<String> want = new ArrayList<>();
        for (var e : series.entrySet()) {
            w.addSeries(e.getKey(), MixedSamples.iterator(e.getValue()));
            for (Sample s : e.getValue()) {
                if (s.type() != SampleType.FLOAT) {
                    break;
                }
                want.add(e.getKey() + " " + goFloat(s.v()) + " " + s.t());
            }
        }
        BlockMeta meta = w.write(0, H2, null);
        assertThat(meta.stats().numHistogramSamples()).isEqualTo(25 + 150 + 30 + 130);

        Promtool.Result analyze = Promtool.run(tmp, "tsdb", "analyze", "--extended", data.toString(),
                meta.ulid().toString());
        assertThat(analyze.exitCode()).as("analyze stderr: %s", analyze.stderr()).isZero();
        assertThat(analyze.stdout()).contains("Block ID: " + meta.ulid()).contains("Series: 5")
                .contains("Compaction analysis");

        Promtool.Result dump = Promtool.run(tmp, "tsdb", "dump", "--min-time=0", "--max-time=" + H2,
                data.toString());
        assertThat(dump.exitCode()).as("dump stderr: %s", dump.stderr()).isZero();
        assertThat(dump.stdout().lines().toList()).containsExactlyInAnyOrderElementsOf(want);
        assertThat(want).hasSize(10 + 130);
    }

    /** Go's %g for the small integers and halves used here. */
    private static String goFloat(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
