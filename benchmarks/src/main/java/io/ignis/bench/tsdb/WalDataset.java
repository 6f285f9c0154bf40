package io.ignis.bench.tsdb;

import io.ignis.labels.Labels;
import io.ignis.storage.Appender;
import io.ignis.tsdb.Head;
import io.ignis.tsdb.HeadOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a data directory (WAL plus {@code chunks_head/}) that both Ignis and Prometheus open on start, so
 * their WAL replay and head memory can be compared on identical input. Usage:
 * {@code WalDataset <dir> <series> <samples per series> <first timestamp ms>}: series are node-exporter
 * families scraped from Kubernetes pods (nine labels, like a real cluster's target labels), every series
 * scraped each 15 s with a few ms of jitter, counters and gauges as in {@link ScrapeLikeData}.
 */
public final class WalDataset {
    private WalDataset() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: WalDataset <dir> <series> <samples> <first timestamp ms>");
        }
        Path dir = Path.of(args[0]);
        int series = Integer.parseInt(args[1]);
        int samples = Integer.parseInt(args[2]);
        long t0 = Long.parseLong(args[3]);
        Labels[] labels = new Labels[series];
        for (int i = 0; i < series; i++) {
            labels[i] = series(i);
        }
        Random r = new Random(11);
        long[] refs = new long[series];
        double[] vs = new double[series];
        long start = System.nanoTime();
        try (Head h = Head.open(dir, HeadOptions.defaults())) {
            for (int s = 0; s < samples; s++) {
                long t = t0 + s * ScrapeLikeData.SCRAPE_INTERVAL;
                // One commit per "target" of 512 series, as a scrape loop would.
                Appender a = h.appender();
                for (int i = 0; i < series; i++) {
                    vs[i] = ScrapeLikeData.next(i, vs[i], r);
                    refs[i] = a.append(refs[i], labels[i], t + ScrapeLikeData.jitter(r), vs[i]);
                    if (i % 512 == 511) {
                        a.commit();
                        a = h.appender();
                    }
                }
                a.commit();
            }
        }
        System.out.printf("wrote %d series x %d samples to %s in %.1f s%n", series, samples, dir,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * Series {@code i}: one of the eight families of {@link ScrapeLikeData} for one of 64 CPUs on node-exporter
     * pod {@code i / 512}; distinct for every {@code i}.
     */
    static Labels series(int i) {
        String family = ScrapeLikeData.series(i).get("__name__");
        int target = i / 512;
        String pod = "node-exporter-" + Integer.toString(target * 7919 % 1_000_000, 36);
        return Labels.of("__name__", family, "cpu", Integer.toString(i / 8 % 64), "mode", i % 16 < 8 ? "user" : "idle",
                "instance", "10.1." + target / 250 + "." + target % 250 + ":9100", "job", "node-exporter",
                "namespace", "monitoring", "pod", pod, "node", "worker-" + target, "container", "node-exporter");
    }
}
