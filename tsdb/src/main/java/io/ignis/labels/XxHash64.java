package io.ignis.labels;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * XXH64 with seed 0, as Go's {@code cespare/xxhash} that Prometheus uses: over bytes, and over a label set as
 * Prometheus's {@code labels.Hash()} serialises it ({@code name 0xff value 0xff …}). Scrape offsets,
 * {@code limit_ratio} and rule-group evaluation slots depend on these exact values. One-shot, no streaming state.
 */
public final class XxHash64 {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    private XxHash64() {
    }

    /** The hash of {@code b}. */
    public static long hash(byte[] b) {
        return hash(b, 0, b.length);
    }

    /** Prometheus's {@code labels.Hash()}: the hash of {@code name 0xff value 0xff} for every label in order. */
    public static long hash(Labels l) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        for (int i = 0; i < l.size(); i++) {
            out.writeBytes(l.name(i).getBytes(StandardCharsets.UTF_8));
            out.write(0xff);
            out.writeBytes(l.value(i).getBytes(StandardCharsets.UTF_8));
            out.write(0xff);
        }
        return hash(out.toByteArray());
    }

    /** The hash of {@code len} bytes of {@code b} from {@code off}. */
    public static long hash(byte[] b, int off, int len) {
        int end = off + len;
        int p = off;
        long h;
        if (len >= 32) {
            long v1 = P1 + P2;
            long v2 = P2;
            long v3 = 0;
            long v4 = -P1;
            while (p <= end - 32) {
                v1 = round(v1, readLong(b, p));
                v2 = round(v2, readLong(b, p + 8));
                v3 = round(v3, readLong(b, p + 16));
                v4 = round(v4, readLong(b, p + 24));
                p += 32;
            }
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = mergeRound(h, v1);
            h = mergeRound(h, v2);
            h = mergeRound(h, v3);
            h = mergeRound(h, v4);
        } else {
            h = P5;
        }
        h += len;
        while (p <= end - 8) {
            h ^= round(0, readLong(b, p));
            h = Long.rotateLeft(h, 27) * P1 + P4;
            p += 8;
        }
        if (p <= end - 4) {
            h ^= (readInt(b, p) & 0xFFFFFFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            p += 4;
        }
        while (p < end) {
            h ^= (b[p] & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
            p++;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    private static long round(long acc, long input) {
        acc += input * P2;
        acc = Long.rotateLeft(acc, 31);
        return acc * P1;
    }

    private static long mergeRound(long acc, long val) {
        acc ^= round(0, val);
        return acc * P1 + P4;
    }

    private static long readLong(byte[] b, int p) {
        return (readInt(b, p) & 0xFFFFFFFFL) | ((long) readInt(b, p + 4) << 32);
    }

    private static int readInt(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }
}
