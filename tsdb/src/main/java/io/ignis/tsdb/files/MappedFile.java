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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A whole file mapped read-only into memory, unmapped deterministically by {@link #close()} rather than by
 * the garbage collector, so that deleted blocks free their disk space at once. On Java 17 one mapping holds at
 * most 2 GiB; larger files are rejected with a clear error. The only class in Ignis that maps or unmaps.
 *
 * <p>Every view handed out by {@link #buffer()} is invalid after {@link #close()}: touching it then may crash
 * the JVM. Owners (block readers) close the file only once no querier uses it. Thread-safe for reads.
 */
public final class MappedFile implements AutoCloseable {
    private static final AtomicLong MAPPED_BYTES = new AtomicLong();
    private static final AtomicLong OPEN_MAPPINGS = new AtomicLong();
    private static final Unmapper UNMAPPER = Unmapper.find();

    private final Path path;
    private final long size;
    private MappedByteBuffer buffer;

    private MappedFile(Path path, long size, MappedByteBuffer buffer) {
        this.path = path;
        this.size = size;
        this.buffer = buffer;
    }

    /**
     * Maps {@code path} read-only.
     *
     * @throws StorageException if the file cannot be opened or is larger than 2 GiB
     */
    public static MappedFile open(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new StorageException("map " + path + ": file of " + size
                        + " bytes exceeds the 2 GiB mapping limit");
            }
            MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            MAPPED_BYTES.addAndGet(size);
            OPEN_MAPPINGS.incrementAndGet();
            return new MappedFile(path, size, b);
        } catch (IOException e) {
            throw new StorageException("map " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** The file size in bytes, at the time it was mapped. */
    public int size() {
        return (int) size;
    }

    /** The mapping, big-endian, position 0; shared, so use absolute reads only. */
    public ByteBuffer buffer() {
        MappedByteBuffer b = buffer;
        if (b == null) {
            throw new IllegalStateException("bug: " + path + " used after unmap");
        }
        return b;
    }

    /** Unmaps now; idempotent. */
    @Override
    public synchronized void close() {
        MappedByteBuffer b = buffer;
        if (b == null) {
            return;
        }
        buffer = null;
        MAPPED_BYTES.addAndGet(-size);
        OPEN_MAPPINGS.decrementAndGet();
        UNMAPPER.unmap(b);
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
