package io.ignis.tsdb.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WalRoundTripTest {
    @TempDir
    Path dir;

    record Case(String name, int size, boolean compressible) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> sizes() {
        int p = Fragment.PAGE_SIZE;
        int h = Fragment.HEADER_SIZE;
        return Stream.of(
                new Case("empty", 0, false),
                new Case("one byte", 1, false),
                new Case("fills page exactly", p - h, false),
                new Case("one byte over a page", p - h + 1, false),
                new Case("leaves 6 bytes", p - h - 6, false),
                new Case("leaves 7 bytes", p - h - 7, false),
                new Case("three pages random", 3 * p, false),
                new Case("ten pages random", 10 * p + 123, false),
                new Case("ten pages compressible", 10 * p + 123, true),
                new Case("bigger than a segment", 5 * p, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sizes")
    void roundTripsEverySize(Case c) throws IOException {
        Random rnd = new Random(WalTestRecords.SEED + c.size());
        List<byte[]> recs = List.of(WalTestRecords.record(rnd, 10, false), WalTestRecords.record(rnd, c.size(),
                c.compressible()), WalTestRecords.record(rnd, 50, false), WalTestRecords.record(rnd, c.size(),
                c.compressible()));
        try (WalWriter w = WalWriter.open(dir, 4 * Fragment.PAGE_SIZE, true)) {
            for (byte[] r : recs) {
                w.log(r);
            }
        }
        List<WalTestRecords.Read> got = WalTestRecords.readAll(dir);
        assertThat(got).hasSize(recs.size());
        for (int i = 0; i < recs.size(); i++) {
            assertThat(got.get(i).bytes()).as("record %d", i).isEqualTo(recs.get(i));
        }
        for (Segments.Ref s : Segments.list(dir)) {
            assertThat(Files.size(s.path()) % Fragment.PAGE_SIZE).as("closed segments are whole pages").isZero();
        }
    }

    @Test
    void manyRecordsAcrossSegmentsKeepOrder() throws IOException {
        Random rnd = new Random(WalTestRecords.SEED);
        List<byte[]> recs = WalTestRecords.mixed(rnd, 300);
        try (WalWriter w = WalWriter.open(dir, 8 * Fragment.PAGE_SIZE, true)) {
            for (int i = 0; i < recs.size(); i += 3) {
                w.log(recs.subList(i, Math.min(i + 3, recs.size())));
            }
        }
        List<WalTestRecords.Read> got = WalTestRecords.readAll(dir);
        assertThat(got).hasSize(recs.size());
        for (int i = 0; i < recs.size(); i++) {
            assertThat(got.get(i).bytes()).as("record %d", i).isEqualTo(recs.get(i));
        }
        assertThat(Segments.list(dir).size()).isGreaterThan(3);
        assertThat(got.get(got.size() - 1).segment()).isEqualTo(Segments.last(dir));
    }

    @Test
    void writesPrometheusBytes() throws IOException {
        try (WalWriter w = WalWriter.open(dir)) {
            w.log("abc".getBytes());
        }
        byte[] file = Files.readAllBytes(dir.resolve("00000000"));
        assertThat(file).hasSize(Fragment.PAGE_SIZE);
        // full fragment, length 3, CRC32C("abc") = 364b3fb7, data, then zero padding.
        assertThat(HexFormat.of().formatHex(file, 0, 10)).isEqualTo("010003364b3fb7616263");
        for (int i = 10; i < file.length; i++) {
            assertThat(file[i]).isZero();
        }
    }

    @Test
    void compressesOnlyWhenSmaller() throws IOException {
        byte[] repetitive = new byte[1000];
        try (WalWriter w = WalWriter.open(dir)) {
            w.log(repetitive);
            w.log(new byte[] {1, 2, 3});
        }
        byte[] file = Files.readAllBytes(dir.resolve("00000000"));
        assertThat(file[0]).as("snappy flag + full").isEqualTo((byte) 0x09);
        int len = ((file[1] & 0xff) << 8) | (file[2] & 0xff);
        assertThat(len).isLessThan(100);
        assertThat(file[7 + len]).as("uncompressed full").isEqualTo((byte) 0x01);
        assertThat(WalTestRecords.readAll(dir)).extracting(WalTestRecords.Read::bytes)
                .containsExactly(repetitive, new byte[] {1, 2, 3});
    }

    @Test
    void emptyFirstFragmentWhenExactlySevenBytesRemain() throws IOException {
        Random rnd = new Random(WalTestRecords.SEED);
        byte[] filler = WalTestRecords.record(rnd, Fragment.PAGE_SIZE - 2 * Fragment.HEADER_SIZE, false);
        byte[] next = WalTestRecords.record(rnd, 100, false);
        try (WalWriter w = WalWriter.open(dir, Fragment.PAGE_SIZE * 4, false)) {
            w.log(filler);
            w.log(next);
        }
        byte[] file = Files.readAllBytes(dir.resolve("00000000"));
        int at = Fragment.PAGE_SIZE - Fragment.HEADER_SIZE;
        assertThat(file[at]).as("first").isEqualTo((byte) Fragment.FIRST);
        assertThat(file[at + 1] | file[at + 2]).as("empty").isZero();
        assertThat(WalTestRecords.readAll(dir)).extracting(WalTestRecords.Read::bytes).containsExactly(filler, next);
    }

    @Test
    void reopenStartsANewSegmentAndReadsOnAcrossShortSegments() throws IOException {
        WalWriter w = WalWriter.open(dir);
        w.log(new byte[] {1});
        // Abandoned without close: the segment ends mid-page, as after a crash.
        assertThat(Files.size(dir.resolve("00000000"))).isEqualTo(8);
        try (WalWriter w2 = WalWriter.open(dir)) {
            assertThat(w2.segmentIndex()).isEqualTo(1);
            w2.log(new byte[] {2});
        }
        w.close();
        assertThat(WalTestRecords.readAll(dir)).extracting(WalTestRecords.Read::bytes)
                .containsExactly(new byte[] {1}, new byte[] {2});
    }

    @Test
    void truncateDeletesOlderSegments() throws IOException {
        try (WalWriter w = WalWriter.open(dir)) {
            for (int i = 0; i < 4; i++) {
                w.log(new byte[] {(byte) i});
                w.nextSegment();
            }
            w.truncate(3);
        }
        assertThat(Segments.list(dir)).extracting(Segments.Ref::index).containsExactly(3, 4);
        assertThat(WalTestRecords.readAll(dir)).extracting(WalTestRecords.Read::bytes)
                .containsExactly(new byte[] {3});
    }

    @Test
    void rejectsBadSegmentSize() {
        assertThatThrownBy(() -> WalWriter.open(dir, 1000, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid segment size 1000");
    }

    @Test
    void reportsGapsInSegmentNumbers() throws IOException {
        Files.write(dir.resolve("00000000"), new byte[0]);
        Files.write(dir.resolve("00000002"), new byte[0]);
        assertThatThrownBy(() -> Segments.list(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("not sequential: 0 then 2");
    }
}
