package io.ignis.bench.tsdb;

import io.ignis.labels.Labels;
import java.util.Random;

/**
 * Seeded, node-exporter-like data: label sets of a few dozen metric families across instances and CPUs, and
 * values that behave like counters (slowly growing, mostly integral) or gauges (noisy floats).
 */
final class ScrapeLikeData {
    static final long T0 = 1_700_000_000_000L;
    static final long SCRAPE_INTERVAL = 15_000;

    private static final String[] FAMILIES = {"node_cpu_seconds_total", "node_memory_MemFree_bytes",
        "node_network_receive_bytes_total", "node_disk_io_time_seconds_total", "node_filesystem_avail_bytes",
        "node_load1", "node_context_switches_total", "node_netstat_Tcp_ActiveOpens"};
    /** Which families are counters, decided once: a String comparison per sample showed up in profiles. */
    private static final boolean[] COUNTER = new boolean[FAMILIES.length];

    static {
        for (int i = 0; i < FAMILIES.length; i++) {
            COUNTER[i] = FAMILIES[i].endsWith("_total");
        }
    }

    private ScrapeLikeData() {
    }

    static Labels series(int i) {
        String family = FAMILIES[i % FAMILIES.length];
        return Labels.of("__name__", family, "cpu", Integer.toString(i / FAMILIES.length % 16), "instance",
                "host-" + i / (FAMILIES.length * 16) + ":9100", "job", "node", "mode", (i % 2 == 0) ? "user" : "idle");
    }

    /** Whether series {@code i} is a counter (else a gauge). */
    static boolean counter(int i) {
        return COUNTER[i % FAMILIES.length];
    }

    /** The next value after {@code prev} for series {@code i}. */
    static double next(int i, double prev, Random r) {
        if (counter(i)) {
            return prev + r.nextInt(1000);
        }
        return 1e9 + r.nextGaussian() * 1e6;
    }

    /** Timestamps with the jitter of a real scrape loop: 15 s ± a few ms. */
    static long jitter(Random r) {
        return r.nextInt(5) - 2;
    }
}
