package io.ignis.tsdb;

import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.StorageException;
import io.ignis.tsdb.files.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies a {@link Db} into another directory, as Prometheus's {@code DB.Snapshot}: every loaded block by hard
 * links (blocks never change in place: {@code meta.json} and {@code tombstones} are replaced by rename, so the
 * links keep the old content), and optionally the head written as one more block.
 */
final class DbSnapshot {
    private DbSnapshot() {
    }

    /** Returns how many blocks the snapshot holds. */
    static int write(Path into, List<Block> blocks, Head head, LeveledCompactor compactor) throws IOException {
        Files.createDirectories(into);
        int n = 0;
        for (Block b : blocks) {
            link(b.dir(), into.resolve(b.dir().getFileName()));
            n++;
        }
        if (head != null && head.initialized()) {
            long mint = Math.min(head.minTime(), head.minOooTime());
            long maxt = Math.max(head.maxTime(), head.maxOooTime());
            try (ChunkQuerier q = head.chunkQuerier(mint, maxt)) {
                // The head may hold samples older than its block-aligned start, and out-of-order samples outside
                // its range; the block covers them all.
                if (compactor.write(into, q, mint, maxt + 1, null) != null) {
                    n++;
                }
            }
        }
        DurableFiles.fsync(into);
        return n;
    }

    private static void link(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(f.getFileName());
                if (Files.isDirectory(f)) {
                    link(f, target);
                } else {
                    try {
                        Files.createLink(target, f);
                    } catch (UnsupportedOperationException e) {
                        throw new StorageException("snapshot " + f + ": hard links not supported", e);
                    }
                }
            }
        }
    }
}
