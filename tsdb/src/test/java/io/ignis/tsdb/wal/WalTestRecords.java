package io.ignis.tsdb.wal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Helpers shared by the WAL tests: seeded record generation and reading everything back. */
final class WalTestRecords {
    static final long SEED = Long.getLong("tests.seed", 20261122L);

    private WalTestRecords() {
    }

    /** A record of {@code size} bytes; compressible ones repeat a short pattern, others are random. */
    static byte[] record(Random rnd, int size, boolean compressible) {
        byte[] b = new byte[size];
        if (compressible) {
            for (int i = 0; i < size; i++) {
                b[i] = (byte) ('a' + (i % 7));
            }
            if (size > 0) {
                b[0] = (byte) rnd.nextInt();
            }
        } else {
            rnd.nextBytes(b);
        }
        return b;
    }

    /** Random records of mixed sizes, a few of them spanning several pages. */
    static List<byte[]> mixed(Random rnd, int count) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int size = switch (rnd.nextInt(10)) {
                case 0 -> rnd.nextInt(3 * Fragment.PAGE_SIZE);
                case 1, 2 -> rnd.nextInt(4000);
                default -> 1 + rnd.nextInt(200);
            };
            out.add(record(rnd, size, rnd.nextBoolean()));
        }
        return out;
    }

    /** A read record: its bytes and where it ends. */
    record Read(byte[] bytes, int segment, long end) {
    }

    static List<Read> readAll(Path dir) throws IOException {
        List<Read> out = new ArrayList<>();
        try (WalReader r = WalReader.open(dir)) {
            while (r.next()) {
                out.add(new Read(r.recordCopy(), r.segment(), r.offset()));
            }
        }
        return out;
    }

    /** Reads until the end or the first corruption, which is returned (null when clean). */
    static WalCorruptionException readUntilCorruption(Path dir, List<byte[]> into) throws IOException {
        try (WalReader r = WalReader.open(dir)) {
            while (r.next()) {
                into.add(r.recordCopy());
            }
            return null;
        } catch (WalCorruptionException e) {
            return e;
        }
    }
}
