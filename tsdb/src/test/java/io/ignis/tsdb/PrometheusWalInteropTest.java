package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.storage.Appender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our WAL read by the reference implementation: {@code promtool tsdb dump} replays it and prints it. */
class PrometheusWalInteropTest {
    @TempDir
    Path dir;

    @Test
    void promtoolDumpsWhatWeWrote() throws Exception {
        Path promtool = ReferencePeer.require("promtool");
        TreeSet<String> want = new TreeSet<>();
        long now = System.currentTimeMillis() / 1000 * 1000;
        try (Head h = Head.open(dir, HeadOptions.defaults().withWalSegmentSize(32 * 1024))) {
            for (int c = 0; c < 200; c++) {
                Appender app = h.appender();
                for (int i = 0; i < 20; i++) {
                    Labels l = Labels.of("__name__", "interop_metric", "i", Integer.toString(i), "job", "ignis");
                    long t = now + c * 15_000L;
                    double v = c * 0.25 + i;
                    app.append(0, l, t, v);
                    want.add(l + " " + goFloat(v) + " " + t);
                }
                app.commit();
            }
        }
        Process p = new ProcessBuilder(promtool.toString(), "tsdb", "dump", dir.toString())
                .redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        List<String> got = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{__name__=\"interop_metric\"")) {
                got.add(line);
            }
        }
        assertThat(new TreeSet<>(got)).as("promtool stderr: %s", err).isEqualTo(want);
        assertThat(got).hasSize(want.size());
    }

    /** Go's %g for the values used here (integers and quarters). */
    private static String goFloat(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
