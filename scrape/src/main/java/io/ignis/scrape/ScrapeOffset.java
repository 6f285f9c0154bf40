package io.ignis.scrape;

import io.ignis.labels.Labels;
import io.ignis.labels.XxHash64;
import java.nio.charset.StandardCharsets;

/**
 * Spreads scrapes over the interval as Prometheus does ({@code scrape/target.go offset},
 * {@code scrape/manager.go setOffsetSeed}): each target hashes to a fixed phase within its interval, mixed with a
 * per-server seed so that two servers scraping the same target do not scrape at the same instant.
 */
final class ScrapeOffset {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private ScrapeOffset() {
    }

    /** The server seed: FNV-1a64 of the FQDN followed by the external labels' text form. */
    static long seed(String fqdn, Labels externalLabels) {
        return fnv1a64((fqdn + externalLabels).getBytes(StandardCharsets.UTF_8));
    }

    /** The target hash: FNV-1a64 of the label-set hash printed as {@code %016d}, followed by the scrape URL. */
    static long targetHash(Labels labels, String url) {
        String text = zeroPad16(Long.toUnsignedString(labelsHash(labels))) + url;
        return fnv1a64(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Nanoseconds until this target's first scrape: the time to the next interval boundary plus the target's
     * phase, less one interval when that overshoots.
     */
    static long firstDelayNanos(long targetHash, long seed, long intervalNanos, long nowNanos) {
        long base = intervalNanos - Math.floorMod(nowNanos, intervalNanos);
        long offset = Long.remainderUnsigned(targetHash ^ seed, intervalNanos);
        long next = base + offset;
        return next > intervalNanos ? next - intervalNanos : next;
    }

    /** Prometheus's {@code Labels.Hash}. */
    static long labelsHash(Labels labels) {
        return XxHash64.hash(labels);
    }

    static long fnv1a64(byte[] b) {
        long h = FNV_OFFSET;
        for (byte x : b) {
            h ^= x & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    private static String zeroPad16(String digits) {
        return digits.length() >= 16 ? digits : "0".repeat(16 - digits.length()) + digits;
    }
}
