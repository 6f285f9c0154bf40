package io.ignis.scrape.textparse;

import io.ignis.model.MetricType;
import java.util.Arrays;

/**
 * Finds the created timestamp of an OpenMetrics counter, summary or histogram sample by reading ahead to
 * the family's {@code _created} line with the same labels (ignoring {@code le} and {@code quantile}), as
 * Prometheus's StartTimestamp: the search stops at the first entry that is not a sample, or at a
 * {@code _created} line of other labels. The parser's whole state is saved and restored around the search,
 * and the last answer is cached so the buckets of one histogram cost one search.
 */
final class CreatedTimestampLookahead {
    private byte[] key = new byte[256];
    private int keyLength;
    private byte[] peekKey = new byte[256];
    private byte[] cachedKey = new byte[256];
    private int cachedKeyLength = -1;
    private long cachedCreated;

    private int builtLength;
    private int[] savedOffsets = new int[64];

    long lookup(OpenMetricsParser p) {
        if (!OpenMetricsParser.typeHasCreated(p.type)) {
            cachedKeyLength = -1;
            return 0;
        }
        int nameStart = p.offsets[0];
        int nameEnd = Math.min(p.offsets[1], nameStart + p.familyNameLength);
        key = buildKey(p, key, nameStart, nameEnd);
        keyLength = builtLength;
        if (cachedKeyLength == keyLength && Arrays.equals(key, 0, keyLength, cachedKey, 0, keyLength)
                && cachedCreated > 0) {
            return cachedCreated;
        }
        return search(p);
    }

    private long search(OpenMetricsParser p) {
        TextLexer l = p.l;
        int lexI = l.i;
        int lexStart = l.start;
        int lexState = l.state;
        int start = p.start;
        MetricType type = p.type;
        int offsetCount = p.offsetCount;
        if (savedOffsets.length < offsetCount) {
            savedOffsets = new int[p.offsets.length];
        }
        System.arraycopy(p.offsets, 0, savedOffsets, 0, offsetCount);
        int seriesEnd = p.seriesEnd;
        double value = p.value;
        long timestamp = p.timestamp;
        boolean hasTimestamp = p.hasTimestamp;
        Entry entry = p.entry;
        int textStart = p.textStart;
        int textEnd = p.textEnd;
        String unit = p.unit;
        int familyNameLength = p.familyNameLength;
        p.setPeeking(true);
        try {
            return peek(p);
        } finally {
            p.setPeeking(false);
            l.i = lexI;
            l.start = lexStart;
            l.state = lexState;
            p.start = start;
            p.type = type;
            System.arraycopy(savedOffsets, 0, p.offsets, 0, offsetCount);
            p.offsetCount = offsetCount;
            p.seriesEnd = seriesEnd;
            p.value = value;
            p.timestamp = timestamp;
            p.hasTimestamp = hasTimestamp;
            p.entry = entry;
            p.textStart = textStart;
            p.textEnd = textEnd;
            p.unit = unit;
            p.familyNameLength = familyNameLength;
        }
    }

    private long peek(OpenMetricsParser p) {
        while (true) {
            Entry e;
            try {
                e = p.parseNext(false);
            } catch (ExpositionException ex) {
                // The next call to next() reports it; for this sample there is no created timestamp.
                cachedKeyLength = -1;
                return 0;
            }
            if (e != Entry.SERIES) {
                cachedKeyLength = -1;
                return 0;
            }
            if (!p.nameEndsWithCreated(p.offsets[0], p.offsets[1])) {
                continue;
            }
            peekKey = buildKey(p, peekKey, p.offsets[0], p.offsets[1] - 8);
            if (builtLength != keyLength || !Arrays.equals(peekKey, 0, keyLength, key, 0, keyLength)) {
                cachedKeyLength = -1;
                return 0;
            }
            long created = (long) (p.value * 1000.0);
            if (cachedKey.length < keyLength) {
                cachedKey = new byte[key.length];
            }
            System.arraycopy(key, 0, cachedKey, 0, keyLength);
            cachedKeyLength = keyLength;
            cachedCreated = created;
            return created;
        }
    }

    /** Labels (raw bytes, without le/quantile for histograms/summaries) then the family name, 0xff-separated. */
    private byte[] buildKey(OpenMetricsParser p, byte[] into, int nameStart, int nameEnd) {
        int n = 0;
        byte[] b = p.l.b;
        for (int k = 2; k < p.offsetCount; k += 4) {
            int a = p.offsets[k];
            int e = p.offsets[k + 1];
            if ((p.type == MetricType.SUMMARY && p.textEquals(a, e, "quantile"))
                    || (p.type == MetricType.HISTOGRAM && p.textEquals(a, e, "le"))) {
                continue;
            }
            into = append(into, n, b, a, e);
            n += e - a;
            into = append(into, n, b, p.offsets[k + 2], p.offsets[k + 3]);
            n += p.offsets[k + 3] - p.offsets[k + 2];
            into = ensure(into, n + 1);
            into[n++] = (byte) 0xff;
        }
        into = append(into, n, b, nameStart, nameEnd);
        builtLength = n + Math.max(0, nameEnd - nameStart);
        return into;
    }

    private static byte[] append(byte[] into, int n, byte[] b, int from, int to) {
        int len = Math.max(0, to - from);
        into = ensure(into, n + len);
        System.arraycopy(b, from, into, n, len);
        return into;
    }

    private static byte[] ensure(byte[] a, int size) {
        return size <= a.length ? a : Arrays.copyOf(a, Math.max(size, a.length * 2));
    }
}
