package io.ignis.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.tsdb.wal.Segments;
import io.ignis.tsdb.wal.WalReader;
import io.ignis.tsdb.wal.WalWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SegmentTail} against {@code tsdb}'s own reader on segments {@link WalWriter} wrote: the same records at
 * the same offsets from any record boundary, and, while the file grows a few bytes at a time as under a live
 * writer, every record exactly once (a page that was short when read is not taken for padding).
 */
class SegmentTailTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @TempDir
    Path dir;
    private final List<byte[]> records = new ArrayList<>();
    private final List<long[]> spans = new ArrayList<>();
    private Path segment;

    record Read(byte[] bytes, long start, long end) {
    }

    @BeforeEach
    void write() throws IOException {
        Random rnd = new Random(SEED);
        Path wal = Files.createDirectories(dir.resolve("wal"));
        try (WalWriter w = WalWriter.open(wal, 4 * 1024 * 1024, true)) {
            for (int i = 0; i < 400; i++) {
                // Mostly small records, some spanning pages; random bytes compress badly, repeated ones well.
                int n = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(80_000) : 1 + rnd.nextInt(600);
                byte[] rec = new byte[n];
                if (rnd.nextBoolean()) {
                    rnd.nextBytes(rec);
                } else {
                    Arrays.fill(rec, (byte) i);
                }
                rec[0] = (byte) (1 + rnd.nextInt(10));
                w.log(rec, rec.length, rnd.nextInt(3) > 0);
            }
        }
        try (WalReader r = WalReader.open(wal)) {
            while (r.next()) {
                records.add(r.recordCopy());
                spans.add(new long[] {r.recordStart(), r.offset()});
            }
        }
        segment = Segments.list(wal).get(0).path();
        assertThat(records).as("seed %d", SEED).hasSize(400);
    }

    private static List<Read> readAll(SegmentTail t) throws IOException {
        List<Read> out = new ArrayList<>();
        while (t.next()) {
            out.add(new Read(Arrays.copyOf(t.record(), t.recordLength()), t.recordStart(), t.offset()));
        }
        return out;
    }

    private void assertSameFrom(List<Read> got, int first) {
        assertThat(got).as("seed %d", SEED).hasSize(records.size() - first);
        for (int i = 0; i < got.size(); i++) {
            Read r = got.get(i);
            assertThat(r.bytes()).as("record %d, seed %d", first + i, SEED).isEqualTo(records.get(first + i));
            assertThat(new long[] {r.start(), r.end()}).isEqualTo(spans.get(first + i));
        }
    }

    @Test
    void readsWhatTsdbReadsFromAnyRecordBoundary() throws IOException {
        Random rnd = new Random(SEED);
        for (int k = 0; k < 20; k++) {
            int first = k == 0 ? 0 : rnd.nextInt(records.size());
            try (SegmentTail t = SegmentTail.open(segment, spans.get(first)[0])) {
                assertSameFrom(readAll(t), first);
                assertThat(t.next()).isFalse();
            }
        }
    }

    @Test
    void aGrowingFileYieldsEveryRecordOnce() throws IOException {
        byte[] all = Files.readAllBytes(segment);
        Path live = dir.resolve("live");
        Files.write(live, new byte[0]);
        Random rnd = new Random(SEED);
        List<Read> got = new ArrayList<>();
        try (SegmentTail t = SegmentTail.open(live, 0)) {
            int written = 0;
            while (written < all.length) {
                int n = Math.min(all.length - written, 1 + rnd.nextInt(rnd.nextBoolean() ? 64 : 20_000));
                Files.write(live, Arrays.copyOfRange(all, written, written + n), StandardOpenOption.APPEND);
                written += n;
                got.addAll(readAll(t));
            }
        }
        assertSameFrom(got, 0);
    }
}
