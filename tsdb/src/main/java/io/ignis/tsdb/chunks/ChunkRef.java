package io.ignis.tsdb.chunks;

/**
 * A block chunk reference as stored in the index: {@code segment index << 32 | byte offset}, where the
 * segment index is 0 for file {@code 000001}.
 */
public final class ChunkRef {
    private ChunkRef() {
    }

    public static long of(int segmentIndex, int offset) {
        return ((long) segmentIndex << 32) | (offset & 0xffffffffL);
    }

    public static int segmentIndex(long ref) {
        return (int) (ref >>> 32);
    }

    public static int offset(long ref) {
        return (int) ref;
    }

    /** {@code segment/offset}, for error messages. */
    public static String toString(long ref) {
        return segmentIndex(ref) + "/" + (ref & 0xffffffffL);
    }
}
