package io.ignis.tsdb.wal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xerial.snappy.Snappy;

/**
 * Appends records to the newest segment of a WAL directory, in Prometheus's format (see {@link Fragment}).
 * A record is snappy-compressed as a whole when that makes it smaller, then split into fragments that each
 * fit the rest of the current page. Records never span segments: one that does not fit the rest of the
 * segment starts a new one (and one larger than a segment gets a segment of its own, longer than the
 * nominal size). Each {@link #log} call ends with a write of the filled part of the page, so a crash loses
 * at most what the OS had not written out; durability needs {@link #sync()}, which is also done when a
 * segment is closed. Thread-safe: calls are serialised.
 */
public final class WalWriter implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(WalWriter.class);

    private final Path dir;
    private final int segmentSize;
    private final boolean compress;
    private final byte[] page = new byte[Fragment.PAGE_SIZE];
    private final ByteBuffer pageView = ByteBuffer.wrap(page);
    private final CRC32C crc = new CRC32C();
    private byte[] compressed = new byte[0];
    private int alloc;
    private int flushed;
    private int donePages;
    private int segmentIndex;
    private FileChannel segment;
    private boolean closed;

    private WalWriter(Path dir, int segmentSize, boolean compress) {
        this.dir = dir;
        this.segmentSize = segmentSize;
        this.compress = compress;
    }

    /**
     * Opens the WAL in {@code dir} (created if missing) for appending: like Prometheus, writing always
     * starts in a fresh segment numbered after the last existing one.
     *
     * @param segmentSize a multiple of the 32 KiB page size
     */
    public static WalWriter open(Path dir, int segmentSize, boolean compress) throws IOException {
        if (segmentSize <= 0 || segmentSize % Fragment.PAGE_SIZE != 0) {
            throw new IllegalArgumentException("invalid segment size " + segmentSize
                    + ": must be a positive multiple of " + Fragment.PAGE_SIZE);
        }
        Files.createDirectories(dir);
        WalWriter w = new WalWriter(dir, segmentSize, compress);
        w.setSegment(Segments.last(dir) + 1);
        return w;
    }

    /** Opens segment {@code index} (new or empty) for writing; used by repair to rewrite a segment. */
    static WalWriter openAt(Path dir, int index, int segmentSize, boolean compress) throws IOException {
        WalWriter w = new WalWriter(dir, segmentSize, compress);
        w.setSegment(index);
        return w;
    }

    /** Opens with Prometheus's defaults: 128 MiB segments, snappy. */
    public static WalWriter open(Path dir) throws IOException {
        return open(dir, Fragment.DEFAULT_SEGMENT_SIZE, true);
    }

    public Path dir() {
        return dir;
    }

    /** Appends one record and writes the page out. */
    public synchronized void log(byte[] rec) throws IOException {
        log(rec, rec.length, true);
    }

    /** Appends several records, writing the page out after the last one. */
    public synchronized void log(List<byte[]> recs) throws IOException {
        for (int i = 0; i < recs.size(); i++) {
            log(recs.get(i), recs.get(i).length, i == recs.size() - 1);
        }
    }

    /**
     * Appends {@code rec[0, len)}; writes the page out when {@code last} (the end of a batch) or when it is
     * full. The array stays the caller's.
     */
    public synchronized void log(byte[] rec, int len, boolean last) throws IOException {
        ensureOpen();
        if (pageFull()) {
            flushPage(true);
        }
        byte[] enc = rec;
        int encLen = len;
        int flags = 0;
        if (compress) {
            int max = Snappy.maxCompressedLength(len);
            if (compressed.length < max) {
                compressed = new byte[max];
            }
            int n = Snappy.compress(rec, 0, len, compressed, 0);
            // As in Prometheus: keep the record uncompressed unless snappy saves at least a byte.
            if (n < len) {
                enc = compressed;
                encLen = n;
                flags = Fragment.SNAPPY;
            }
        }
        long left = (long) (Fragment.PAGE_SIZE - alloc - Fragment.HEADER_SIZE)
                + (long) (Fragment.PAGE_SIZE - Fragment.HEADER_SIZE) * (pagesPerSegment() - donePages - 1);
        if (encLen > left) {
            nextSegment();
        }
        writeFragments(enc, encLen, flags);
        if (last && alloc > 0) {
            flushPage(false);
        }
    }

    private void writeFragments(byte[] enc, int encLen, int flags) throws IOException {
        int off = 0;
        // One pass even for an empty record, so that it is stored as an empty full fragment.
        for (int i = 0; i == 0 || off < encLen; i++) {
            int n = Math.min(encLen - off, Fragment.PAGE_SIZE - alloc - Fragment.HEADER_SIZE);
            boolean end = off + n == encLen;
            int type = i == 0 ? (end ? Fragment.FULL : Fragment.FIRST) : (end ? Fragment.LAST : Fragment.MIDDLE);
            crc.reset();
            crc.update(enc, off, n);
            int c = (int) crc.getValue();
            page[alloc] = (byte) (type | flags);
            page[alloc + 1] = (byte) (n >>> 8);
            page[alloc + 2] = (byte) n;
            page[alloc + 3] = (byte) (c >>> 24);
            page[alloc + 4] = (byte) (c >>> 16);
            page[alloc + 5] = (byte) (c >>> 8);
            page[alloc + 6] = (byte) c;
            System.arraycopy(enc, off, page, alloc + Fragment.HEADER_SIZE, n);
            alloc += Fragment.HEADER_SIZE + n;
            off += n;
            if (pageFull()) {
                flushPage(true);
            }
        }
    }

    private boolean pageFull() {
        return Fragment.PAGE_SIZE - alloc < Fragment.HEADER_SIZE;
    }

    private int pagesPerSegment() {
        return segmentSize / Fragment.PAGE_SIZE;
    }

    /**
     * Writes the unwritten part of the page; when {@code clear} (or the page is full) pads it with zeros
     * to its end and starts a new page.
     */
    private void flushPage(boolean clear) throws IOException {
        boolean full = clear || pageFull();
        if (full) {
            Arrays.fill(page, alloc, Fragment.PAGE_SIZE, (byte) 0);
            alloc = Fragment.PAGE_SIZE;
        }
        pageView.limit(alloc).position(flushed);
        while (pageView.hasRemaining()) {
            segment.write(pageView);
        }
        flushed = alloc;
        if (full) {
            alloc = 0;
            flushed = 0;
            donePages++;
        }
    }

    /**
     * Closes the current segment (padding its last page and syncing it) and starts the next one.
     *
     * @return the number of the new segment
     */
    public synchronized int nextSegment() throws IOException {
        ensureOpen();
        if (alloc > 0) {
            flushPage(true);
        }
        FileChannel prev = segment;
        setSegment(segmentIndex + 1);
        prev.force(false);
        prev.close();
        return segmentIndex;
    }

    private void setSegment(int index) throws IOException {
        Path p = Segments.path(dir, index);
        FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        long size = ch.size();
        if (size % Fragment.PAGE_SIZE != 0) {
            ch.close();
            throw new IOException("open segment " + p + ": size " + size + " is not a multiple of the page size");
        }
        segment = ch;
        segmentIndex = index;
        donePages = (int) (size / Fragment.PAGE_SIZE);
        alloc = 0;
        flushed = 0;
    }

    /** The number of the segment being written. */
    public synchronized int segmentIndex() {
        return segmentIndex;
    }

    /** The offset in the current segment up to which records have been written. */
    public synchronized long segmentOffset() {
        return (long) donePages * Fragment.PAGE_SIZE + alloc;
    }

    /** Forces what has been logged to stable storage. */
    public synchronized void sync() throws IOException {
        ensureOpen();
        if (alloc > flushed) {
            flushPage(false);
        }
        segment.force(false);
    }

    /** Deletes every segment numbered below {@code index}. */
    public synchronized void truncate(int index) throws IOException {
        for (Segments.Ref r : Segments.list(dir)) {
            if (r.index() >= index) {
                break;
            }
            Files.deleteIfExists(r.path());
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("write to closed WAL " + dir);
        }
    }

    /** Pads the last page, syncs and closes the segment. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (alloc > 0) {
                flushPage(true);
            }
            segment.force(false);
        } finally {
            segment.close();
        }
        LOG.debug("wal closed dir={} segment={}", dir, segmentIndex);
    }
}
