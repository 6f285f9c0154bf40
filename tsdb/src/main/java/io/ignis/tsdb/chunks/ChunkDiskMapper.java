package io.ignis.tsdb.chunks;

import io.ignis.storage.CorruptionException;
import io.ignis.storage.StorageException;
import io.ignis.tsdb.encoding.Crc32c;
import io.ignis.tsdb.encoding.Varint;
import io.ignis.tsdb.files.DurableFiles;
import io.ignis.tsdb.files.MappedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full head chunks on disk in {@code chunks_head/}, as Prometheus's {@code ChunkDiskMapper}: the head hands a
 * cut chunk to {@link #write}, one writer thread appends it to the newest file (a queue, so appenders never wait
 * for the disk), and then tells the owner the chunk's reference so the owner can drop its heap copy. Reads go
 * through a memory mapping for closed files and a positional read for the file being written, so cold chunk
 * bytes live in the page cache, not on the heap. On open the files are scanned ({@link #open} hands every
 * chunk to a visitor) and a torn tail is cut off.
 */
public final class ChunkDiskMapper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkDiskMapper.class);
    /** Receives the reference of a chunk once it is on disk. */
    @FunctionalInterface
    public interface Written {
        void written(long ref);
    }

    /** Receives one chunk found on open. */
    @FunctionalInterface
    public interface Visitor {
        /** {@code encoding} is the raw byte: the low 7 bits are the chunk encoding, the top bit out-of-order. */
        void chunk(long seriesRef, long chunkRef, long mint, long maxt, int encoding, int numSamples);
    }

    private record Pending(long seriesRef, long mint, long maxt, byte encoding, byte[] data, Written done) {
    }

    private static final Pending STOP = new Pending(0, 0, 0, (byte) 0, new byte[0], null);

    private final Path dir;
    private final long maxFileSize;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(4096);
    /** Closed files by number, mapped; the active file is read through its channel. */
    private final Map<Integer, MappedFile> sealed = new TreeMap<>();
    /** Highest in-order chunk maxt per file, so truncation can delete files holding only old chunks. */
    private final Map<Integer, Long> maxTimes = new TreeMap<>();
    /**
     * Highest out-of-order chunk reference per file, for files whose out-of-order chunks may still be in use:
     * time truncation keeps them until {@link #releaseOutOfOrder} says those chunks went into a block.
     */
    private final Map<Integer, Long> oooPinned = new TreeMap<>();
    /** The last {@link #truncate} bound, applied again when out-of-order chunks are released. */
    private long truncatedBefore = Long.MIN_VALUE;
    private final Thread writer;
    private FileChannel active;
    private int activeNumber;
    private long activeSize;
    private volatile Throwable failure;

    private ChunkDiskMapper(Path dir, long maxFileSize) {
        this.dir = dir;
        this.maxFileSize = maxFileSize;
        this.writer = new Thread(this::runWriter, "chunks-head-writer");
        this.writer.setDaemon(true);
    }

    /**
     * Opens {@code dir} (created if missing), visiting every intact chunk in file order. A record that is cut
     * short or fails its checksum ends the scan: the file is truncated there and later files are deleted, as
     * Prometheus repairs a torn tail.
     *
     * @throws CorruptionException if a file has a wrong magic number or version
     */
    public static ChunkDiskMapper open(Path dir, long maxFileSize, Visitor visitor) throws IOException {
        Files.createDirectories(dir);
        ChunkDiskMapper m = new ChunkDiskMapper(dir, maxFileSize);
        List<Integer> numbers = list(dir);
        boolean torn = false;
        for (int n : numbers) {
            Path p = dir.resolve(HeadChunkFile.name(n));
            if (torn) {
                Files.delete(p);
                continue;
            }
            long good = m.scan(n, p, visitor);
            if (good < Files.size(p)) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    ch.truncate(good);
                }
                torn = true;
            }
            if (good > HeadChunkFile.HEADER_SIZE) {
                m.sealed.put(n, MappedFile.open(p));
            } else {
                Files.delete(p);
            }
        }
        m.activeNumber = m.sealed.isEmpty() ? 0 : ((TreeMap<Integer, MappedFile>) m.sealed).lastKey();
        m.writer.start();
        return m;
    }

    private static List<Integer> list(Path dir) throws IOException {
        List<Integer> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.matches("\\d{6,}")) {
                    out.add(Integer.parseInt(name));
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** Returns the length of the intact prefix of file {@code n}. */
    private long scan(int n, Path p, Visitor visitor) throws IOException {
        byte[] all = Files.readAllBytes(p);
        if (all.length < HeadChunkFile.HEADER_SIZE) {
            return 0;
        }
        ByteBuffer b = ByteBuffer.wrap(all);
        if (b.getInt(0) != HeadChunkFile.MAGIC) {
            throw new CorruptionException(p.toString(), 0, "head chunk file magic",
                    Integer.toHexString(HeadChunkFile.MAGIC), Integer.toHexString(b.getInt(0)));
        }
        if (all[4] != HeadChunkFile.VERSION) {
            throw new CorruptionException(p.toString(), 4, "head chunk file version", "1", Integer.toString(all[4]));
        }
        int off = HeadChunkFile.HEADER_SIZE;
        long maxT = Long.MIN_VALUE;
        while (off + HeadChunkFile.META_SIZE < all.length) {
            long seriesRef = b.getLong(off);
            long mint = b.getLong(off + 8);
            long maxt = b.getLong(off + 16);
            long packed = uvarint(b, off + HeadChunkFile.META_SIZE);
            long len = (int) packed;
            int i = (int) (packed >>> 32);
            long end = i + len + HeadChunkFile.CRC_SIZE;
            if (len <= 0 || end > all.length) {
                break; // zeroes after the last record, or a record cut short
            }
            int dataEnd = (int) (i + len);
            if (Crc32c.checksum(all, off, dataEnd - off) != b.getInt(dataEnd)) {
                break;
            }
            int numSamples = len >= 2 ? b.getShort(i) & 0xffff : 0;
            long ref = HeadChunkFile.ref(n, off);
            visitor.chunk(seriesRef, ref, mint, maxt, all[off + 24] & 0xff, numSamples);
            if ((all[off + 24] & HeadChunkFile.OUT_OF_ORDER_BIT) != 0) {
                oooPinned.put(n, ref);
            } else {
                maxT = Math.max(maxT, maxt);
            }
            off = (int) end;
        }
        maxTimes.put(n, maxT);
        return off;
    }

    /** Why the writer stopped, or null while it works. */
    public Throwable failure() {
        return failure;
    }

    /**
     * Queues a full chunk for writing; {@code done} is called on the writer thread with its reference once it
     * is on disk (in the page cache; {@link #close} syncs).
     */
    public void write(long seriesRef, long mint, long maxt, byte encoding, byte[] data, Written done) {
        if (failure != null) {
            return; // the writer is gone (logged once): the chunk simply stays on the heap
        }
        try {
            queue.put(new Pending(seriesRef, mint, maxt, encoding, data, done));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("queue head chunk: interrupted", e);
        }
    }

    /**
     * Writes a full chunk now, on the caller's thread, and returns its reference; -1 when the writer has failed
     * or the write fails (logged; the caller keeps the bytes). For out-of-order chunks, whose reference goes
     * into the WBL's m-map marker at once; an out-of-order chunk pins its file until {@link #releaseOutOfOrder}.
     */
    public long writeNow(long seriesRef, long mint, long maxt, byte encoding, byte[] data) {
        if (failure != null) {
            return -1;
        }
        byte[] lenBuf = new byte[Varint.MAX_LEN_64];
        int lenLen = Varint.putUvarint(lenBuf, 0, data.length);
        int size = HeadChunkFile.META_SIZE + lenLen + data.length + HeadChunkFile.CRC_SIZE;
        try {
            return append(new Pending(seriesRef, mint, maxt, encoding, data, null), lenBuf, lenLen, size);
        } catch (IOException e) {
            LOG.error("writing a head chunk failed; it stays on the heap dir={} err={}", dir, e.toString());
            return -1;
        }
    }

    /**
     * Unpins the files whose out-of-order chunks all have references up to {@code ref} (they went into a block),
     * then deletes what the last time truncation allows.
     */
    public synchronized int releaseOutOfOrder(long ref) throws IOException {
        oooPinned.values().removeIf(last -> last <= ref);
        return truncate(truncatedBefore);
    }

    private void runWriter() {
        byte[] lenBuf = new byte[Varint.MAX_LEN_64];
        try {
            for (Pending p = queue.take(); p != STOP; p = queue.take()) {
                int lenLen = Varint.putUvarint(lenBuf, 0, p.data().length);
                int size = HeadChunkFile.META_SIZE + lenLen + p.data().length + HeadChunkFile.CRC_SIZE;
                long ref = append(p, lenBuf, lenLen, size);
                p.done().written(ref);
            }
        } catch (Throwable t) {
            failure = t;
            LOG.error("chunks_head writer stopped; full head chunks stay on the heap from now on dir={} err={}", dir,
                    t.toString());
            // Drain so appenders never block on a full queue; their chunks stay on the heap.
            for (Pending p = queue.poll(); p != null && p != STOP; p = queue.poll()) {
                // dropped: the owner keeps the bytes
            }
        }
    }

    private synchronized long append(Pending p, byte[] lenBuf, int lenLen, int size) throws IOException {
        if (active == null || activeSize + size > maxFileSize) {
            cutFile();
        }
        ByteBuffer rec = ByteBuffer.allocate(size);
        rec.putLong(p.seriesRef()).putLong(p.mint()).putLong(p.maxt()).put(p.encoding()).put(lenBuf, 0, lenLen)
                .put(p.data());
        rec.putInt(Crc32c.checksum(rec.array(), 0, size - HeadChunkFile.CRC_SIZE));
        rec.flip();
        long off = activeSize;
        while (rec.hasRemaining()) {
            active.write(rec, activeSize + rec.position());
        }
        activeSize += size;
        long ref = HeadChunkFile.ref(activeNumber, off);
        if ((p.encoding() & HeadChunkFile.OUT_OF_ORDER_BIT) != 0) {
            oooPinned.put(activeNumber, ref);
        } else {
            maxTimes.merge(activeNumber, p.maxt(), Math::max);
        }
        return ref;
    }

    private void cutFile() throws IOException {
        if (active != null) {
            active.force(true);
            active.close();
            sealed.put(activeNumber, MappedFile.open(dir.resolve(HeadChunkFile.name(activeNumber))));
        }
        activeNumber++;
        while (Files.exists(dir.resolve(HeadChunkFile.name(activeNumber)))) {
            activeNumber++; // never append to a file this mapper did not scan
        }
        Path p = dir.resolve(HeadChunkFile.name(activeNumber));
        active = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        ByteBuffer h = ByteBuffer.allocate(HeadChunkFile.HEADER_SIZE);
        h.putInt(HeadChunkFile.MAGIC).put((byte) HeadChunkFile.VERSION).flip();
        active.write(h, 0);
        activeSize = HeadChunkFile.HEADER_SIZE;
        DurableFiles.fsync(dir);
    }

    /** The data bytes of chunk {@code ref} (a copy the caller owns). */
    public synchronized byte[] read(long ref) {
        int n = HeadChunkFile.fileNumber(ref);
        int off = HeadChunkFile.offset(ref);
        try {
            ByteBuffer meta;
            MappedFile f = sealed.get(n);
            if (f != null) {
                meta = f.buffer();
                return dataAt(meta, off, ref);
            }
            if (active != null && n == activeNumber) {
                ByteBuffer head = ByteBuffer.allocate(HeadChunkFile.META_SIZE + Varint.MAX_LEN_64);
                active.read(head, off);
                head.flip();
                long packed = uvarint(head, HeadChunkFile.META_SIZE);
                int len = (int) packed;
                int i = (int) (packed >>> 32);
                ByteBuffer data = ByteBuffer.allocate(len);
                while (data.hasRemaining()) {
                    if (active.read(data, off + i + data.position()) < 0) {
                        throw new CorruptionException(dir.resolve(HeadChunkFile.name(n)).toString(), off,
                                "head chunk cut short", len + " bytes", data.position() + " bytes");
                    }
                }
                return data.array();
            }
        } catch (IOException e) {
            throw new StorageException("read head chunk " + Long.toHexString(ref) + ": " + e.getMessage(), e);
        }
        throw new StorageException("head chunk " + Long.toHexString(ref) + ": no file " + HeadChunkFile.name(n));
    }

    private byte[] dataAt(ByteBuffer b, int off, long ref) {
        long packed = uvarint(b, off + HeadChunkFile.META_SIZE);
        byte[] out = new byte[(int) packed];
        b.get((int) (packed >>> 32), out);
        return out;
    }

    /**
     * The data length written at {@code off} as a uvarint, and where the data starts, packed as {@code start << 32
     * | length}; length 0 when the varint is cut short or longer than a chunk can be (a torn tail).
     */
    private static long uvarint(ByteBuffer b, int off) {
        long v = 0;
        int shift = 0;
        for (int i = off; i < b.limit() && i < off + 5; i++) {
            int x = b.get(i) & 0xff;
            v |= (long) (x & 0x7f) << shift;
            shift += 7;
            if (x < 0x80) {
                return v > Integer.MAX_VALUE ? 0 : ((long) (i + 1) << 32) | v;
            }
        }
        return 0;
    }

    /**
     * Deletes the closed files whose in-order chunks all end before {@code mint} (the head dropped them) and that
     * hold no out-of-order chunk still in use, as Prometheus truncates {@code chunks_head} with the head. Returns
     * how many files were deleted.
     */
    public synchronized int truncate(long mint) throws IOException {
        truncatedBefore = Math.max(truncatedBefore, mint);
        int n = 0;
        for (var it = sealed.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (maxTimes.getOrDefault(e.getKey(), Long.MIN_VALUE) < mint && !oooPinned.containsKey(e.getKey())) {
                e.getValue().close();
                Files.deleteIfExists(dir.resolve(HeadChunkFile.name(e.getKey())));
                maxTimes.remove(e.getKey());
                it.remove();
                n++;
            }
        }
        return n;
    }

    /** Bytes of the files on disk. */
    public synchronized long size() {
        long n = activeSize;
        for (MappedFile f : sealed.values()) {
            n += f.size();
        }
        return n;
    }

    /** Writes what is queued, syncs the active file and unmaps everything. */
    @Override
    public void close() throws IOException {
        try {
            queue.put(STOP);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (active != null) {
                active.force(true);
                active.close();
                active = null;
            }
            for (MappedFile f : sealed.values()) {
                f.close();
            }
            sealed.clear();
        }
    }
}
