package io.ignis.bench.tsdb;

import io.ignis.tsdb.BlockMeta;
import io.ignis.tsdb.BlockWriter;
import io.ignis.tsdb.UlidGenerator;
import io.ignis.tsdb.files.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Question: how many bytes per sample does a block take on disk for realistic scrape data (Prometheus reports
 * 1-2 B)? A main, since the answer is a size, not a speed: {@code args[0]} (default 10 000) node-exporter-like
 * series scraped every 15 s for 2 h (480 samples each, counters and gauges, jittered timestamps) written as one
 * block; prints chunk bytes and total bytes (index included) per sample.
 */
public final class BlockBytesPerSample {
    private BlockBytesPerSample() {
    }

    public static void main(String[] args) throws IOException {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int n = (int) (2 * 3_600_000 / ScrapeLikeData.SCRAPE_INTERVAL);
        Path dir = Files.createTempDirectory("ignis-bytes-per-sample");
        try {
            BlockWriter w = new BlockWriter(dir, new UlidGenerator());
            Random r = new Random(9);
            long[] ts = new long[n];
            double[] vs = new double[n];
            for (int i = 0; i < series; i++) {
                long t = ScrapeLikeData.T0 + r.nextInt(15_000);
                double v = 0;
                for (int s = 0; s < n; s++) {
                    ts[s] = t;
                    vs[s] = v;
                    t += ScrapeLikeData.SCRAPE_INTERVAL + ScrapeLikeData.jitter(r);
                    v = ScrapeLikeData.next(i, v, r);
                }
                w.addSamples(ScrapeLikeData.series(i), ts, vs, n);
            }
            BlockMeta m = w.write();
            Path block = dir.resolve(m.ulid().toString());
            long chunks = sizeOf(block.resolve("chunks"));
            long total = sizeOf(block);
            long samples = m.stats().numSamples();
            System.out.printf("series=%d samples=%d chunks=%d B (%.3f B/sample) block=%d B (%.3f B/sample)%n",
                    series, samples, chunks, (double) chunks / samples, total, (double) total / samples);
        } finally {
            DurableFiles.deleteRecursively(dir);
        }
    }

    private static long sizeOf(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
