package io.ignis.tsdb.encoding;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** CRC32 with the Castagnoli polynomial, the only checksum in Prometheus's TSDB files. */
public final class Crc32c {
    private Crc32c() {
    }

    public static int checksum(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    /** The checksum of {@code len} bytes at absolute offset {@code off}; leaves {@code b}'s position alone. */
    public static int checksum(ByteBuffer b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b.duplicate().limit(off + len).position(off));
        return (int) c.getValue();
    }
}
