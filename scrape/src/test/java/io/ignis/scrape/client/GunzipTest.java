package io.ignis.scrape.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Gzip bodies decoded chunk by chunk straight into the response buffer. */
class GunzipTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    static byte[] text(int lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            sb.append("node_cpu_seconds_total{cpu=\"").append(i % 16).append("\",mode=\"idle\"} ").append(i * 1.5)
                    .append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }

    /** A member with every optional header part: FHCRC, FEXTRA, FNAME, FCOMMENT. */
    static byte[] gzipWithFullHeader(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3};
        out.writeBytes(head);
        out.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'});
        out.writeBytes("metrics.txt\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes("a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] {0x12, 0x34}); // header CRC16: not checked, as Go does not either by default
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(b);
        d.finish();
        byte[] buf = new byte[b.length + 1024];
        int n = d.deflate(buf);
        out.write(buf, 0, n);
        CRC32 crc = new CRC32();
        crc.update(b);
        long c = crc.getValue();
        out.writeBytes(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24), (byte) b.length,
            (byte) (b.length >> 8), (byte) (b.length >> 16), (byte) (b.length >> 24)});
        return out.toByteArray();
    }

    /** Feeds {@code gz} in chunks of the given sizes (cycled) and returns the decoded bytes. */
    static byte[] decode(Gunzip g, byte[] gz, long limit, int... chunkSizes) throws Exception {
        ResponseBuffer out = new ResponseBuffer(16);
        g.reset();
        int off = 0;
        for (int i = 0; off < gz.length; i++) {
            int n = Math.min(chunkSizes[i % chunkSizes.length], gz.length - off);
            ByteBuf chunk = Unpooled.directBuffer(n).writeBytes(gz, off, n);
            try {
                g.feed(chunk, out, limit);
            } finally {
                chunk.release();
            }
            off += n;
        }
        g.finish();
        return Arrays.copyOf(out.bytes(), out.length());
    }

    @Test
    void wholeBodyInOneChunk() throws Exception {
        byte[] plain = text(2000);
        assertThat(decode(new Gunzip(), gzip(plain), 0, Integer.MAX_VALUE)).isEqualTo(plain);
    }

    @Test
    void aBodyThatFitsTheBufferDoesNotGrowIt() throws Exception {
        byte[] plain = text(2000);
        ResponseBuffer out = new ResponseBuffer(plain.length);
        Gunzip g = new Gunzip();
        g.reset();
        ByteBuf in = Unpooled.wrappedBuffer(gzip(plain));
        g.feed(in, out, 0);
        g.finish();
        assertThat(out.length()).isEqualTo(plain.length);
        assertThat(out.bytes()).hasSize(plain.length);
    }

    @Test
    void everySplitOfAFullHeaderDecodes() throws Exception {
        byte[] plain = text(50);
        byte[] gz = gzipWithFullHeader(plain);
        Gunzip g = new Gunzip();
        for (int split = 1; split < gz.length; split++) {
            assertThat(decode(g, gz, 0, split, gz.length)).as("split at %d", split).isEqualTo(plain);
        }
        assertThat(decode(g, gz, 0, 1)).as("one byte at a time").isEqualTo(plain);
    }

    @Test
    void randomChunkingAndReuseAcrossResponses() throws Exception {
        Random r = new Random(SEED);
        Gunzip g = new Gunzip();
        for (int i = 0; i < 30; i++) {
            byte[] plain = text(1 + r.nextInt(3000));
            int[] sizes = {1 + r.nextInt(100), 1 + r.nextInt(5000), 1 + r.nextInt(17)};
            assertThat(decode(g, gzip(plain), 0, sizes)).as("seed %d, response %d", SEED, i).isEqualTo(plain);
        }
    }

    @Test
    void concatenatedMembersAreOneBody() throws Exception {
        byte[] a = text(10);
        byte[] b = text(20);
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(gzip(a));
        both.writeBytes(gzipWithFullHeader(b));
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        want.writeBytes(a);
        want.writeBytes(b);
        assertThat(decode(new Gunzip(), both.toByteArray(), 0, 7)).isEqualTo(want.toByteArray());
    }

    @Test
    void limitIsOnDecompressedBytes() throws Exception {
        byte[] plain = text(2000);
        byte[] gz = gzip(plain);
        assertThat(gz.length).isLessThan(plain.length / 4);
        assertThatThrownBy(() -> decode(new Gunzip(), gz, plain.length, 1000)).isInstanceOf(Gunzip.LimitExceeded.class)
                .hasMessage("body size limit exceeded");
        assertThat(decode(new Gunzip(), gz, plain.length + 1, 1000)).isEqualTo(plain);
    }

    @Test
    void bombStopsAtTheLimitWithoutGrowingPastIt() throws Exception {
        byte[] zeros = new byte[50_000_000];
        byte[] gz = gzip(zeros);
        ResponseBuffer out = new ResponseBuffer(16);
        Gunzip g = new Gunzip();
        g.reset();
        ByteBuf in = Unpooled.wrappedBuffer(gz);
        assertThatThrownBy(() -> g.feed(in, out, 1_000_000)).isInstanceOf(Gunzip.LimitExceeded.class);
        assertThat(out.bytes().length).isLessThan(4_000_000);
    }

    record Bad(String name, byte[] body, String error) {
    }

    @Test
    void corruptBodiesGetGoWording() throws Exception {
        byte[] gz = gzip(text(100));
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 8] ^= 1;
        byte[] badSize = gz.clone();
        badSize[gz.length - 1] ^= 1;
        byte[] badMagic = gz.clone();
        badMagic[1] = 0;
        byte[] badDeflate = gz.clone();
        Arrays.fill(badDeflate, 10, Math.min(30, gz.length - 8), (byte) 0xff);
        for (Bad b : new Bad[] {
            new Bad("crc", badCrc, "gzip: invalid checksum"),
            new Bad("size", badSize, "gzip: invalid checksum"),
            new Bad("magic", badMagic, "gzip: invalid header"),
            new Bad("truncated", Arrays.copyOf(gz, gz.length - 3), "unexpected EOF"),
            new Bad("header only", Arrays.copyOf(gz, 5), "unexpected EOF"),
            new Bad("empty", new byte[0], "EOF")}) {
            assertThatThrownBy(() -> decode(new Gunzip(), b.body(), 0, 64)).as(b.name())
                    .isInstanceOf(Gunzip.Corrupt.class).hasMessage(b.error());
        }
        assertThatThrownBy(() -> decode(new Gunzip(), badDeflate, 0, 64)).isInstanceOf(Gunzip.Corrupt.class)
                .hasMessageStartingWith("flate: corrupt input");
    }
}
