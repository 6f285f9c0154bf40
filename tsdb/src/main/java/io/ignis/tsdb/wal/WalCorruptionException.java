package io.ignis.tsdb.wal;

import io.ignis.storage.StorageException;
import java.nio.file.Path;

/**
 * A WAL segment holds bytes that are not a valid record. {@code offset} is the byte offset in segment
 * {@code segment} where the first damaged record starts: every record ending at or before it is intact,
 * which is what {@link WalRepair} keeps.
 */
public final class WalCorruptionException extends StorageException {
    private final Path dir;
    private final int segment;
    private final long offset;

    public WalCorruptionException(Path dir, int segment, long offset, String detail) {
        super("corruption in segment " + dir.resolve(Segments.name(segment)) + " at " + offset + ": " + detail);
        this.dir = dir;
        this.segment = segment;
        this.offset = offset;
    }

    public Path dir() {
        return dir;
    }

    public int segment() {
        return segment;
    }

    public long offset() {
        return offset;
    }
}
