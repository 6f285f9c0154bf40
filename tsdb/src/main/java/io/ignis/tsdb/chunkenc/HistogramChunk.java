package io.ignis.tsdb.chunkenc;

import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A chunk of integer native histograms, byte-compatible with Prometheus's {@code chunkenc.HistogramChunk}
 * (encoding 2):
 *
 * <pre>
 * +----------------------+-----------------+--------------------------------+-----------+----------+----------+
 * | num_samples (2B, BE) | flags (1B)      | layout (see HistogramLayout)   | sample 0  | sample 1 | ...      |
 * +----------------------+-----------------+--------------------------------+-----------+----------+----------+
 * flags:    top 2 bits = CounterResetHeader (00 unknown, 01 not reset, 10 reset, 11 gauge)
 * sample 0: varbit_int t | varbit_uint count | varbit_uint zero count | float64 sum | varbit_int bucket*
 * later:    varbit_int dod(t) | varbit_int dod(count) | varbit_int dod(zero count) | xor(sum)
 *           | varbit_int dod(bucket)*   (buckets skipped when the sum is a stale NaN)
 * </pre>
 *
 * Buckets are the model's deltas between neighbouring buckets, positive then negative; the second sample's
 * "delta of delta" is relative to a delta of 0. See Prometheus's {@code tsdb/docs/format/chunks.md}.
 */
public final class HistogramChunk extends HistogramChunkBase {
    /** Prometheus's size target for histogram chunks ({@code TargetBytesPerHistogramChunk}), for the head. */
    public static final int TARGET_BYTES = 1024;
    /** Prometheus's {@code MinSamplesPerHistogramChunk}: the head cuts for size only after this many samples. */
    public static final int MIN_SAMPLES = 10;

    /** An empty chunk to append to. */
    public HistogramChunk() {
    }

    private HistogramChunk(ByteBuffer buf, int off, int len) {
        super(buf, off, len, "histogram");
    }

    /** A read-only chunk over stored bytes, decoded in place. */
    public static HistogramChunk view(ByteBuffer buf, int off, int len) {
        return new HistogramChunk(Objects.requireNonNull(buf, "buf"), off, len);
    }

    /** A writable copy of stored bytes; its {@link #appender()} continues after the last sample. */
    public static HistogramChunk copyOf(byte[] bytes) {
        HistogramChunk c = new HistogramChunk();
        c.copyFrom(bytes, "histogram");
        return c;
    }

    @Override
    public ChunkEncoding encoding() {
        return ChunkEncoding.HISTOGRAM;
    }

    @Override
    public HistogramAppender appender() {
        BitWriter w = writableOrThrow("histogram");
        if (empty()) {
            return new HistogramAppender(this);
        }
        HistogramIterator it = histogramIterator(null);
        while (it.next() != SampleType.NONE) {
            // replay to recover the appender state
        }
        w.truncateBits(HEADER_SIZE * 8L + it.bitPosition());
        return new HistogramAppender(this, it);
    }

    @Override
    public SampleIterator iterator(SampleIterator reuse) {
        return histogramIterator(reuse);
    }

    HistogramIterator histogramIterator(SampleIterator reuse) {
        HistogramIterator it = reuse instanceof HistogramIterator h ? h : new HistogramIterator();
        resetIterator(it);
        return it;
    }
}
