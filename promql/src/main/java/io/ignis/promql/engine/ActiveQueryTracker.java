package io.ignis.promql.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running queries, written to {@code queries.active} in the data directory as Prometheus's
 * ActiveQueryTracker writes it, so that the queries running when the process died can be reported at the next
 * start. The file is memory-mapped: a query's entry costs a copy into the mapping, no system call.
 *
 * <pre>
 * byte 0            '['
 * slot i            1 + i*1000 .. 1 + (i+1)*1000, one per --query.max-concurrency
 *   running query:  {"query":"…","timestamp_sec":1700000000}  NUL padding  ','  (comma in the slot's last byte)
 *   free slot:      1000 NUL bytes
 * </pre>
 *
 * Dropping the NUL bytes and turning the last comma into ']' gives a JSON array, which is how the leftovers of a
 * crash are read. The mapping lives as long as the process (the file channel is closed at once); there is nothing
 * to close. Thread-safe.
 */
public final class ActiveQueryTracker {
    /** Bytes per slot, fixed by Prometheus's file format. */
    static final int ENTRY_SIZE = 1000;
    static final String FILE_NAME = "queries.active";
    private static final Logger LOG = LoggerFactory.getLogger(ActiveQueryTracker.class);

    private final MappedByteBuffer file;
    private final LongSupplier clockMs;
    private final String unfinished;
    /**
     * Free slot numbers in a first-in, first-out ring: Prometheus hands out slots from a channel filled with
     * 0, 1, 2, … and returns a freed slot to its end.
     */
    private final int[] free;
    private int freeHead;
    private int freeCount;

    private ActiveQueryTracker(MappedByteBuffer file, int maxConcurrent, LongSupplier clockMs, String unfinished) {
        this.file = file;
        this.clockMs = clockMs;
        this.unfinished = unfinished;
        this.free = new int[maxConcurrent];
        for (int i = 0; i < maxConcurrent; i++) {
            free[i] = i;
        }
        this.freeCount = maxConcurrent;
    }

    /**
     * Logs the queries a previous run left in {@code dir/queries.active}, then recreates the file for
     * {@code maxConcurrent} entries, as Prometheus does at startup (which exits when this fails).
     *
     * @throws UncheckedIOException when the directory or file cannot be created or mapped
     */
    public static ActiveQueryTracker open(Path dir, int maxConcurrent) {
        return open(dir, maxConcurrent, System::currentTimeMillis);
    }

    static ActiveQueryTracker open(Path dir, int maxConcurrent, LongSupplier clockMs) {
        Objects.requireNonNull(dir, "dir");
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("query.max-concurrency must be at least 1: " + maxConcurrent);
        }
        Path path = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("create active query log directory: " + e.getMessage(), e);
        }
        String unfinished = readUnfinished(path);
        if (unfinished != null) {
            LOG.info("These queries didn't finish in prometheus' last run: queries={}", unfinished);
        }
        int size = 1 + maxConcurrent * ENTRY_SIZE;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.allocate(size));
            ch.force(true);
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
            m.put(0, (byte) '[');
            return new ActiveQueryTracker(m, maxConcurrent, clockMs, unfinished);
        } catch (IOException e) {
            throw new UncheckedIOException("create mmap-ed active query log " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The queries the previous run left in the file as a JSON array (as logged at startup), or null when it left
     * none or there was no file.
     */
    public String unfinishedQueries() {
        return unfinished;
    }

    /** Prometheus's parseBrokenJSON: drop the padding, close the array in place of the last comma. */
    static String readUnfinished(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.error("failed to read query log file file={} err={}", path, e.toString());
            return null;
        }
        byte[] kept = new byte[bytes.length];
        int n = 0;
        for (byte b : bytes) {
            if (b != 0) {
                kept[n++] = b;
            }
        }
        if (n <= 1) {
            return null;
        }
        kept[n - 1] = ']';
        return new String(kept, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code query} into a free slot and returns the slot, or -1 when every slot is taken (possible only
     * when more queries run than the tracker was sized for; they then go untracked).
     */
    public int insert(String query) {
        int slot;
        synchronized (this) {
            if (freeCount == 0) {
                return -1;
            }
            slot = free[freeHead];
            freeHead = (freeHead + 1) % free.length;
            freeCount--;
        }
        byte[] entry = ActiveQueryEntry.json(query, Math.floorDiv(clockMs.getAsLong(), 1000), ENTRY_SIZE - 1);
        int at = 1 + slot * ENTRY_SIZE;
        // Slots are disjoint, so writers of different slots need no common lock; absolute puts touch no
        // shared buffer position.
        file.put(at, entry);
        file.put(at + ENTRY_SIZE - 1, (byte) ',');
        return slot;
    }

    /** Clears {@code slot} (from {@link #insert}; -1 is ignored) and makes it free again. */
    public void delete(int slot) {
        if (slot < 0) {
            return;
        }
        file.put(1 + slot * ENTRY_SIZE, new byte[ENTRY_SIZE]);
        synchronized (this) {
            free[(freeHead + freeCount) % free.length] = slot;
            freeCount++;
        }
    }
}
