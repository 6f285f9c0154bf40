package io.ignis.tsdb.wal;

import io.ignis.storage.StorageException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.xerial.snappy.Snappy;

/**
 * Iterates the records of consecutive WAL segments (see {@link Fragment} for the layout), page by page. A
 * segment shorter than a whole number of pages (its writer crashed, or was closed without padding) reads as
 * if zero-padded, as Prometheus's reader does. Anything else that is not a valid fragment sequence throws a
 * {@link WalCorruptionException} naming the segment and the offset where the damaged record starts.
 *
 * <pre>{@code
 * try (WalReader r = WalReader.open(dir, Segments.list(dir))) {
 *     while (r.next()) {
 *         decode(r.record(), r.recordLength());
 *     }
 * }
 * }</pre>
 *
 * Not thread-safe. The record array is reused by the next call to {@link #next()}.
 */
public final class WalReader implements Closeable {
    private final Path dir;
    private final List<Segments.Ref> segments;
    private final byte[] page = new byte[Fragment.PAGE_SIZE];
    private final ByteBuffer pageView = ByteBuffer.wrap(page);
    private final CRC32C crc = new CRC32C();
    private byte[] assembled = new byte[Fragment.PAGE_SIZE];
    private byte[] record = new byte[Fragment.PAGE_SIZE];
    private int recordLength;
    private int current = -1;
    private FileChannel channel;
    private long pageStart;
    private int pagePos = Fragment.PAGE_SIZE;
    private long recordEnd;
    private long recordStart;
    private int recordSegment = -1;

    private WalReader(Path dir, List<Segments.Ref> segments) {
        this.dir = dir;
        this.segments = List.copyOf(segments);
    }

    /** A reader over {@code segments}, which must be consecutive and sorted (as {@link Segments#list} gives). */
    public static WalReader open(Path dir, List<Segments.Ref> segments) {
        return new WalReader(dir, segments);
    }

    /** A reader over all segments of {@code dir}. */
    public static WalReader open(Path dir) throws IOException {
        return new WalReader(dir, Segments.list(dir));
    }

    /**
     * Advances to the next record.
     *
     * @return false at the clean end of the last segment
     * @throws WalCorruptionException when the bytes are not a valid record
     */
    public boolean next() throws IOException {
        int fragments = 0;
        int length = 0;
        int startSegment = -1;
        long startOffset = -1;
        while (true) {
            if (pagePos >= Fragment.PAGE_SIZE) {
                int before = current;
                if (!loadPage()) {
                    if (fragments > 0) {
                        throw corruption(startSegment, startOffset, "last record is torn");
                    }
                    return false;
                }
                if (fragments > 0 && current != before) {
                    throw corruption(startSegment, startOffset, "record is torn at the end of its segment");
                }
            }
            int fragmentOffset = pagePos;
            int b = page[pagePos] & 0xff;
            if (b == 0) {
                checkPadding(fragments > 0 ? startSegment : segments.get(current).index(),
                        fragments > 0 ? startOffset : pageStart + fragmentOffset);
                pagePos = Fragment.PAGE_SIZE;
                continue;
            }
            if (fragments == 0) {
                startSegment = segments.get(current).index();
                startOffset = pageStart + fragmentOffset;
            }
            if (Fragment.PAGE_SIZE - pagePos < Fragment.HEADER_SIZE) {
                throw corruption(startSegment, startOffset, "fragment header crosses the page end at "
                        + (pageStart + fragmentOffset));
            }
            int type = b & Fragment.TYPE_MASK;
            int len = ((page[pagePos + 1] & 0xff) << 8) | (page[pagePos + 2] & 0xff);
            int want = ((page[pagePos + 3] & 0xff) << 24) | ((page[pagePos + 4] & 0xff) << 16)
                    | ((page[pagePos + 5] & 0xff) << 8) | (page[pagePos + 6] & 0xff);
            int dataPos = pagePos + Fragment.HEADER_SIZE;
            if (len > Fragment.PAGE_SIZE - dataPos) {
                throw corruption(startSegment, startOffset, "invalid fragment size " + len + " at "
                        + (pageStart + fragmentOffset));
            }
            crc.reset();
            crc.update(page, dataPos, len);
            int got = (int) crc.getValue();
            if (got != want) {
                throw corruption(startSegment, startOffset, String.format(
                        "unexpected checksum %08x, expected %08x in fragment at %d", got, want,
                        pageStart + fragmentOffset));
            }
            checkSequence(type, fragments, startSegment, startOffset, pageStart + fragmentOffset);
            if (len == 0 && (type == Fragment.MIDDLE || type == Fragment.LAST)) {
                // Never written (a continuation always carries data): the header was torn after its type byte.
                throw corruption(startSegment, startOffset, "empty " + Fragment.typeName(type) + " fragment at "
                        + (pageStart + fragmentOffset));
            }
            if ((b & ~(Fragment.TYPE_MASK | Fragment.SNAPPY | Fragment.ZSTD)) != 0) {
                throw corruption(startSegment, startOffset, "reserved bits set in fragment type " + b);
            }
            length = append(length, dataPos, len);
            pagePos = dataPos + len;
            fragments++;
            if (type == Fragment.FULL || type == Fragment.LAST) {
                recordSegment = startSegment;
                recordStart = startOffset;
                recordEnd = pageStart + pagePos;
                finish(b, length, startSegment, startOffset);
                return true;
            }
        }
    }

