package io.ignis.tsdb.chunkenc;

import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A chunk of float native histograms, byte-compatible with Prometheus's {@code chunkenc.FloatHistogramChunk}
 * (encoding 3):
 *
 * <pre>
 * +----------------------+-----------------+--------------------------------+-----------+----------+----------+
 * | num_samples (2B, BE) | flags (1B)      | layout (see HistogramLayout)   | sample 0  | sample 1 | ...      |
 * +----------------------+-----------------+--------------------------------+-----------+----------+----------+
 * flags:    top 2 bits = CounterResetHeader (00 unknown, 01 not reset, 10 reset, 11 gauge)
 * sample 0: varbit_int t | float64 count | float64 zero count | float64 sum | float64 bucket*
 * later:    varbit_int dod(t) | xor(count) | xor(zero count) | xor(sum) | xor(bucket)*
 *           (each field keeps its own XOR window; buckets skipped when the sum is a stale NaN)
 * </pre>
 *
 * Buckets are absolute counts, positive then negative. See Prometheus's {@code tsdb/docs/format/chunks.md}.
 */
public final class FloatHistogramChunk extends HistogramChunkBase {
    /** An empty chunk to append to. */
    public FloatHistogramChunk() {
    }

    private FloatHistogramChunk(ByteBuffer buf, int off, int len) {
        super(buf, off, len, "float histogram");
    }

    /** A read-only chunk over stored bytes, decoded in place. */
    public static FloatHistogramChunk view(ByteBuffer buf, int off, int len) {
        return new FloatHistogramChunk(Objects.requireNonNull(buf, "buf"), off, len);
    }

    /** A writable copy of stored bytes; its {@link #appender()} continues after the last sample. */
    public static FloatHistogramChunk copyOf(byte[] bytes) {
        FloatHistogramChunk c = new FloatHistogramChunk();
        c.copyFrom(bytes, "float histogram");
        return c;
    }

    @Override
    public ChunkEncoding encoding() {
        return ChunkEncoding.FLOAT_HISTOGRAM;
    }

    @Override
    public FloatHistogramAppender appender() {
        BitWriter w = writableOrThrow("float histogram");
        if (empty()) {
            return new FloatHistogramAppender(this);
        }
        FloatHistogramIterator it = floatHistogramIterator(null);
        while (it.next() != SampleType.NONE) {
            // replay to recover the appender state
        }
        w.truncateBits(HEADER_SIZE * 8L + it.bitPosition());
        return new FloatHistogramAppender(this, it);
    }

    @Override
    public SampleIterator iterator(SampleIterator reuse) {
        return floatHistogramIterator(reuse);
    }

    FloatHistogramIterator floatHistogramIterator(SampleIterator reuse) {
        FloatHistogramIterator it = reuse instanceof FloatHistogramIterator h ? h : new FloatHistogramIterator();
        resetIterator(it);
        return it;
    }
}
