package io.ignis.bench.tsdb;

import io.ignis.bench.BenchmarkDefaults;
import io.ignis.labels.Labels;
import io.ignis.storage.Appender;
import io.ignis.tsdb.Head;
import io.ignis.tsdb.HeadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Question: what does the head's write path cost per scraped sample in the shape of issue #5's scrape benchmark
 * (100 targets x 703 series every 2 s), WAL included? Input: {@value #TARGETS} targets of {@value #SERIES_PER_TARGET}
 * node-exporter-like series; one invocation scrapes every target once, each through its own appender (append by
 * cached ref, then commit), as the scrape loops do. The head is on disk with the default options (snappy WAL
 * records) unless {@code compress} says otherwise. Result is per sample; on a shared machine read the {@code
 * cpuNanos}/{@code samples} counters instead, the benchmark thread's CPU time (Prometheus's figure is 2.52 CPU-s per
 * million samples for the whole scrape, parse included).
 */
@State(Scope.Thread)
public class HeadScrapeCommitBenchmark extends BenchmarkDefaults {
    static final int TARGETS = 100;
    static final int SERIES_PER_TARGET = 703;
    static final int SAMPLES = TARGETS * SERIES_PER_TARGET;

    @Param({"true"})
    public boolean compress;

    private Path dir;
    private Head head;
    private Labels[][] labels;
    private long[][] refs;
    private double[][] values;
    private long t;
    private final Random random = new Random(1);

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("head-scrape-bench");
        HeadOptions d = HeadOptions.defaults();
        head = Head.open(dir, new HeadOptions(d.chunkRangeMillis(), d.samplesPerChunk(), d.stripeSize(),
                d.walSegmentSize(), compress, d.replayWorkers(), d.outOfOrderTimeWindowMillis(), d.outOfOrderCapMax(),
                d.maxExemplars()));
        labels = new Labels[TARGETS][SERIES_PER_TARGET];
        refs = new long[TARGETS][SERIES_PER_TARGET];
        values = new double[TARGETS][SERIES_PER_TARGET];
        t = ScrapeLikeData.T0;
        for (int target = 0; target < TARGETS; target++) {
            Appender a = head.appender();
            for (int i = 0; i < SERIES_PER_TARGET; i++) {
                labels[target][i] = series(target, i);
                refs[target][i] = a.append(0, labels[target][i], t, 0);
            }
            a.commit();
        }
    }

    /** Series {@code i} of a target: node-exporter-like labels with the target's own instance. */
    private static Labels series(int target, int i) {
        Labels l = ScrapeLikeData.series(i);
        String[] nv = new String[2 * l.size()];
        for (int j = 0; j < l.size(); j++) {
            nv[2 * j] = l.name(j);
            nv[2 * j + 1] = l.name(j).equals("instance") ? "target-" + target + ":" + l.value(j) : l.value(j);
        }
        return Labels.of(nv);
    }

    /** The benchmark thread's CPU time and the samples it appended, per iteration: robust to a loaded machine. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuCounters {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        public long cpuNanos;
        public long samples;

        @Setup(Level.Iteration)
        public void clear() {
            cpuNanos = 0;
            samples = 0;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        head.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public void scrapeAllTargets(CpuCounters cpu) {
        long start = CpuCounters.THREADS.getCurrentThreadCpuTime();
        t += 2_000;
        for (int target = 0; target < TARGETS; target++) {
            long[] r = refs[target];
            Labels[] l = labels[target];
            double[] v = values[target];
            long scrapeT = t + ScrapeLikeData.jitter(random); // one timestamp per scrape, as a scrape loop
            Appender a = head.appender();
            for (int i = 0; i < SERIES_PER_TARGET; i++) {
                v[i] = ScrapeLikeData.next(i, v[i], random);
                a.append(r[i], l[i], scrapeT, v[i]);
            }
            a.commit();
        }
        cpu.cpuNanos += CpuCounters.THREADS.getCurrentThreadCpuTime() - start;
        cpu.samples += SAMPLES;
    }
}
