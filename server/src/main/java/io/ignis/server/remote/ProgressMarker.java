package io.ignis.server.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file that remembers, per remote-write queue, the WAL position up to which every record has been sent (or
 * dropped for good). One line {@code <segment> <offset>}, replaced atomically. Ignis's own addition: Prometheus
 * restarts from the newest segment and loses what was unsent.
 */
final class ProgressMarker {
    private final Path file;

    ProgressMarker(Path file) {
        this.file = file;
    }

    /** The saved position, or null when there is none or it cannot be parsed (then sending starts afresh). */
    WalPosition load() {
        try {
            if (!Files.exists(file)) {
                return null;
            }
            String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
            return new WalPosition(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    void save(WalPosition p) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, p.segment() + " " + p.offset() + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
