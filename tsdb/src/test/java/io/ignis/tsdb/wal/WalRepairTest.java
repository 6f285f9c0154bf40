package io.ignis.tsdb.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalRepairTest {
    @TempDir(factory = MemoryTempDirFactory.class)
    Path tmp;

    /** Writes records into dir/wal without closing the writer (as a crash leaves it); returns them. */
    private List<byte[]> writeCrashed(Path wal, Random rnd, int count, int segmentSize) throws IOException {
        List<byte[]> recs = WalTestRecords.mixed(rnd, count);
        WalWriter w = WalWriter.open(wal, segmentSize, true);
        for (byte[] r : recs) {
            w.log(r);
        }
        return recs; // w is abandoned on purpose; every log() wrote its page out.
    }

    @Test
    void tornTailAtEveryByteOfTheLastPage() throws IOException {
        Random rnd = new Random(WalTestRecords.SEED);
        Path wal = tmp.resolve("orig");
        // A record spanning two pages, its last fragment in the last page, followed by small records
        // filling about 1.5 KiB of that page: every kind of fragment is cut somewhere.
        List<byte[]> recs = new ArrayList<>(List.of(WalTestRecords.record(rnd, 300, false),
                WalTestRecords.record(rnd, Fragment.PAGE_SIZE + 500, false)));
        try (WalWriter w = WalWriter.open(wal)) {
            w.log(recs.get(0));
            w.log(recs.get(1));
            while (w.segmentOffset() % Fragment.PAGE_SIZE < 1500) {
                byte[] r = WalTestRecords.record(rnd, 1 + rnd.nextInt(300), rnd.nextBoolean());
                recs.add(r);
                w.log(r);
            }
        }
        List<WalTestRecords.Read> reads = WalTestRecords.readAll(wal);
        byte[] full = Files.readAllBytes(wal.resolve("00000000"));
        full = java.util.Arrays.copyOf(full, (int) reads.get(reads.size() - 1).end());
        long lastPage = (full.length - 1) / Fragment.PAGE_SIZE * (long) Fragment.PAGE_SIZE;
        Path work = tmp.resolve("work");
        Files.createDirectories(work);
        Path seg = work.resolve("00000000");
        for (int cut = (int) lastPage; cut <= full.length; cut++) {
            Files.write(seg, java.util.Arrays.copyOf(full, cut));
            int intact = countEndingBefore(reads, cut);
            List<byte[]> got = new ArrayList<>();
            WalCorruptionException err = WalTestRecords.readUntilCorruption(work, got);
            if (err != null) {
                assertThat(err.offset()).as("cut %d", cut).isLessThanOrEqualTo(cut);
                WalRepair.repair(err);
                got.clear();
                assertThat(WalTestRecords.readUntilCorruption(work, got)).as("after repair, cut %d", cut).isNull();
            }
            assertRecoveredPrefix(recs, got, intact, "cut " + cut);
            deleteAll(work);
        }
    }

    @Test
    void bitFlipsKeepEveryRecordBeforeTheDamage() throws IOException {
        Random rnd = new Random(WalTestRecords.SEED);
        Path wal = tmp.resolve("orig");
        List<byte[]> recs = writeCrashed(wal, rnd, 60, Fragment.DEFAULT_SEGMENT_SIZE);
        List<WalTestRecords.Read> reads = WalTestRecords.readAll(wal);
        byte[] full = Files.readAllBytes(wal.resolve("00000000"));
        Path work = tmp.resolve("work");
        Files.createDirectories(work);
        for (int i = 0; i < 200; i++) {
            int pos = rnd.nextInt(full.length);
            int bit = rnd.nextInt(8);
            byte[] damaged = full.clone();
            damaged[pos] ^= (byte) (1 << bit);
            Files.write(work.resolve("00000000"), damaged);
            List<byte[]> got = new ArrayList<>();
            WalCorruptionException err = WalTestRecords.readUntilCorruption(work, got);
            String what = "flip of bit " + bit + " at " + pos + " (seed " + WalTestRecords.SEED + ")";
            assertThat(err).as(what).isNotNull();
            assertThat(err.segment()).isZero();
            assertThat(err.offset()).as(what).isLessThanOrEqualTo(pos);
            WalRepair.repair(err);
            got.clear();
            assertThat(WalTestRecords.readUntilCorruption(work, got)).as(what).isNull();
            int intact = countEndingBefore(reads, pos);
            assertThat(got).as(what).hasSize(intact);
            assertRecoveredPrefix(recs, got, intact, what);
            deleteAll(work);
        }
    }

    @Test
    void damageInAnEarlySegmentDropsTheLaterOnesAndWritingGoesOn() throws IOException {
        Random rnd = new Random(WalTestRecords.SEED + 1);
        Path wal = tmp.resolve("wal");
        List<byte[]> recs = writeCrashed(wal, rnd, 120, 4 * Fragment.PAGE_SIZE);
        List<WalTestRecords.Read> reads = WalTestRecords.readAll(wal);
        assertThat(Segments.last(wal)).isGreaterThan(3);
        WalTestRecords.Read victim = reads.stream().filter(r -> r.segment() == 2).findFirst().orElseThrow();
        int victimIndex = reads.indexOf(victim);
        try (RandomAccessFile f = new RandomAccessFile(Segments.path(wal, 2).toFile(), "rw")) {
            f.seek(victim.end() - 1);
            int b = f.read();
            f.seek(victim.end() - 1);
            f.write(b ^ 0x10);
        }
        List<byte[]> got = new ArrayList<>();
        WalCorruptionException err = WalTestRecords.readUntilCorruption(wal, got);
        assertThat(err).isNotNull();
        assertThat(err.segment()).isEqualTo(2);
        assertThat(got).hasSize(victimIndex);
        WalRepair.Result res = WalRepair.repair(err);
        assertThat(res.segmentsDeleted()).isGreaterThan(0);
        assertThat(Segments.last(wal)).isEqualTo(2);
        try (WalWriter w = WalWriter.open(wal, 4 * Fragment.PAGE_SIZE, true)) {
            assertThat(w.segmentIndex()).isEqualTo(3);
            w.log(new byte[] {42});
        }
        List<WalTestRecords.Read> after = WalTestRecords.readAll(wal);
        assertThat(after).hasSize(victimIndex + 1);
        assertRecoveredPrefix(recs, after.subList(0, victimIndex).stream().map(WalTestRecords.Read::bytes).toList(),
                victimIndex, "early damage");
        assertThat(after.get(victimIndex).bytes()).containsExactly(42);
    }

    @Test
    void reportsTheRecordStartOfATornMultiPageRecord() throws IOException {
        Random rnd = new Random(WalTestRecords.SEED);
        Path wal = tmp.resolve("wal");
        byte[] small = WalTestRecords.record(rnd, 100, false);
        byte[] big = WalTestRecords.record(rnd, 3 * Fragment.PAGE_SIZE, false);
        try (WalWriter w = WalWriter.open(wal, Fragment.DEFAULT_SEGMENT_SIZE, false)) {
            w.log(small);
            w.log(big);
        }
        Path seg = Segments.path(wal, 0);
        byte[] bytes = Files.readAllBytes(seg);
        Files.write(seg, java.util.Arrays.copyOf(bytes, 2 * Fragment.PAGE_SIZE));
        List<byte[]> got = new ArrayList<>();
        WalCorruptionException err = WalTestRecords.readUntilCorruption(wal, got);
        assertThat(err).isNotNull();
        assertThat(err.offset()).isEqualTo(107);
        assertThat(err.getMessage()).contains("00000000").contains("last record is torn");
        assertThat(got).containsExactly(small);
    }

    private static int countEndingBefore(List<WalTestRecords.Read> reads, long pos) {
        int n = 0;
        for (WalTestRecords.Read r : reads) {
            if (r.end() <= pos) {
                n++;
            }
        }
        return n;
    }

    /**
     * The recovered records are the first records written, at least {@code intact} of them. One more is
     * allowed only when it is empty: a header torn after its type byte reads as a valid empty record, in
     * Prometheus's format as in ours.
     */
    private static void assertRecoveredPrefix(List<byte[]> recs, List<byte[]> got, int intact, String what) {
        assertThat(got.size()).as(what).isGreaterThanOrEqualTo(intact);
        for (int i = 0; i < intact; i++) {
            assertThat(got.get(i)).as("%s: record %d", what, i).isEqualTo(recs.get(i));
        }
        if (got.size() > intact) {
            assertThat(got.size()).as(what).isEqualTo(intact + 1);
            byte[] extra = got.get(intact);
            assertThat(extra.length == 0 || intact < recs.size() && java.util.Arrays.equals(extra, recs.get(intact)))
                    .as("%s: extra record of %d bytes, %d written, %d intact", what, extra.length, recs.size(), intact)
                    .isTrue();
        }
    }

    private static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
