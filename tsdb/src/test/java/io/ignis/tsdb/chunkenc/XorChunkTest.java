package io.ignis.tsdb.chunkenc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.model.StaleNaN;
import io.ignis.storage.EncodedChunk;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.encoding.DecodeException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class XorChunkTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    /** Samples and the chunk bytes computed by hand from the bit layout in XorChunk's Javadoc. */
    record Golden(String name, long[] ts, double[] vs, String hex) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Golden> goldens() {
        return Stream.of(
                // 2 bytes count, varint(1000) = zigzag 2000 = d0 0f, float64 1.0.
                new Golden("one sample", new long[] {1000}, new double[] {1.0},
                        "0001" + "d00f" + "3ff0000000000000"),
                // uvarint(15) = 0f, then value unchanged: one 0 bit, padded.
                new Golden("repeat value", new long[] {1000, 1015}, new double[] {1.0, 1.0},
                        "0002" + "d00f" + "3ff0000000000000" + "0f" + "00"),
                // v1 same (0), dod 0 (0), xor 1.0^2.0 = 0x7ff0.. : 11 + leading 00001 + sigbits 001011 + 11 ones.
                new Golden("new window", new long[] {1000, 1015, 1030}, new double[] {1.0, 1.0, 2.0},
                        "0003" + "d00f" + "3ff0000000000000" + "0f" + "3097ffc0"),
                // dod +10: 10 + 00000000001010, values 0.
                new Golden("dod 14 bits positive", new long[] {0, 10, 30}, new double[] {0, 0, 0},
                        "0003" + "00" + "0000000000000000" + "0a" + "400500"),
                // dod -5: 10 + two's complement 11111111111011.
                new Golden("dod 14 bits negative", new long[] {0, 10, 15}, new double[] {0, 0, 0},
                        "0003" + "00" + "0000000000000000" + "0a" + "5ffd80"),
                // dod 8192 = 2^13 is still in the asymmetric 14-bit range: 10 + 10000000000000.
                new Golden("dod 14 bits upper edge", new long[] {0, 1, 8194}, new double[] {0, 0, 0},
                        "0003" + "00" + "0000000000000000" + "01" + "500000"),
                // v1 same (0), dod 8193 needs 17 bits: 110 + 00010000000000001, v2 same (0).
                new Golden("dod 17 bits", new long[] {0, 1, 8195}, new double[] {0, 0, 0},
                        "0003" + "00" + "0000000000000000" + "01" + "610008"),
                // xor 0x8000000000000001: 11 + leading 00000 + sigbits 64 written as 000000 + 64 bits.
                new Golden("sigbits 64", new long[] {0, 1},
                        new double[] {0, Double.longBitsToDouble(0x8000000000000001L)},
                        "0002" + "00" + "0000000000000000" + "01" + "c004" + "00000000000000" + "08"),
                // xor 1: 63 leading zeros clamped to 31 (11111), sigbits 33 (100001), then 32 zeros and a 1.
                new Golden("leading clamped to 31", new long[] {0, 1}, new double[] {0, Double.longBitsToDouble(1L)},
                        "0002" + "00" + "0000000000000000" + "01" + "ff0800000004"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void encodesExactlyAsPrometheus(Golden g) {
        XorChunk c = new XorChunk();
        ChunkAppender a = c.appender();
        for (int i = 0; i < g.ts().length; i++) {
            a.append(g.ts()[i], g.vs()[i]);
        }
        assertThat(hex(c.bytes())).isEqualTo(g.hex());
        assertThat(c.numSamples()).isEqualTo(g.ts().length);

        Chunk view = Chunks.view(ChunkEncoding.XOR, HexFormat.of().parseHex(g.hex()));
        SampleIterator it = view.iterator(null);
        for (int i = 0; i < g.ts().length; i++) {
            assertThat(it.next()).isEqualTo(SampleType.FLOAT);
            assertThat(it.atT()).isEqualTo(g.ts()[i]);
            assertThat(it.atV()).isEqualTo(g.vs()[i]);
        }
        assertThat(it.next()).isEqualTo(SampleType.NONE);
    }

    private static String hex(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return HexFormat.of().formatHex(out);
    }

    @Test
    void randomSeriesRoundTripThroughMappedBytes() {
        Random r = new Random(SEED);
        for (int round = 0; round < 300; round++) {
            int n = 1 + r.nextInt(300);
            long[] ts = new long[n];
            double[] vs = new double[n];
            fill(r, ts, vs);
            XorChunk c = new XorChunk();
            ChunkAppender a = c.appender();
            for (int i = 0; i < n; i++) {
                a.append(ts[i], vs[i]);
            }
            ByteBuffer direct = ByteBuffer.allocateDirect(c.size() + 11);
            direct.put(11, c.bytes(), 0, c.size());
            assertDecodes(Chunks.view(ChunkEncoding.XOR, direct, 11, c.size()), ts, vs, "seed " + SEED + " round "
                    + round);
            assertDecodes(c, ts, vs, "seed " + SEED + " round " + round + " (writable)");
        }
    }

    private static void fill(Random r, long[] ts, double[] vs) {
        int valueKind = r.nextInt(5);
        int timeKind = r.nextInt(3);
        long t = r.nextInt(3) == 0 ? r.nextLong() >> 2 : 1_700_000_000_000L + r.nextInt(1000);
        double v = r.nextGaussian() * 100;
        for (int i = 0; i < ts.length; i++) {
            ts[i] = t;
            t += switch (timeKind) {
                case 0 -> 15_000;
                case 1 -> 15_000 + r.nextInt(200) - 100;
                default -> 1 + (r.nextBoolean() ? r.nextInt(10) : (long) r.nextInt(Integer.MAX_VALUE) * 1000);
            };
            vs[i] = switch (valueKind) {
                case 0 -> v;
                case 1 -> v += r.nextInt(10);
                case 2 -> r.nextGaussian() * 1e6;
                case 3 -> Double.longBitsToDouble(r.nextLong());
                default -> r.nextInt(10) == 0 ? StaleNaN.VALUE : r.nextInt(4) * 0.25;
            };
        }
    }

    private static void assertDecodes(Chunk c, long[] ts, double[] vs, String what) {
        SampleIterator it = c.iterator(null);
        for (int i = 0; i < ts.length; i++) {
            assertThat(it.next()).as(what + " sample " + i).isEqualTo(SampleType.FLOAT);
            assertThat(it.atT()).as(what + " t " + i).isEqualTo(ts[i]);
            assertThat(Double.doubleToRawLongBits(it.atV())).as(what + " v " + i)
                    .isEqualTo(Double.doubleToRawLongBits(vs[i]));
        }
        assertThat(it.next()).as(what).isEqualTo(SampleType.NONE);
        assertThat(c.numSamples()).isEqualTo(ts.length);
    }

    @Test
    void appendingAfterCopyContinuesMidByte() {
        Random r = new Random(SEED);
        long[] ts = new long[50];
        double[] vs = new double[50];
        fill(r, ts, vs);
        XorChunk whole = new XorChunk();
        ChunkAppender wa = whole.appender();
        for (int i = 0; i < 50; i++) {
            wa.append(ts[i], vs[i]);
        }
        XorChunk first = new XorChunk();
        ChunkAppender fa = first.appender();
        for (int i = 0; i < 17; i++) {
            fa.append(ts[i], vs[i]);
        }
        byte[] stored = new byte[first.size()];
        first.bytes().get(stored);
        XorChunk resumed = XorChunk.copyOf(stored);
        ChunkAppender ra = resumed.appender();
        for (int i = 17; i < 50; i++) {
            ra.append(ts[i], vs[i]);
        }
        assertThat(resumed.bytes()).as("seed " + SEED).isEqualTo(whole.bytes());
    }

    @Test
    void seekFindsFirstSampleAtOrAfter() {
        XorChunk c = new XorChunk();
        ChunkAppender a = c.appender();
        for (int i = 0; i < 10; i++) {
            a.append(i * 10L, i);
        }
        SampleIterator it = c.iterator(null);
        assertThat(it.seek(-5)).isEqualTo(SampleType.FLOAT);
        assertThat(it.atT()).isZero();
        assertThat(it.seek(35)).isEqualTo(SampleType.FLOAT);
        assertThat(it.atT()).isEqualTo(40);
        assertThat(it.seek(10)).as("never backwards").isEqualTo(SampleType.FLOAT);
        assertThat(it.atT()).isEqualTo(40);
        assertThat(it.next()).isEqualTo(SampleType.FLOAT);
        assertThat(it.atV()).isEqualTo(5.0);
        assertThat(it.seek(91)).isEqualTo(SampleType.NONE);
        assertThat(it.seek(0)).isEqualTo(SampleType.NONE);

        SampleIterator reused = c.iterator(it);
        assertThat(reused).isSameAs(it);
        assertThat(reused.next()).isEqualTo(SampleType.FLOAT);
        assertThat(reused.atT()).isZero();
    }

    @Test
    void truncatedChunkFailsToDecode() {
        XorChunk c = new XorChunk();
        ChunkAppender a = c.appender();
        for (int i = 0; i < 20; i++) {
            a.append(i * 1000L + (i * i), Math.sqrt(i));
        }
        byte[] b = new byte[c.size()];
        c.bytes().get(b);
        Chunk cut = Chunks.view(ChunkEncoding.XOR, Arrays.copyOf(b, b.length - 5));
        SampleIterator it = cut.iterator(null);
        assertThatThrownBy(() -> {
            while (it.next() != SampleType.NONE) {
                it.atV();
            }
        }).isInstanceOf(DecodeException.class).hasMessageContaining("chunk truncated");
    }

    @Test
    void xor2ChunksAreReportedUnsupported() {
        assertThatThrownBy(() -> Chunks.view(ChunkEncoding.XOR2, new byte[] {0, 0}))
                .isInstanceOf(UnsupportedChunkEncodingException.class)
                .hasMessage("unsupported chunk encoding XOR2 (4)");
        assertThat(ChunkEncoding.fromCode(3)).isEqualTo(ChunkEncoding.FLOAT_HISTOGRAM);
        assertThat(ChunkEncoding.fromCode(7)).isNull();
    }

    /** A chunk from elsewhere (remote read, another storage) known only by its encoding byte and bytes. */
    private record ForeignChunk(int encodingCode, byte[] data) implements EncodedChunk {
        @Override
        public ByteBuffer bytes() {
            return ByteBuffer.wrap(data).asReadOnlyBuffer();
        }

        @Override
        public int numSamples() {
            return ((data[0] & 0xff) << 8) | (data[1] & 0xff);
        }

        @Override
        public SampleIterator iterator(SampleIterator reuse) {
            throw new UnsupportedOperationException("not needed");
        }
    }

    @Test
    void foreignChunksBecomeViews() {
        XorChunk c = new XorChunk();
        c.appender().append(5, 2.5);
        byte[] b = new byte[c.size()];
        c.bytes().get(b);
        assertThat(Chunks.of(c)).isSameAs(c);
        SampleIterator it = Chunks.of(new ForeignChunk(1, b)).iterator(null);
        assertThat(it.next()).isEqualTo(SampleType.FLOAT);
        assertThat(it.atT()).isEqualTo(5);
        assertThat(it.atV()).isEqualTo(2.5);
        assertThatThrownBy(() -> Chunks.of(new ForeignChunk(9, b))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid chunk encoding 9");
        assertThatThrownBy(() -> Chunks.of(new ForeignChunk(4, b)))
                .isInstanceOf(UnsupportedChunkEncodingException.class);
    }
}
