package io.ignis.tsdb.chunkenc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BitStreamTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @Test
    void bitsAreWrittenMostSignificantFirst() {
        BitWriter w = new BitWriter(1);
        w.writeBit(true);
        w.writeBits(0b01, 2);
        w.writeByte(0xff);
        assertThat(w.len()).isEqualTo(2);
        assertThat(w.bitLen()).isEqualTo(11);
        assertThat(w.array()[0]).isEqualTo((byte) 0b1011_1111);
        assertThat(w.array()[1]).isEqualTo((byte) 0b1110_0000);
        w.truncateBits(2);
        assertThat(w.len()).isEqualTo(1);
        assertThat(w.array()[0]).isEqualTo((byte) 0b1000_0000);
    }

    @Test
    void randomWidthsRoundTrip() {
        Random r = new Random(SEED);
        int n = 5000;
        int[] widths = new int[n];
        long[] vals = new long[n];
        BitWriter w = new BitWriter(1);
        for (int i = 0; i < n; i++) {
            widths[i] = r.nextInt(65);
            vals[i] = widths[i] == 64 ? r.nextLong() : r.nextLong() & ((1L << widths[i]) - 1);
            w.writeBits(vals[i], widths[i]);
        }
        BitReader br = new BitReader().reset(ByteBuffer.wrap(w.array()), 0, w.len());
        for (int i = 0; i < n; i++) {
            assertThat(br.readBits(widths[i])).as("seed %d item %d width %d", SEED, i, widths[i]).isEqualTo(vals[i]);
        }
        assertThat(br.bitPosition()).isEqualTo(w.bitLen());
    }
}