    private void checkSequence(int type, int fragments, int segment, long offset, long fragmentOffset) {
        boolean ok = fragments == 0
                ? type == Fragment.FULL || type == Fragment.FIRST
                : type == Fragment.MIDDLE || type == Fragment.LAST;
        if (!ok) {
            throw corruption(segment, offset, "unexpected " + Fragment.typeName(type) + " fragment at "
                    + fragmentOffset + " after " + fragments + " fragment(s) of a record");
        }
    }

    private void checkPadding(int segment, long offset) {
        for (int i = pagePos + 1; i < Fragment.PAGE_SIZE; i++) {
            if (page[i] != 0) {
                throw corruption(segment, offset, "unexpected non-zero byte in padded page at " + (pageStart + i));
            }
        }
    }

    private int append(int length, int pos, int len) {
        if (assembled.length < length + len) {
            assembled = Arrays.copyOf(assembled, Math.max(assembled.length * 2, length + len));
        }
        System.arraycopy(page, pos, assembled, length, len);
        return length + len;
    }

    private void finish(int typeByte, int length, int segment, long offset) throws IOException {
        if ((typeByte & Fragment.ZSTD) != 0) {
            throw new StorageException("read WAL segment " + Segments.path(dir, segment) + " at " + offset
                    + ": zstd-compressed records are not supported");
        }
        if ((typeByte & Fragment.SNAPPY) == 0) {
            byte[] t = record;
            record = assembled;
            assembled = t;
            recordLength = length;
            return;
        }
        try {
            int n = Snappy.uncompressedLength(assembled, 0, length);
            if (record.length < n) {
                record = new byte[Math.max(n, record.length * 2)];
            }
            recordLength = Snappy.uncompress(assembled, 0, length, record, 0);
        } catch (IOException e) {
            throw corruption(segment, offset, "snappy decode: " + e.getMessage());
        }
    }

    /** Reads the next page, moving to the next segment at the end of one; false after the last. */
    private boolean loadPage() throws IOException {
        while (true) {
            if (channel == null) {
                if (current + 1 >= segments.size()) {
                    return false;
                }
                current++;
                channel = FileChannel.open(segments.get(current).path(), StandardOpenOption.READ);
                pageStart = -Fragment.PAGE_SIZE;
            }
            pageView.clear();
            int n = 0;
            while (pageView.hasRemaining()) {
                int r = channel.read(pageView);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            if (n == 0) {
                channel.close();
                channel = null;
                continue;
            }
            // A short last page reads as zero-padded, as after a crash mid-page.
            Arrays.fill(page, n, Fragment.PAGE_SIZE, (byte) 0);
            pageStart += Fragment.PAGE_SIZE;
            pagePos = 0;
            return true;
        }
    }

    private WalCorruptionException corruption(int segment, long offset, String detail) {
        return new WalCorruptionException(dir, segment, offset, detail);
    }

    /** The current record's bytes, valid in {@code [0, recordLength())} until the next call to next(). */
    public byte[] record() {
        return record;
    }

    public int recordLength() {
        return recordLength;
    }

    /** A copy of the current record. */
    public byte[] recordCopy() {
        return Arrays.copyOf(record, recordLength);
    }

    /** The number of the segment holding the current record. */
    public int segment() {
        return recordSegment;
    }

    /** The offset in {@link #segment()} of the current record's first fragment. */
    public long recordStart() {
        return recordStart;
    }

    /** The offset in {@link #segment()} just past the current record. */
    public long offset() {
        return recordEnd;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
