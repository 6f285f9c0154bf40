package io.ignis.tsdb.chunks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Constants and naming of block chunk segment files:
 *
 * <pre>
 * +------------------------------+----------------+--------------+----------------------------------------+
 * | magic 0x85BD40DD (4B)        | version 1 (1B) | padding (3B) | chunk*                                 |
 * +------------------------------+----------------+--------------+----------------------------------------+
 * chunk: uvarint len(data) | encoding (1B) | data | CRC32C(encoding, data) (4B)
 * </pre>
 *
 * See Prometheus's {@code tsdb/docs/format/chunks.md}.
 */
public final class ChunkSegments {
    public static final int MAGIC = 0x85BD40DD;
    public static final int VERSION = 1;
    public static final int HEADER_SIZE = 8;
    /** Prometheus's {@code DefaultChunkSegmentSize}: 512 MiB. */
    public static final long DEFAULT_SEGMENT_SIZE = 512L * 1024 * 1024;

    private ChunkSegments() {
    }

    /** {@code 000001} for sequence 1. */
    public static String fileName(int sequence) {
        return String.format("%06d", sequence);
    }

    /** The segment files in {@code dir} whose names are all digits, in name order. */
    public static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.isEmpty() && n.chars().allMatch(Character::isDigit) && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        }
        // Numeric order without parsing, so an absurdly long name cannot overflow: shorter first, then by text.
        out.sort((a, b) -> {
            String x = a.getFileName().toString();
            String y = b.getFileName().toString();
            return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
        });
        return out;
    }
}
