package io.ignis.bench.tsdb;

import io.ignis.bench.BenchmarkDefaults;
import io.ignis.storage.Appender;
import io.ignis.tsdb.Head;
import io.ignis.tsdb.HeadOptions;
import io.ignis.tsdb.files.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Question: how long does opening a head take, replaying its WAL (series records plus samples)? The issue's
 * target is 1M series; the series count is a parameter ({@code -p series=1000000} for the target, which needs
 * a large heap). Input: {@code series} node-exporter-like series with {@code samples} scrapes each (15 s
 * apart), written once per trial by our own WAL writer with snappy. Result is seconds per replay.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WalReplayBenchmark extends BenchmarkDefaults {
    @Param({"10000"})
    public int series;

    @Param({"20"})
    public int samples;

    private Path dir;

    @Setup(Level.Trial)
    public void writeWal() throws IOException {
        dir = Files.createTempDirectory("ignis-wal-replay");
        Random r = new Random(3);
        try (Head h = Head.open(dir, HeadOptions.defaults())) {
            long[] refs = new long[series];
            double[] vs = new double[series];
            for (int s = 0; s < samples; s++) {
                long t = ScrapeLikeData.T0 + s * ScrapeLikeData.SCRAPE_INTERVAL;
                Appender a = h.appender();
                for (int i = 0; i < series; i++) {
                    vs[i] = ScrapeLikeData.next(i, vs[i], r);
                    refs[i] = a.append(refs[i], ScrapeLikeData.series(i), t, vs[i]);
                }
                a.commit();
            }
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        DurableFiles.deleteRecursively(dir);
    }

    @Benchmark
    public long replay() throws IOException {
        try (Head h = Head.open(dir, HeadOptions.defaults())) {
            return h.stats().series();
        }
    }
}
