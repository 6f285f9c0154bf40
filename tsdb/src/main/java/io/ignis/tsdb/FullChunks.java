package io.ignis.tsdb;

import io.ignis.tsdb.chunks.ChunkDiskMapper;
import java.util.Arrays;

/**
 * The full (cut) in-order chunks of one series, oldest first. A chunk that is in {@code chunks_head/} costs four
 * longs in one array (min time, max time, disk reference, and first sample index packed with encoding and sample
 * count): 32 bytes, where an object per chunk and its list slot cost 60, which at a 2 s scrape interval is over a
 * kilobyte per series across a head's three hours (#5 memory profile). The newest chunks, whose bytes the disk
 * mapper has not written yet (or every chunk, when there is no mapper), stay {@link MemChunk}s; the mapper thread
 * marks them written without the series lock, and they move into the array the next time a chunk is added.
 *
 * <p>Guarded by the owning series' monitor.
 */
final class FullChunks {
    private static final long[] NO_LONGS = new long[0];
    private static final int STRIDE = 4;
    private static final int INDEX_SHIFT = 24;
    /** Sample indexes up to 2^40: a trillion samples, decades of one series at one sample per millisecond. */
    private static final long MAX_INDEX = (1L << (64 - INDEX_SHIFT)) - 1;

    /** Written chunks {@code [start, end)}, STRIDE longs each; dropping the oldest only moves {@code start}. */
    private long[] written = NO_LONGS;
    private int start;
    private int end;
    /** Chunks newer than every written one, whose bytes may still be on the heap. */
    private MemChunk[] pending;
    private int pendingCount;

    int size() {
        return (end - start) / STRIDE + pendingCount;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** Adds a just cut chunk, newer than every chunk here. */
    void add(MemChunk c) {
        settle();
        if (pending == null) {
            pending = new MemChunk[2];
        } else if (pendingCount == pending.length) {
            pending = Arrays.copyOf(pending, pendingCount * 2);
        }
        pending[pendingCount++] = c;
    }

    /** Adds a chunk found in {@code chunks_head/} on open, newer than every chunk here. */
    void addWritten(long diskRef, byte encoding, long mint, long maxt, int numSamples, long firstIndex) {
        if (pendingCount > 0) {
            add(MemChunk.mapped(diskRef, encoding, mint, maxt, numSamples, firstIndex));
            return;
        }
        append(diskRef, encoding, mint, maxt, numSamples, firstIndex);
    }

    /** Drops the oldest chunks while they end before {@code mint}; returns how many. */
    int truncateBefore(long mint) {
        int dropped = 0;
        while (start < end && written[start + 1] < mint) {
            start += STRIDE;
            dropped++;
        }
        if (start == end) {
            start = 0;
            end = 0;
            int k = 0;
            while (k < pendingCount && pending[k].maxt < mint) {
                k++;
            }
            if (k > 0) {
                System.arraycopy(pending, k, pending, 0, pendingCount - k);
                Arrays.fill(pending, pendingCount - k, pendingCount, null);
                pendingCount -= k;
                dropped += k;
            }
        }
        if (start == end && pendingCount == 0) {
            written = NO_LONGS;
            pending = null;
        } else if (start > 0 && start >= (written.length >> 1)) {
            System.arraycopy(written, start, written, 0, end - start);
            end -= start;
            start = 0;
        }
        return dropped;
    }

    /** The encoding code of the newest chunk; only when not empty. */
    byte lastEncoding() {
        return encoding(size() - 1);
    }

    /** How many chunks still hold their bytes on the heap. */
    int onHeap() {
        int n = 0;
        for (int i = 0; i < pendingCount; i++) {
            if (pending[i].onHeap()) {
                n++;
            }
        }
        return n;
    }

    // Chunk i of size(), oldest first: the written ones, then the pending ones.

    long mint(int i) {
        int w = (end - start) / STRIDE;
        return i < w ? written[start + i * STRIDE] : pending[i - w].mint;
    }

    long maxt(int i) {
        int w = (end - start) / STRIDE;
        return i < w ? written[start + i * STRIDE + 1] : pending[i - w].maxt;
    }

    int numSamples(int i) {
        int w = (end - start) / STRIDE;
        return i < w ? (int) (written[start + i * STRIDE + 3] & 0xffff) : pending[i - w].numSamples;
    }

    long firstIndex(int i) {
        int w = (end - start) / STRIDE;
        return i < w ? written[start + i * STRIDE + 3] >>> INDEX_SHIFT : pending[i - w].firstIndex;
    }

    byte encoding(int i) {
        int w = (end - start) / STRIDE;
        return i < w ? (byte) (written[start + i * STRIDE + 3] >>> 16) : pending[i - w].encoding;
    }

    /** Chunk i's bytes: read from {@code chunks_head/} (a fresh copy) once they are off the heap. */
    byte[] data(int i, ChunkDiskMapper mapper) {
        int w = (end - start) / STRIDE;
        return i < w ? mapper.read(written[start + i * STRIDE + 2]) : pending[i - w].data(mapper);
    }

    /** Moves the oldest pending chunks the mapper has written into the array, in order. */
    private void settle() {
        int k = 0;
        while (k < pendingCount && !pending[k].onHeap()) {
            MemChunk c = pending[k++];
            append(c.diskRef(), c.encoding, c.mint, c.maxt, c.numSamples, c.firstIndex);
        }
        if (k > 0) {
            System.arraycopy(pending, k, pending, 0, pendingCount - k);
            Arrays.fill(pending, pendingCount - k, pendingCount, null);
            pendingCount -= k;
        }
    }

    private void append(long diskRef, byte encoding, long mint, long maxt, int numSamples, long firstIndex) {
        if (firstIndex > MAX_INDEX || numSamples > 0xffff) {
            throw new IllegalStateException("bug: chunk beyond the packed limits: first sample " + firstIndex
                    + ", " + numSamples + " samples");
        }
        if (end == written.length) {
            written = Arrays.copyOf(written, Math.max(2 * STRIDE, written.length * 2));
        }
        written[end] = mint;
        written[end + 1] = maxt;
        written[end + 2] = diskRef;
        written[end + 3] = firstIndex << INDEX_SHIFT | (encoding & 0xffL) << 16 | numSamples;
        end += STRIDE;
    }
}
