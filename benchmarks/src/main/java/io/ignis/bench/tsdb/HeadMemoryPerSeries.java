package io.ignis.bench.tsdb;

import io.ignis.storage.Appender;
import io.ignis.tsdb.Head;
import io.ignis.tsdb.HeadOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Random;

/**
 * Question: how many heap bytes does one active head series cost (labels, index entry, chunks)? JMH does not
 * measure retained heap well, so this is a main: heap used after GC, before and after filling an in-memory
 * head with {@code args[0]} (default 100 000) node-exporter-like series of {@code args[1]} (default 240, two
 * hours at 15 s) samples each. Prints bytes per series and per sample.
 */
public final class HeadMemoryPerSeries {
    private HeadMemoryPerSeries() {
    }

    public static void main(String[] args) throws Exception {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 240;
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(mem);
        Head head = Head.inMemory(HeadOptions.defaults());
        Random r = new Random(5);
        long[] refs = new long[series];
        double[] vs = new double[series];
        for (int s = 0; s < samples; s++) {
            long t = ScrapeLikeData.T0 + s * ScrapeLikeData.SCRAPE_INTERVAL;
            Appender a = head.appender();
            for (int i = 0; i < series; i++) {
                vs[i] = ScrapeLikeData.next(i, vs[i], r);
                refs[i] = a.append(refs[i], ScrapeLikeData.series(i), t, vs[i]);
            }
            a.commit();
        }
        long after = usedAfterGc(mem);
        long bytes = after - before - (long) series * 16; // minus the two arrays of this driver
        System.out.printf("series=%d samples/series=%d heap=%d B  per series=%.1f B  per sample=%.2f B%n", series,
                samples, bytes, (double) bytes / series, (double) bytes / ((long) series * samples));
        if (head.stats().series() != series) {
            throw new IllegalStateException("head holds " + head.stats().series() + " series");
        }
        head.close();
    }

    private static long usedAfterGc(MemoryMXBean mem) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100); // let the collector settle; this is a measurement driver, not a test
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
