package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.Querier;
import io.ignis.tsdb.Samples.Sample;
import io.ignis.tsdb.encoding.EncodeBuffer;
import io.ignis.tsdb.record.RecordEncoder;
import io.ignis.tsdb.record.SampleBatch;
import io.ignis.tsdb.record.SeriesBatch;
import io.ignis.tsdb.wal.WalWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays a WAL shaped like a scrape workload (series records, then one samples record per 1000 series
 * per scrape) and prints how long it took with one and with several workers. Checks the result, not the
 * time. Size with {@code -Dreplay.series=100000} (default 20000, to keep the suite fast); 120 samples each.
 */
class WalReplayTimingTest {
    private static final int SERIES = Integer.getInteger("replay.series", 20_000);
    private static final int SAMPLES = 120;
    private static final int PER_RECORD = 1000;

    @TempDir
    Path dir;

    private static Labels labels(int i) {
        return Labels.of("__name__", "replay_metric_" + (i % 100), "instance", "host-" + (i / 100) + ":9100",
                "job", "node");
    }

    private void writeWal() throws IOException {
        EncodeBuffer buf = new EncodeBuffer(1 << 16);
        try (WalWriter w = WalWriter.open(dir.resolve("wal"))) {
            SeriesBatch series = new SeriesBatch();
            for (int i = 0; i < SERIES; i++) {
                series.add(i + 1, labels(i));
                if (series.size() == PER_RECORD || i == SERIES - 1) {
                    RecordEncoder.series(series, buf);
                    w.log(buf.array(), buf.len(), true);
                    series.clear();
                }
            }
            SampleBatch samples = new SampleBatch(PER_RECORD);
            for (int k = 0; k < SAMPLES; k++) {
                for (int i = 0; i < SERIES; i++) {
                    samples.add(i + 1, 1_000_000L + k * 15_000L, i * 0.5 + k);
                    if (samples.size() == PER_RECORD || i == SERIES - 1) {
                        RecordEncoder.samples(samples, buf);
                        w.log(buf.array(), buf.len(), true);
                        samples.clear();
                    }
                }
            }
        }
    }

    private static long gcMillis() {
        long sum = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    @Test
    void replaysAndReportsTheTime() throws IOException {
        long t0 = System.nanoTime();
        writeWal();
        long writeMillis = (System.nanoTime() - t0) / 1_000_000;
        int[] workerCounts = {1, Math.max(2, Runtime.getRuntime().availableProcessors())};
        for (int workers : workerCounts) {
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            long gcStart = gcMillis();
            try (Head h = Head.open(dir, HeadOptions.defaults().withReplayWorkers(workers))) {
                long millis = (System.nanoTime() - start) / 1_000_000;
                long cpuMillis = (processCpuNanos() - cpuStart) / 1_000_000;
                System.out.printf("wal replay: %d series x %d samples, %d worker(s): %d ms wall, %d ms cpu, %d ms gc "
                        + "(wal written in %d ms; load average %.1f)%n", SERIES, SAMPLES, workers, millis, cpuMillis,
                        gcMillis() - gcStart, writeMillis,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                assertThat(h.stats().series()).isEqualTo(SERIES);
                assertThat(h.stats().samplesAppended()).isEqualTo((long) SERIES * SAMPLES);
                assertThat(h.stats().walReplayUnknownRefs()).isZero();
                int probe = SERIES - 7;
                try (Querier q = h.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                    Map<Labels, List<Sample>> got = Samples.read(q,
                            Matcher.equal("__name__", labels(probe).get("__name__")),
                            Matcher.equal("instance", labels(probe).get("instance")));
                    List<Sample> s = got.get(labels(probe));
                    assertThat(s).hasSize(SAMPLES);
                    assertThat(s.get(SAMPLES - 1)).isEqualTo(Sample.of(1_000_000L + (SAMPLES - 1) * 15_000L,
                            probe * 0.5 + SAMPLES - 1));
                }
            }
        }
    }
}
