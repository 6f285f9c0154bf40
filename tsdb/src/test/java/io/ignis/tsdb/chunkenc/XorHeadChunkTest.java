package io.ignis.tsdb.chunkenc;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The XOR encoder: hand-computed bytes, a round trip through the (separate) iterator, and resuming a stored chunk. */
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
    void decodesBackAndResumesWhereItStopped(Shape shape) {
        Random r = new Random(SEED ^ shape.name().hashCode());
        for (int round = 0; round < 50; round++) {
            int n = 1 + r.nextInt(300);
            long[] ts = new long[n];
            double[] vs = new double[n];
            long t = r.nextLong() >> 20;
            double v = 0;
            for (int i = 0; i < n; i++) {
                t += 15_000 + (shape.maxJitter() == 0 ? 0 : r.nextLong(-shape.maxJitter(), shape.maxJitter() + 1));
                v = switch (shape.valueKind()) {
                    case 0 -> v + r.nextInt(1000);
                    case 1 -> 1e9 + r.nextGaussian() * 1e6;
                    case 2 -> Double.longBitsToDouble(r.nextLong());
                    default -> 42;
                };
                ts[i] = t;
                vs[i] = v;
            }
            XorHeadChunk whole = new XorHeadChunk();
            for (int i = 0; i < n; i++) {
                whole.append(ts[i], vs[i]);
            }
            String at = "seed " + SEED + " round " + round;
            // The iterator is separate code: what it reads back must be what went in, bit for bit.
            SampleIterator it = Chunks.view(ChunkEncoding.XOR, whole.copyBytes()).iterator(null);
            for (int i = 0; i < n; i++) {
                assertThat(it.next()).as(at).isEqualTo(SampleType.FLOAT);
                assertThat(it.atT()).as(at).isEqualTo(ts[i]);
                assertThat(Double.doubleToRawLongBits(it.atV())).as(at).isEqualTo(Double.doubleToRawLongBits(vs[i]));
            }
            assertThat(it.next()).as(at).isEqualTo(SampleType.NONE);
            // Sized from a previous chunk, too small or exactly right, the chunk holds the same bytes.
            for (int capacity : new int[] {r.nextInt(64), whole.size()}) {
                XorHeadChunk sized = new XorHeadChunk(capacity);
                for (int i = 0; i < n; i++) {
                    sized.append(ts[i], vs[i]);
                }
                assertThat(sized.finish()).as(at + " capacity " + capacity).isEqualTo(whole.copyBytes());
            }
            // Stored, reopened and appended to, the chunk is the one written in one go.
            int cut = 1 + r.nextInt(n);
            XorHeadChunk first = new XorHeadChunk();
            for (int i = 0; i < cut; i++) {
                first.append(ts[i], vs[i]);
            }
            XorChunk resumed = XorChunk.copyOf(first.copyBytes());
            ChunkAppender app = resumed.appender();
            for (int i = cut; i < n; i++) {
                app.append(ts[i], vs[i]);
            }
            ByteBuffer b = resumed.bytes();
            byte[] got = new byte[b.remaining()];
            b.get(got);
            assertThat(got).as(at + " cut " + cut).isEqualTo(whole.copyBytes());
        }
    }
}
