package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FullChunks}: chunks keep their order and fields whether they are still objects (bytes on the heap) or
 * packed once written, across truncation from the front.
 */
class FullChunksTest {
    private static final byte XOR = 1;
    private static final byte HISTOGRAM = 2;

    /** Chunk k spans [k * 100, k * 100 + 99], holds 10 + k samples, its first sample is number 1000 * k. */
    private static MemChunk chunk(int k) {
        return new MemChunk(new byte[] {(byte) k}, k % 2 == 0 ? XOR : HISTOGRAM, k * 100L, k * 100L + 99, 10 + k,
                1000L * k);
    }

    /** The chunks as "k:numSamples:firstIndex:encoding" from their min times. */
    private static List<String> describe(FullChunks f) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < f.size(); i++) {
            long k = f.mint(i) / 100;
            assertThat(f.maxt(i)).isEqualTo(f.mint(i) + 99);
            out.add(k + ":" + f.numSamples(i) + ":" + f.firstIndex(i) + ":" + f.encoding(i));
        }
        return out;
    }

    @Test
    void chunksWrittenByTheMapperArePackedOnTheNextAddKeepingOrderAndFields() {
        FullChunks f = new FullChunks();
        List<MemChunk> added = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            MemChunk c = chunk(k);
            added.add(c);
            f.add(c);
        }
        assertThat(f.onHeap()).isEqualTo(5);
        // Written out of order by nobody but still a prefix and a later one: only the prefix settles.
        added.get(0).onDisk(7);
        added.get(1).onDisk(8);
        added.get(3).onDisk(9);
        f.add(chunk(5));
        assertThat(f.onHeap()).isEqualTo(3);
        assertThat(describe(f)).containsExactly("0:10:0:1", "1:11:1000:2", "2:12:2000:1", "3:13:3000:2",
                "4:14:4000:1", "5:15:5000:2");
        assertThat(f.data(2, null)).containsExactly(2);
        assertThat(f.lastEncoding()).isEqualTo(HISTOGRAM);
    }

    @Test
    void truncationDropsWrittenThenPendingChunksEndingBeforeTheTime() {
        FullChunks f = new FullChunks();
        for (int k = 0; k < 6; k++) {
            MemChunk c = chunk(k);
            if (k < 4) {
                c.onDisk(k + 1);
            }
            f.add(c);
        }
        f.add(chunk(6)); // settles 0-3
        assertThat(f.onHeap()).isEqualTo(3);

        assertThat(f.truncateBefore(100)).as("chunk 0 ends at 99").isEqualTo(1);
        assertThat(f.truncateBefore(100)).isZero();
        assertThat(f.truncateBefore(350)).as("chunks 1 and 2").isEqualTo(2);
        assertThat(describe(f)).containsExactly("3:13:3000:2", "4:14:4000:1", "5:15:5000:2", "6:16:6000:1");
        assertThat(f.truncateBefore(500)).as("written chunk 3 and pending chunk 4").isEqualTo(2);
        assertThat(describe(f)).containsExactly("5:15:5000:2", "6:16:6000:1");
        assertThat(f.truncateBefore(10_000)).isEqualTo(2);
        assertThat(f.isEmpty()).isTrue();
        assertThat(f.onHeap()).isZero();

        f.add(chunk(7));
        assertThat(describe(f)).containsExactly("7:17:7000:2");
    }

    @Test
    void chunksFoundOnOpenArePackedAtOnceAndLaterOnesFollowThem() {
        FullChunks f = new FullChunks();
        f.addWritten(11, XOR, 0, 99, 10, 0);
        f.addWritten(12, HISTOGRAM, 100, 199, 11, 1000);
        assertThat(f.onHeap()).isZero();
        f.add(chunk(2));
        f.addWritten(13, XOR, 300, 399, 13, 3000); // behind a pending chunk: stays in order as an object
        assertThat(describe(f)).containsExactly("0:10:0:1", "1:11:1000:2", "2:12:2000:1", "3:13:3000:1");
        assertThat(f.onHeap()).isEqualTo(1);
    }

    @Test
    void manyAddsAndTruncationsKeepTheNewestChunks() {
        FullChunks f = new FullChunks();
        for (int k = 0; k < 1000; k++) {
            MemChunk c = chunk(k);
            c.onDisk(k + 1);
            f.add(c);
            f.truncateBefore((k - 3) * 100L); // keeps the last four or so
        }
        assertThat(f.size()).isBetween(3, 5);
        assertThat(f.mint(f.size() - 1)).isEqualTo(99_900);
    }

    @Test
    void aChunkBeyondThePackedLimitsIsABug() {
        FullChunks f = new FullChunks();
        assertThatThrownBy(() -> f.addWritten(1, XOR, 0, 1, 70_000, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("70000 samples");
        assertThatThrownBy(() -> f.addWritten(1, XOR, 0, 1, 1, 1L << 41)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("first sample");
    }
}
