package io.ignis.server.remote;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.xerial.snappy.Snappy;

/**
 * Reads the records of one WAL segment from a record boundary on, as Prometheus's {@code wlog.LiveReader} does for
 * its watcher: a poll costs only the bytes written since the last one, and it never mistakes the unwritten rest of
 * the page being written for padding. It stops (returns false) where the written bytes end, a record is still
 * incomplete or a fragment does not check out yet, so the next call, after the writer went on, resumes there.
 * Only zero bytes of a page the file already extends past are padding.
 *
 * <p>Layout (Prometheus's {@code tsdb/docs/format/wal.md}; the constants are fixed by it): 32 KiB pages of
 * fragments {@code type(1) len(2, BE) crc32c(4, BE) data(len)}; type bits 0-2 full/first/middle/last (0 =
 * padding), bit 3 snappy; a fragment never crosses a page and fewer than 7 bytes left in a page are padding.
 * WAL segments are {@code tsdb}'s; this reader exists because {@code tsdb}'s reader starts at a segment's
 * beginning, and it belongs there once that reader can start at an offset. Not thread-safe.
 */
final class SegmentTail implements Closeable {
    private static final int PAGE_SIZE = 32 * 1024;
    private static final int HEADER_SIZE = 7;
    private static final int TYPE_MASK = 0x07;
    private static final int FULL = 1;
    private static final int FIRST = 2;
    private static final int MIDDLE = 3;
    private static final int LAST = 4;
    private static final int SNAPPY = 1 << 3;

    private final FileChannel channel;
    private final byte[] page = new byte[PAGE_SIZE];
    private final CRC32C crc = new CRC32C();
    private long pageStart = -1;
    private int pageLen;
    private byte[] assembled = new byte[PAGE_SIZE];
    private byte[] record = new byte[PAGE_SIZE];
    private int recordLength;
    private long pos;
    private long recordStart;

    private SegmentTail(FileChannel channel, long from) {
        this.channel = channel;
        this.pos = from;
    }

    /** Opens {@code segment} to read the records starting at or after {@code from}, a record boundary. */
    static SegmentTail open(Path segment, long from) throws IOException {
        return new SegmentTail(FileChannel.open(segment, StandardOpenOption.READ), from);
    }

    /**
     * Advances to the next complete record.
     *
     * @return false where the written bytes end (or a record is still being written); call again later
     * @throws IOException when a fragment in a page the file has passed is damaged
     */
    boolean next() throws IOException {
        long size = channel.size();
        long p = pos;
        int fragments = 0;
        int length = 0;
        int flags = 0;
        long start = pos;
        while (true) {
            if (p >= size) {
                return false;
            }
            long ps = p - p % PAGE_SIZE;
            int at = (int) (p - ps);
            if (PAGE_SIZE - at < HEADER_SIZE) {
                p = ps + PAGE_SIZE;
                continue;
            }
            load(ps, size);
            boolean pageComplete = ps + PAGE_SIZE <= size && pageLen == PAGE_SIZE;
            if (at >= pageLen) {
                return false;
            }
            int b = page[at] & 0xff;
            if (b == 0) {
                if (!pageComplete) {
                    return false;
                }
                if (fragments > 0) {
                    throw damaged(start, "padding inside a record at " + p);
                }
                p = ps + PAGE_SIZE;
                start = p;
                continue;
            }
            if (at + HEADER_SIZE > pageLen) {
                return false;
            }
            int type = b & TYPE_MASK;
            int len = ((page[at + 1] & 0xff) << 8) | (page[at + 2] & 0xff);
            int want = ((page[at + 3] & 0xff) << 24) | ((page[at + 4] & 0xff) << 16)
                    | ((page[at + 5] & 0xff) << 8) | (page[at + 6] & 0xff);
            int data = at + HEADER_SIZE;
            if (data + len > pageLen) {
                if (pageComplete) {
                    throw damaged(start, "fragment of " + len + " bytes past its page at " + p);
                }
                return false;
            }
            crc.reset();
            crc.update(page, data, len);
            if ((int) crc.getValue() != want) {
                if (pageComplete) {
                    throw damaged(start, "checksum mismatch in the fragment at " + p);
                }
                // Bytes of a write still in progress can be seen half copied: read them again later.
                return false;
            }
            boolean first = type == FULL || type == FIRST;
            if (first != (fragments == 0) || type > LAST) {
                throw damaged(start, "unexpected fragment type " + type + " at " + p);
            }
            if (fragments == 0) {
                start = p;
                flags = b;
            }
            if (assembled.length < length + len) {
                assembled = java.util.Arrays.copyOf(assembled, Math.max(assembled.length * 2, length + len));
            }
            System.arraycopy(page, data, assembled, length, len);
            length += len;
            fragments++;
            p = ps + data + len;
            if (type == FULL || type == LAST) {
                finish(flags, length, start);
                recordStart = start;
                pos = p;
                return true;
            }
        }
    }

    private void load(long ps, long size) throws IOException {
        int want = (int) Math.min(PAGE_SIZE, size - ps);
        if (ps == pageStart && pageLen >= want) {
            return;
        }
        ByteBuffer buf = ByteBuffer.wrap(page, 0, want);
        long at = ps;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, at);
            if (n < 0) {
                break;
            }
            at += n;
        }
        pageStart = ps;
        pageLen = buf.position();
    }

    private void finish(int flags, int length, long start) throws IOException {
        if ((flags & ~(TYPE_MASK | SNAPPY)) != 0) {
            throw damaged(start, "unsupported fragment flags " + flags);
        }
        if ((flags & SNAPPY) == 0) {
            byte[] t = record;
            record = assembled;
            assembled = t;
            recordLength = length;
            return;
        }
        int n = Snappy.uncompressedLength(assembled, 0, length);
        if (record.length < n) {
            record = new byte[Math.max(n, record.length * 2)];
        }
        recordLength = Snappy.uncompress(assembled, 0, length, record, 0);
    }

    private static IOException damaged(long start, String what) {
        return new IOException("wal record at offset " + start + ": " + what);
    }

    /** The current record's bytes, valid in {@code [0, recordLength())} until the next call to next(). */
    byte[] record() {
        return record;
    }

    int recordLength() {
        return recordLength;
    }

    /** Offset of the current record's first fragment. */
    long recordStart() {
        return recordStart;
    }

    /** Offset just past the current record: where the next call starts. */
    long offset() {
        return pos;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
