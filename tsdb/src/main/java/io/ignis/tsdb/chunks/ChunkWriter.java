package io.ignis.tsdb.chunks;

import io.ignis.tsdb.chunkenc.Chunk;
import io.ignis.tsdb.encoding.EncodeBuffer;
import io.ignis.tsdb.files.DurableFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes chunks into numbered segment files of a block's {@code chunks/} directory (layout in
 * {@link ChunkSegments}), cutting a new segment before one would exceed the segment size. Returns the
 * reference the index stores. Not thread-safe.
 */
public final class ChunkWriter implements AutoCloseable {
    private static final int MAX_LENGTH_FIELD = 5; // uvarint of a uint32, as Prometheus's MaxChunkLengthFieldSize

    private final Path dir;
    private final long segmentSize;
    private final EncodeBuffer buf = new EncodeBuffer(1 << 16);
    private final CRC32C crc = new CRC32C();
    private FileChannel file;
    private int sequence; // file number of the current segment, 0 before the first
    private long written; // bytes in the current segment, including buffered ones

    public ChunkWriter(Path dir) throws IOException {
        this(dir, ChunkSegments.DEFAULT_SEGMENT_SIZE);
    }

    /** A writer with a custom segment size (tests use small ones to force cuts). */
    public ChunkWriter(Path dir, long segmentSize) throws IOException {
        if (segmentSize <= ChunkSegments.HEADER_SIZE || segmentSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("segment size " + segmentSize + " outside (8, 2 GiB)");
        }
        this.dir = dir;
        this.segmentSize = segmentSize;
        Files.createDirectories(dir);
    }

    /** Appends {@code c} and returns its reference. */
    public long write(Chunk c) throws IOException {
        ByteBuffer data = c.bytes();
        int len = data.remaining();
        long need = MAX_LENGTH_FIELD + 1L + len + 4;
        if (file == null || (written > ChunkSegments.HEADER_SIZE && written + need > segmentSize)) {
            cut();
        }
        if (written + need > Integer.MAX_VALUE) {
            throw new IOException("chunk of " + len + " bytes does not fit a segment");
        }
        long ref = ChunkRef.of(sequence - 1, (int) written);
        int start = buf.len();
        buf.putUvarint(len);
        int encPos = buf.len();
        buf.putByte(c.encoding().code());
        buf.putBytes(data);
        crc.reset();
        crc.update(buf.array(), encPos, buf.len() - encPos);
        buf.putBE32((int) crc.getValue());
        written += buf.len() - start;
        if (buf.len() >= 1 << 20) {
            flush();
        }
        return ref;
    }

    private void cut() throws IOException {
        finishSegment();
        sequence++;
        Path p = dir.resolve(ChunkSegments.fileName(sequence));
        file = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        buf.putBE32(ChunkSegments.MAGIC).putByte(ChunkSegments.VERSION).putZeros(3);
        written = ChunkSegments.HEADER_SIZE;
    }

    private void flush() throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buf.array(), 0, buf.len());
        while (b.hasRemaining()) {
            file.write(b);
        }
        buf.reset();
    }

    private void finishSegment() throws IOException {
        if (file == null) {
            return;
        }
        flush();
        file.force(true);
        file.close();
        file = null;
    }

    /** Number of segment files written so far. */
    public int segments() {
        return sequence;
    }

    /** Flushes, fsyncs and closes the last segment and the directory. */
    @Override
    public void close() throws IOException {
        finishSegment();
        DurableFiles.fsync(dir);
    }
}
