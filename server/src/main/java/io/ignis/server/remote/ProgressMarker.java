package io.ignis.server.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file that remembers, per remote-write queue, the {@link SentPosition}: the WAL position up to which every
 * record has been sent (or dropped for good), a line {@code <segment> <offset>}, then how far each shard got, a
 * line {@code shards <n>} followed by {@code <segment> <offset> <index>} per shard. Replaced atomically. Ignis's own
 * addition: Prometheus restarts from the newest segment and loses what was unsent.
 */
final class ProgressMarker {
    private final Path file;

    ProgressMarker(Path file) {
        this.file = file;
    }

    /**
     * The saved position, or null when there is none or its first line cannot be parsed (then sending starts
     * afresh); a damaged shard line only loses the shard detail.
     */
    SentPosition load() {
        String[] lines;
        WalPosition start;
        try {
            if (!Files.exists(file)) {
                return null;
            }
            lines = Files.readString(file, StandardCharsets.US_ASCII).strip().split("\n");
            String[] parts = lines[0].strip().split(" ");
            start = new WalPosition(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        try {
            if (lines.length < 2) {
                return SentPosition.at(start);
            }
            String[] parts = lines[1].strip().split(" ");
            if (!parts[0].equals("shards") || parts.length != 2 + 3 * Integer.parseInt(parts[1])) {
                return SentPosition.at(start);
            }
            WalPosition[] shards = new WalPosition[Integer.parseInt(parts[1])];
            int[] skips = new int[shards.length];
            for (int i = 0; i < shards.length; i++) {
                shards[i] = new WalPosition(Integer.parseInt(parts[2 + 3 * i]), Long.parseLong(parts[3 + 3 * i]));
                skips[i] = Integer.parseInt(parts[4 + 3 * i]);
                if (shards[i].compareTo(start) < 0 || skips[i] < 0) {
                    return SentPosition.at(start);
                }
            }
            return new SentPosition(start, shards, skips);
        } catch (RuntimeException e) {
            return SentPosition.at(start);
        }
    }

    void save(SentPosition p) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder b = new StringBuilder().append(p.start().segment()).append(' ').append(p.start().offset())
                .append('\n');
        if (p.shards() > 0) {
            b.append("shards ").append(p.shards());
            for (int i = 0; i < p.shards(); i++) {
                b.append(' ').append(p.shard(i).segment()).append(' ').append(p.shard(i).offset()).append(' ')
                        .append(p.skip(i));
            }
            b.append('\n');
        }
        Files.writeString(tmp, b, StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
