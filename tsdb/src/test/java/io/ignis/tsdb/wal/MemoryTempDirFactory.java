package io.ignis.tsdb.wal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temporary directories on {@code /dev/shm} where it exists, so tests that repair thousands of tiny WALs
 * (each repair fsyncs) do not wait on a disk. Falls back to the default temporary directory.
 */
public final class MemoryTempDirFactory implements TempDirFactory {
    private static final Path SHM = Path.of("/dev/shm");

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
        if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
            return Files.createTempDirectory(SHM, "ignis-test-");
        }
        return Files.createTempDirectory("ignis-test-");
    }
}
