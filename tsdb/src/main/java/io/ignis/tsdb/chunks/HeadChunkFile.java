package io.ignis.tsdb.chunks;

/**
 * The layout of {@code chunks_head/NNNNNN} files (Prometheus's {@code head_chunks.md}): an 8-byte header (magic
 * {@code 0x0130BC91}, version 1, 3 zero bytes), then chunk records {@code series ref (8B) | mint (8B) |
 * maxt (8B) | encoding (1B, top bit = out of order) | uvarint len | data | CRC32C (4B) over everything before
 * it in the record}. A chunk's reference is {@code file number << 32 | record offset}.
 */
public final class HeadChunkFile {
    public static final int MAGIC = 0x0130BC91;
    public static final int VERSION = 1;
    public static final int HEADER_SIZE = 8;
    /** Series ref, mint, maxt, encoding. */
    public static final int META_SIZE = 8 + 8 + 8 + 1;
    public static final int CRC_SIZE = 4;
    /** The top bit of the encoding byte: the chunk holds out-of-order samples. */
    public static final int OUT_OF_ORDER_BIT = 0x80;
    /** Prometheus's maximum head chunk file size: 128 MiB. */
    public static final long DEFAULT_MAX_FILE_SIZE = 128L * 1024 * 1024;

    private HeadChunkFile() {
    }

    public static String name(int fileNumber) {
        return String.format("%06d", fileNumber);
    }

    public static long ref(int fileNumber, long offset) {
        return ((long) fileNumber << 32) | offset;
    }

    public static int fileNumber(long ref) {
        return (int) (ref >>> 32);
    }

    public static int offset(long ref) {
        return (int) ref;
    }
}
