package io.ignis.tsdb.files;

import io.ignis.storage.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on {@code <dir>/lock}, as Prometheus takes on its data directory so two servers never
 * share one. Released by {@link #close()} (and by the OS if the process dies).
 */
public final class DirLock implements AutoCloseable {
    /** The lock file's name, as in Prometheus. */
    public static final String FILE_NAME = "lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock or fails at once.
     *
     * @throws StorageException if another process (or this one) holds it
     */
    public static DirLock acquire(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            if (l == null) {
                throw new StorageException("lock " + file + ": held by another process");
            }
            return new DirLock(ch, l);
        } catch (OverlappingFileLockException e) {
            closeQuietly(ch);
            throw new StorageException("lock " + file + ": already held by this process", e);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new StorageException("lock " + file + ": " + e.getMessage(), e);
        } catch (StorageException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing; the original error matters
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new StorageException("release lock: " + e.getMessage(), e);
        }
    }
}
