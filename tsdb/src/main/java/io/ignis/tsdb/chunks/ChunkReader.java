package io.ignis.tsdb.chunks;

import io.ignis.storage.CorruptionException;
import io.ignis.storage.StorageException;
import io.ignis.tsdb.chunkenc.Chunk;
import io.ignis.tsdb.chunkenc.ChunkEncoding;
import io.ignis.tsdb.chunkenc.Chunks;
import io.ignis.tsdb.encoding.Crc32c;
import io.ignis.tsdb.files.MappedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads chunks of a block's {@code chunks/} directory (layout in {@link ChunkSegments}) from memory-mapped
 * segments, decoding in place: {@link #chunk(long)} returns a view, never a copy. Each chunk's CRC32C is
 * checked on read, as Prometheus does. Thread-safe; the chunks returned are valid until {@link #close()}.
 */
public final class ChunkReader implements AutoCloseable {
    private final MappedFile[] segments;
    private final long size;

    private ChunkReader(MappedFile[] segments) {
        this.segments = segments;
        long s = 0;
        for (MappedFile f : segments) {
            s += f.size();
        }
        this.size = s;
    }

    /**
     * Maps every segment of {@code dir} and checks its header.
     *
     * @throws CorruptionException on a bad magic number or version
     */
    public static ChunkReader open(Path dir) {
        List<Path> files;
        try {
            files = ChunkSegments.list(dir);
        } catch (IOException e) {
            throw new StorageException("open chunks " + dir + ": " + e.getMessage(), e);
        }
        List<MappedFile> mapped = new ArrayList<>(files.size());
        try {
            for (Path p : files) {
                MappedFile f = MappedFile.open(p);
                mapped.add(f);
                checkHeader(f);
            }
        } catch (RuntimeException e) {
            for (MappedFile f : mapped) {
                f.close();
            }
            throw e;
        }
        return new ChunkReader(mapped.toArray(new MappedFile[0]));
    }

    private static void checkHeader(MappedFile f) {
        if (f.windowCount() != 1) {
            throw new CorruptionException(f.path().toString(), -1, "chunk segment size", "at most 2 GiB",
                    f.size() + " bytes");
        }
        ByteBuffer b = f.buffer();
        if (f.size() < ChunkSegments.HEADER_SIZE) {
            throw new CorruptionException(f.path().toString(), 0, "segment header", ChunkSegments.HEADER_SIZE
                    + " bytes", f.size() + " bytes");
        }
        int magic = b.getInt(0);
        if (magic != ChunkSegments.MAGIC) {
            throw new CorruptionException(f.path().toString(), 0, "invalid magic number",
                    hex(ChunkSegments.MAGIC), hex(magic));
        }
        int version = b.get(4) & 0xff;
        if (version != ChunkSegments.VERSION) {
            throw new CorruptionException(f.path().toString(), 4, "invalid chunk format version",
                    String.valueOf(ChunkSegments.VERSION), String.valueOf(version));
        }
    }

    private static String hex(int v) {
        return String.format("0x%08X", v);
    }

    /** Total bytes of all segments. */
    public long size() {
        return size;
    }

    public int segmentCount() {
        return segments.length;
    }

    /**
     * The chunk at {@code ref}, as a view over the mapping.
     *
     * @throws CorruptionException if the reference points outside a segment or the checksum does not match
     */
    public Chunk chunk(long ref) {
        int seg = ChunkRef.segmentIndex(ref);
        long off = ref & 0xffffffffL;
        if (seg < 0 || seg >= segments.length) {
            throw new CorruptionException("chunks", -1, "chunk ref " + ChunkRef.toString(ref)
                    + ": segment index out of range", "< " + segments.length, String.valueOf(seg));
        }
        MappedFile f = segments[seg];
        ByteBuffer b = f.buffer();
        int end = (int) f.size();
        if (off < ChunkSegments.HEADER_SIZE || off >= end) {
            throw new CorruptionException(f.path().toString(), off, "chunk offset outside segment",
                    "[" + ChunkSegments.HEADER_SIZE + ", " + end + ")", String.valueOf(off));
        }
        int p = (int) off;
        long len = 0;
        int shift = 0;
        while (true) {
            if (p >= end || shift > 28) {
                throw new CorruptionException(f.path().toString(), off, "invalid chunk length", "", "");
            }
            int x = b.get(p++) & 0xff;
            len |= (long) (x & 0x7f) << shift;
            if (x < 0x80) {
                break;
            }
            shift += 7;
        }
        int encPos = p;
        long crcPos = encPos + 1 + len;
        if (crcPos + 4 > end) {
            throw new CorruptionException(f.path().toString(), off, "chunk extends past segment end",
                    "end <= " + end, "end " + (crcPos + 4));
        }
        int stored = b.getInt((int) crcPos);
        int actual = Crc32c.checksum(b, encPos, (int) (crcPos - encPos));
        if (stored != actual) {
            throw new CorruptionException(f.path().toString(), off, "chunk checksum mismatch", hex(stored),
                    hex(actual));
        }
        int code = b.get(encPos) & 0xff;
        ChunkEncoding enc = ChunkEncoding.fromCode(code);
        if (enc == null || enc == ChunkEncoding.NONE) {
            throw new CorruptionException(f.path().toString(), encPos, "invalid chunk encoding", "1..6",
                    String.valueOf(code));
        }
        return Chunks.view(enc, b, encPos + 1, (int) len);
    }

    @Override
    public void close() {
        for (MappedFile f : segments) {
            f.close();
        }
    }
}
