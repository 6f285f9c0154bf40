package io.ignis.tsdb.chunkenc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The head's open chunk must write exactly the bytes of an {@link XorChunk} filled through its appender. */
class XorHeadChunkTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ignis.tsdb.chunkenc.XorChunkTest#goldens")
    void writesTheHandComputedBytes(XorChunkTest.Golden g) {
        XorHeadChunk c = new XorHeadChunk();
        for (int i = 0; i < g.ts().length; i++) {
            c.append(g.ts()[i], g.vs()[i]);
        }
        assertThat(HexFormat.of().formatHex(c.copyBytes())).isEqualTo(g.hex());
        assertThat(c.numSamples()).isEqualTo(g.ts().length);
        assertThat(c.size()).isEqualTo(g.hex().length() / 2);
    }

    /** A shape of data: how timestamps step and values change. */
    record Shape(String name, long maxJitter, int valueKind) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Shape> shapes() {
        return Stream.of(new Shape("regular counter", 0, 0), new Shape("jittered counter", 3, 0),
                new Shape("jittered gauge", 40, 1), new Shape("wild timestamps and values", 5_000_000, 2),
                new Shape("constant", 0, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void matchesXorChunkOnRandomData(Shape shape) {
        Random r = new Random(SEED ^ shape.name().hashCode());
        for (int round = 0; round < 50; round++) {
            XorChunk reference = new XorChunk();
            ChunkAppender app = reference.appender();
            XorHeadChunk head = new XorHeadChunk();
            long t = r.nextLong() >> 20;
            double v = 0;
            int n = 1 + r.nextInt(300);
            for (int i = 0; i < n; i++) {
                t += 15_000 + (shape.maxJitter() == 0 ? 0 : r.nextLong(-shape.maxJitter(), shape.maxJitter() + 1));
                v = switch (shape.valueKind()) {
                    case 0 -> v + r.nextInt(1000);
                    case 1 -> 1e9 + r.nextGaussian() * 1e6;
                    case 2 -> Double.longBitsToDouble(r.nextLong());
                    default -> 42;
                };
                app.append(t, v);
                head.append(t, v);
            }
            ByteBuffer want = reference.bytes();
            byte[] wantBytes = new byte[want.remaining()];
            want.get(wantBytes);
            assertThat(head.copyBytes()).as("seed %d round %d", SEED, round).isEqualTo(wantBytes);
            assertThat(head.numSamples()).isEqualTo(n);
        }
    }
}
