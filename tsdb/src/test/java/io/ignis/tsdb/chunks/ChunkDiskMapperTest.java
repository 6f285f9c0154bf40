package io.ignis.tsdb.chunks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.storage.CorruptionException;
import io.ignis.tsdb.encoding.Crc32c;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkDiskMapperTest {
    private static final long SEED = Long.getLong("tests.seed", 11L);

    @TempDir
    Path dir;

    record Found(long series, long ref, long mint, long maxt, int n) {
    }

    private static byte[] chunk(Random r, int samples) {
        byte[] b = new byte[20 + r.nextInt(300)];
        r.nextBytes(b);
        b[0] = (byte) (samples >> 8);
        b[1] = (byte) samples;
        return b;
    }

    private List<Long> writeAll(ChunkDiskMapper m, List<byte[]> data) throws InterruptedException {
        List<Long> refs = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(data.size());
        long[] got = new long[data.size()];
        for (int i = 0; i < data.size(); i++) {
            int idx = i;
            m.write(100 + i % 7, i * 1000L, i * 1000L + 999, (byte) 1, data.get(i), ref -> {
                got[idx] = ref;
                done.countDown();
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        for (long r : got) {
            refs.add(r);
        }
        return refs;
    }

    @Test
    void writesReadsAndReplaysChunksAcrossFiles() throws Exception {
        Random r = new Random(SEED);
        List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            data.add(chunk(r, 1 + r.nextInt(200)));
        }
        List<Long> refs;
        try (ChunkDiskMapper m = ChunkDiskMapper.open(dir, 8 * 1024, (a, b, c, d, e, g) -> { })) {
            refs = writeAll(m, data);
            for (int i = 0; i < data.size(); i++) {
                assertThat(m.read(refs.get(i))).isEqualTo(data.get(i));
            }
        }
        try (var ls = Files.list(dir)) {
            assertThat(ls.count()).as("files of at most 8 KiB").isGreaterThan(3);
        }
        byte[] first = Files.readAllBytes(dir.resolve("000001"));
        assertThat(ByteBuffer.wrap(first).getInt()).isEqualTo(0x0130BC91);
        assertThat(first[4]).isEqualTo((byte) 1);
        // The first record: series ref, mint, maxt, encoding, uvarint len, data, CRC32C of all before it.
        ByteBuffer b = ByteBuffer.wrap(first);
        assertThat(b.getLong(8)).isEqualTo(100);
        assertThat(b.getLong(16)).isZero();
        assertThat(b.getLong(24)).isEqualTo(999);
        assertThat(first[32]).isEqualTo((byte) 1);
        assertThat(HeadChunkFile.ref(1, 8)).isEqualTo(refs.get(0));

        List<Found> found = new ArrayList<>();
        try (ChunkDiskMapper m = ChunkDiskMapper.open(dir, 8 * 1024,
                (s, ref, mint, maxt, enc, n) -> found.add(new Found(s, ref, mint, maxt, n)))) {
            assertThat(found).hasSize(data.size());
            for (int i = 0; i < data.size(); i++) {
                Found f = found.get(i);
                assertThat(f).isEqualTo(new Found(100 + i % 7, refs.get(i), i * 1000L, i * 1000L + 999,
                        ((data.get(i)[0] & 0xff) << 8) | (data.get(i)[1] & 0xff)));
                assertThat(m.read(f.ref())).isEqualTo(data.get(i));
            }
            assertThat(m.truncate(50_000)).as("files whose chunks all end before 50 s").isPositive();
            assertThat(m.read(refs.get(199))).isEqualTo(data.get(199));
        }
    }

    @Test
    void outOfOrderChunksPinTheirFilesUntilReleased() throws Exception {
        Random r = new Random(SEED);
        byte ooo = (byte) (1 | HeadChunkFile.OUT_OF_ORDER_BIT);
        long oooRef;
        try (ChunkDiskMapper m = ChunkDiskMapper.open(dir, 1024, (a, b, c, d, e, g) -> { })) {
            oooRef = m.writeNow(7, 10, 20, ooo, chunk(r, 3));
            assertThat(oooRef).isEqualTo(HeadChunkFile.ref(1, 8));
            for (int i = 0; i < 20; i++) {
                m.writeNow(8, 1000 + i, 2000 + i, (byte) 1, chunk(r, 3));
            }
            assertThat(m.truncate(Long.MAX_VALUE)).as("every file but the pinned first and the active").isPositive();
            assertThat(dir.resolve("000001")).exists();
            assertThat(m.releaseOutOfOrder(oooRef - 1)).as("an older reference releases nothing").isZero();
            assertThat(m.releaseOutOfOrder(oooRef)).isEqualTo(1);
            assertThat(dir.resolve("000001")).doesNotExist();
        }
        List<Integer> encodings = new ArrayList<>();
        try (ChunkDiskMapper m = ChunkDiskMapper.open(dir, 1024, (s, ref, mint, maxt, enc, n) -> encodings.add(enc))) {
            assertThat(encodings).isNotEmpty().containsOnly(1);
        }
    }

    @Test
    void outOfOrderBitSurvivesOnDiskAndPinsOnReopen() throws Exception {
        Random r = new Random(SEED);
        byte ooo = (byte) (1 | HeadChunkFile.OUT_OF_ORDER_BIT);
        try (ChunkDiskMapper m = ChunkDiskMapper.open(dir, 1024, (a, b, c, d, e, g) -> { })) {
            m.writeNow(7, 10, 20, ooo, chunk(r, 3));
            for (int i = 0; i < 20; i++) {
                m.writeNow(8, 1000 + i, 2000 + i, (byte) 1, chunk(r, 3));
            }
        }
        List<Integer> encodings = new ArrayList<>();
        try (ChunkDiskMapper m = ChunkDiskMapper.open(dir, 1024, (s, ref, mint, maxt, enc, n) -> encodings.add(enc))) {
            assertThat(encodings.get(0)).isEqualTo(0x81);
            m.truncate(Long.MAX_VALUE);
            assertThat(dir.resolve("000001")).as("pinned by the out-of-order chunk found on open").exists();
        }
    }

    @Test
    void tornOrFlippedTailIsCutAtTheLastGoodChunk() throws Exception {
        Random r = new Random(SEED);
        List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            data.add(chunk(r, 120));
        }
        List<Long> refs;
        try (ChunkDiskMapper m = ChunkDiskMapper.open(dir, 1 << 20, (a, b, c, d, e, g) -> { })) {
            refs = writeAll(m, data);
        }
        Path f = dir.resolve("000001");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            long pos = HeadChunkFile.offset(refs.get(7)) + 30; // inside chunk 7's data
            raf.seek(pos);
            int x = raf.read();
            raf.seek(pos);
            raf.write(x ^ 1);
        }
        List<Long> seen = new ArrayList<>();
        try (ChunkDiskMapper m = ChunkDiskMapper.open(dir, 1 << 20, (s, ref, mint, maxt, enc, n) -> seen.add(ref))) {
            assertThat(seen).containsExactlyElementsOf(refs.subList(0, 7));
        }
        assertThat(Files.size(f)).isEqualTo(HeadChunkFile.offset(refs.get(7)));
        assertThat(Crc32c.checksum(new byte[0], 0, 0)).isZero();
    }

    @Test
    void wrongMagicIsACorruptionNamingTheFile() throws Exception {
        Files.write(dir.resolve("000001"), new byte[] {1, 2, 3, 4, 1, 0, 0, 0});
        assertThatThrownBy(() -> ChunkDiskMapper.open(dir, 1 << 20, (a, b, c, d, e, g) -> { }))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("000001")
                .hasMessageContaining("magic");
    }
}
