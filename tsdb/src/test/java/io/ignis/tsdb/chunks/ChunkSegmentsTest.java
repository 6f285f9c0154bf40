package io.ignis.tsdb.chunks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.storage.CorruptionException;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.chunkenc.ChunkAppender;
import io.ignis.tsdb.chunkenc.XorChunk;
import io.ignis.tsdb.files.MappedFile;
import io.ignis.tsdb.files.MappedFileLeakCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(MappedFileLeakCheck.class)
class ChunkSegmentsTest {
    @TempDir
    Path dir;

    private static XorChunk chunk(int n, long t0) {
        XorChunk c = new XorChunk();
        ChunkAppender a = c.appender();
        for (int i = 0; i < n; i++) {
            a.append(t0 + i * 15_000L, i * 0.5);
        }
        return c;
    }

    @Test
    void segmentLayoutIsPrometheus() throws IOException {
        XorChunk c = chunk(1, 1000);
        long ref;
        try (ChunkWriter w = new ChunkWriter(dir)) {
            ref = w.write(c);
        }
        assertThat(ref).isEqualTo(8);
        byte[] b = Files.readAllBytes(dir.resolve("000001"));
        byte[] data = new byte[c.size()];
        c.bytes().get(data);
        // header, uvarint len 12, encoding 1, data, CRC32C over encoding + data
        String hex = HexFormat.of().formatHex(b);
        assertThat(hex).startsWith("85bd40dd" + "01" + "000000" + "0c" + "01" + HexFormat.of().formatHex(data));
        assertThat(b).hasSize(8 + 1 + 1 + 12 + 4);
        CRC32C crc = new CRC32C();
        crc.update(b, 9, 13);
        assertThat(ByteBuffer.wrap(b).getInt(22)).isEqualTo((int) crc.getValue());
    }

    @Test
    void writesAcrossSegmentsAndReadsBackInPlace() throws IOException {
        List<Long> refs = new ArrayList<>();
        try (ChunkWriter w = new ChunkWriter(dir, 300)) {
            for (int i = 0; i < 40; i++) {
                refs.add(w.write(chunk(1 + i % 30, i * 1_000_000L)));
            }
            assertThat(w.segments()).isGreaterThan(3);
        }
        long before = MappedFile.openMappings();
        try (ChunkReader r = ChunkReader.open(dir)) {
            assertThat(MappedFile.openMappings() - before).isEqualTo(r.segmentCount());
            for (int i = 0; i < 40; i++) {
                SampleIterator it = r.chunk(refs.get(i)).iterator(null);
                int n = 0;
                while (it.next() == SampleType.FLOAT) {
                    assertThat(it.atT()).isEqualTo(i * 1_000_000L + n * 15_000L);
                    assertThat(it.atV()).isEqualTo(n * 0.5);
                    n++;
                }
                assertThat(n).isEqualTo(1 + i % 30);
            }
            assertThat(ChunkRef.segmentIndex(refs.get(39))).isEqualTo(r.segmentCount() - 1);
            for (Path p : ChunkSegments.list(dir)) {
                assertThat(Files.size(p)).isLessThanOrEqualTo(300);
            }
        }
        assertThat(MappedFile.openMappings()).isEqualTo(before);
    }

    @Test
    void corruptChunkIsReportedWithFileAndOffset() throws IOException {
        long ref;
        try (ChunkWriter w = new ChunkWriter(dir)) {
            w.write(chunk(5, 0));
            ref = w.write(chunk(7, 0));
        }
        Path seg = dir.resolve("000001");
        byte[] b = Files.readAllBytes(seg);
        b[(int) ref + 5] ^= 0x10;
        Files.write(seg, b);
        try (ChunkReader r = ChunkReader.open(dir)) {
            assertThatThrownBy(() -> r.chunk(ref)).isInstanceOf(CorruptionException.class)
                    .hasMessageStartingWith("corrupt " + seg + " at offset " + ref + ": chunk checksum mismatch")
                    .satisfies(e -> assertThat(((CorruptionException) e).offset()).isEqualTo(ref));
            assertThatThrownBy(() -> r.chunk(ChunkRef.of(3, 8))).isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("segment index out of range");
        }
        b[0] = 0;
        Files.write(seg, b);
        assertThatThrownBy(() -> ChunkReader.open(dir)).isInstanceOf(CorruptionException.class)
                .hasMessage("corrupt " + seg
                        + " at offset 0: invalid magic number: expected 0x85BD40DD, actual 0x00BD40DD");
    }
}
