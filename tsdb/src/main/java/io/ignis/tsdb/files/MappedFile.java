package io.ignis.tsdb.files;

import io.ignis.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A whole file mapped read-only into memory, unmapped deterministically by {@link #close()} rather than by
 * the garbage collector, so that deleted blocks free their disk space at once. The only class in Ignis that
 * maps or unmaps.
 *
 * <p>On Java 17 one mapping holds at most 2 GiB. A larger file is mapped as overlapping windows: window
 * {@code k} starts at {@code k × step} and is {@code windowLength} bytes long, so any structure of at most
 * {@link #maxSpan()} bytes lies wholly inside the window of its first byte ({@link #windowFor}). Files up to
 * 2 GiB are one window, also returned by {@link #buffer()}.
 *
 * <p>Every view handed out is invalid after {@link #close()}: touching it then may crash the JVM. Owners
 * (block readers) close the file only once no querier uses it. Thread-safe for reads.
 */
public final class MappedFile implements AutoCloseable {
    /** Default window step for files over 2 GiB: 1 GiB, leaving 1 GiB - 1 of overlap for structures. */
    public static final long DEFAULT_STEP = 1L << 30;

    private static final AtomicLong MAPPED_BYTES = new AtomicLong();
    private static final AtomicLong OPEN_MAPPINGS = new AtomicLong();
    private static final Unmapper UNMAPPER = Unmapper.find();

    private final Path path;
    private final long size;
    private final long step;
    private final long mapped;
    private final long maxSpan;
    private MappedByteBuffer[] windows;

    private MappedFile(Path path, long size, long step, long maxSpan, MappedByteBuffer[] windows) {
        this.path = path;
        this.size = size;
        this.step = step;
        this.maxSpan = maxSpan;
        this.windows = windows;
        long m = 0;
        for (MappedByteBuffer w : windows) {
            m += w.capacity();
        }
        this.mapped = m;
    }

    /**
     * Maps {@code path} read-only: one window up to 2 GiB, else windows of 2 GiB - 1 every 1 GiB.
     *
     * @throws StorageException if the file cannot be opened or mapped
     */
    public static MappedFile open(Path path) {
        return open(path, DEFAULT_STEP, Integer.MAX_VALUE);
    }

    /**
     * Maps {@code path} with windows of {@code windowLength} bytes every {@code step} bytes when it is larger
     * than {@code windowLength} (small windows let tests exercise the multi-window paths).
     */
    public static MappedFile open(Path path, long step, long windowLength) {
        if (step <= 0 || windowLength < step || windowLength > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("invalid windows: step " + step + ", length " + windowLength);
        }
        List<MappedByteBuffer> ws = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            long maxSpan;
            long effStep;
            if (size <= windowLength) {
                ws.add(ch.map(FileChannel.MapMode.READ_ONLY, 0, size));
                maxSpan = size;
                effStep = Math.max(size, 1);
            } else {
                for (long start = 0; start < size; start += step) {
                    ws.add(ch.map(FileChannel.MapMode.READ_ONLY, start, Math.min(windowLength, size - start)));
                    if (start + windowLength >= size) {
                        break;
                    }
                }
                maxSpan = windowLength - step;
                effStep = step;
            }
            MappedFile f = new MappedFile(path, size, effStep, maxSpan, ws.toArray(new MappedByteBuffer[0]));
            MAPPED_BYTES.addAndGet(f.mapped);
            OPEN_MAPPINGS.incrementAndGet();
            return f;
        } catch (IOException e) {
            for (MappedByteBuffer w : ws) {
                UNMAPPER.unmap(w);
            }
            throw new StorageException("map " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** The file size in bytes, at the time it was mapped. */
    public long size() {
        return size;
    }

    /** The largest structure guaranteed to lie inside one window (the whole file when it is one window). */
    public long maxSpan() {
        return maxSpan;
    }

    public int windowCount() {
        return live().length;
    }

    /** The window holding absolute offset {@code off} and, if at most {@link #maxSpan()} long, what follows. */
    public int windowFor(long off) {
        MappedByteBuffer[] ws = live();
        return (int) Math.min(off / step, ws.length - 1);
    }

    /** Window {@code i}: big-endian, position 0, shared, so use absolute reads only. */
    public ByteBuffer window(int i) {
        return live()[i];
    }

    /** Absolute file offset of window {@code i}'s first byte. */
    public long windowStart(int i) {
        return i * step;
    }

    /** The whole mapping of a file of at most 2 GiB; shared, so use absolute reads only. */
    public ByteBuffer buffer() {
        MappedByteBuffer[] ws = live();
        if (ws.length != 1) {
            throw new IllegalStateException("bug: " + path + " is mapped as " + ws.length + " windows");
        }
        return ws[0];
    }

    private MappedByteBuffer[] live() {
        MappedByteBuffer[] ws = windows;
        if (ws == null) {
            throw new IllegalStateException("bug: " + path + " used after unmap");
        }
        return ws;
    }

    /** Unmaps now; idempotent. */
    @Override
    public synchronized void close() {
        MappedByteBuffer[] ws = windows;
        if (ws == null) {
            return;
        }
        windows = null;
        MAPPED_BYTES.addAndGet(-mapped);
        OPEN_MAPPINGS.decrementAndGet();
        for (MappedByteBuffer w : ws) {
            UNMAPPER.unmap(w);
        }
    }

    /** Bytes currently mapped by all open instances, for leak checks in tests and for self-metrics. */
    public static long mappedBytes() {
        return MAPPED_BYTES.get();
    }

    /** Number of open mappings, for leak checks in tests. */
    public static long openMappings() {
        return OPEN_MAPPINGS.get();
    }

    /**
     * Java 17 has no public unmap: {@code sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported) is the
     * supported escape hatch. Without it, mappings are released by the garbage collector.
     */
    private record Unmapper(Object unsafe, Method invokeCleaner) {
        static Unmapper find() {
            try {
                Class<?> c = Class.forName("sun.misc.Unsafe");
                Field f = c.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                return new Unmapper(f.get(null), c.getMethod("invokeCleaner", ByteBuffer.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return new Unmapper(null, null);
            }
        }

        void unmap(ByteBuffer b) {
            if (invokeCleaner == null || b.capacity() == 0) {
                return;
            }
            try {
                invokeCleaner.invoke(unsafe, b);
            } catch (ReflectiveOperationException e) {
                throw new UncheckedIOException(new IOException("unmap failed", e));
            }
        }
    }
}
