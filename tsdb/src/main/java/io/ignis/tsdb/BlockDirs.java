package io.ignis.tsdb;

import io.ignis.storage.StorageException;
import io.ignis.tsdb.files.DurableFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The block directories of a data directory: listing them, and removing what an interrupted write or
 * delete left behind ({@code <ulid>.tmp-for-creation}, {@code <ulid>.tmp-for-deletion}), as Prometheus does
 * when it opens a data directory.
 */
final class BlockDirs {
    static final String TMP_FOR_DELETION = ".tmp-for-deletion";

    private BlockDirs() {
    }

    /** Directories named by a ULID, sorted by name. */
    static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isDirectory(p) && Ulid.isValid(p.getFileName().toString())) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new StorageException("list blocks in " + dir + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    /** Deletes leftovers of interrupted block writes and deletions; returns how many were removed. */
    static int removeTemporary(Path dir) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.endsWith(BlockWriter.TMP_FOR_CREATION) || name.endsWith(TMP_FOR_DELETION)) {
                    DurableFiles.deleteRecursively(p);
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Removes a block directory so that a crash half-way leaves no half block behind: renamed first, then
     * deleted, as Prometheus's {@code deleteBlocks}.
     */
    static void delete(Path block) throws IOException {
        Path tmp = block.resolveSibling(block.getFileName() + TMP_FOR_DELETION);
        Files.move(block, tmp);
        DurableFiles.fsync(block.getParent());
        DurableFiles.deleteRecursively(tmp);
    }

    /** Bytes of every regular file under {@code dir}; 0 if it does not exist. */
    static long sizeOf(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        long[] total = {0};
        try (var walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                try {
                    total[0] += Files.size(p);
                } catch (IOException e) {
                    // a file deleted while walking weighs nothing
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return total[0];
        }
        return total[0];
    }
}
