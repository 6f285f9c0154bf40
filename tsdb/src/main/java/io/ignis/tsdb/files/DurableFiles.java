package io.ignis.tsdb.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * fsync and rename helpers that make a file or directory appear complete or not at all, as Prometheus's
 * {@code fileutil.Replace} and {@code Fsync}. They throw {@link IOException}: callers are at the file edge.
 */
public final class DurableFiles {
    private DurableFiles() {
    }

    /** Flushes a file's content (or a directory's entries) to stable storage. */
    public static void fsync(Path p) throws IOException {
        boolean dir = Files.isDirectory(p);
        try (FileChannel ch = FileChannel.open(p, dir ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            if (!dir) {
                throw e;
            }
            // Some platforms cannot open directories for fsync; the rename is still atomic there.
        }
    }

    /**
     * Renames {@code from} to {@code to} atomically, replacing {@code to} (an existing directory is deleted
     * first, as Prometheus does), then fsyncs the parent so the rename survives a crash.
     */
    public static void replace(Path from, Path to) throws IOException {
        if (Files.isDirectory(to)) {
            deleteRecursively(to);
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("rename " + from + " to " + to + ": not atomic on this file system", e);
        }
        Path parent = to.toAbsolutePath().getParent();
        if (parent != null) {
            fsync(parent);
        }
    }

    /** Writes {@code data} to {@code to} via {@code to.tmp}, fsync and rename, so readers see all or nothing. */
    public static void writeAtomically(Path to, byte[] data) throws IOException {
        Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        replace(tmp, to);
    }

    /** Deletes a file or a directory tree; a missing path is not an error. */
    public static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteIfExists(Path p) throws IOException {
        try {
            Files.delete(p);
        } catch (NoSuchFileException ignored) {
            // deleted concurrently: the goal is reached
        }
    }
}
