package io.ignis.tsdb.wal;

/**
 * Layout of one fragment, as in Prometheus's {@code tsdb/wlog/wlog.go} (format doc: {@code
 * tsdb/docs/format/wal.md}; the doc's 6-digit segment names are outdated, the code uses 8):
 *
 * <pre>
 * ┌───────────┬──────────┬────────────┬──────────────┐
 * │ type <1b> │ len <2b> │ CRC32 <4b> │ data <bytes> │
 * └───────────┴──────────┴────────────┴──────────────┘
 * type: bits 0-2 fragment type, bit 3 snappy, bit 4 zstd, bits 5-7 reserved.
 * len and CRC32 (Castagnoli, over data as stored) are big-endian.
 * </pre>
 *
 * A fragment never crosses a 32 KiB page; when fewer than 7 bytes are left in a page, they are zeros.
 */
final class Fragment {
    /** Constants fixed by Prometheus. */
    static final int PAGE_SIZE = 32 * 1024;
    static final int HEADER_SIZE = 7;
    static final int DEFAULT_SEGMENT_SIZE = 128 * 1024 * 1024;

    static final int PAGE_TERM = 0;
    static final int FULL = 1;
    static final int FIRST = 2;
    static final int MIDDLE = 3;
    static final int LAST = 4;

    static final int TYPE_MASK = 0x07;
    static final int SNAPPY = 1 << 3;
    static final int ZSTD = 1 << 4;

    private Fragment() {
    }

    static String typeName(int type) {
        return switch (type) {
            case PAGE_TERM -> "zero";
            case FULL -> "full";
            case FIRST -> "first";
            case MIDDLE -> "middle";
            case LAST -> "last";
            default -> "<invalid " + type + ">";
        };
    }
}
