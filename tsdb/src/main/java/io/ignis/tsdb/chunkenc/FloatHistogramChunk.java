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
public final class FloatHistogramChunk implements Chunk {
    static final int HEADER_SIZE = HistogramChunk.HEADER_SIZE;
    static final int FLAGS_POS = HistogramChunk.FLAGS_POS;

    private final BitWriter writer; // null for a read-only view
    private final ByteBuffer view;
    private final int viewOff;
    private final int viewLen;

    /** An empty chunk to append to. */
    public FloatHistogramChunk() {
        writer = new BitWriter(128);
        writer.writeBits(0, HEADER_SIZE * 8);
        view = null;
        viewOff = 0;
        viewLen = 0;
    }

    private FloatHistogramChunk(ByteBuffer buf, int off, int len) {
        writer = null;
        view = buf;
        viewOff = off;
        viewLen = len;
    }

    /** A read-only chunk over stored bytes, decoded in place. */
    public static FloatHistogramChunk view(ByteBuffer buf, int off, int len) {
        Objects.requireNonNull(buf, "buf");
        if (len < HEADER_SIZE) {
            throw new IllegalArgumentException("float histogram chunk of " + len + " bytes is shorter than its header");
        }
        return new FloatHistogramChunk(buf, off, len);
    }

    /** A writable copy of stored bytes; its {@link #appender()} continues after the last sample. */
    public static FloatHistogramChunk copyOf(byte[] bytes) {
        if (bytes.length < HEADER_SIZE) {
            throw new IllegalArgumentException("float histogram chunk of " + bytes.length
                    + " bytes is shorter than its header");
        }
        FloatHistogramChunk c = new FloatHistogramChunk();
        c.writer.reset(bytes, 0, bytes.length);
        return c;
    }

    @Override
    public ChunkEncoding encoding() {
        return ChunkEncoding.FLOAT_HISTOGRAM;
    }

    @Override
    public int numSamples() {
        return writer != null ? writer.getBE16(0) : view.getShort(viewOff) & 0xffff;
    }

    /** The counter-reset header from the flags byte. */
    public CounterResetHeader counterResetHeader() {
        int flags = writer != null ? writer.array()[FLAGS_POS] : view.get(viewOff + FLAGS_POS);
        return CounterResetHeader.fromFlags(flags);
    }

    @Override
    public int size() {
        return writer != null ? writer.len() : viewLen;
    }

    @Override
    public ByteBuffer bytes() {
        if (writer != null) {
            return ByteBuffer.wrap(writer.array(), 0, writer.len()).slice().asReadOnlyBuffer();
        }
        return view.duplicate().limit(viewOff + viewLen).position(viewOff).slice().asReadOnlyBuffer();
    }

    @Override
    public FloatHistogramAppender appender() {
        if (writer == null) {
            throw new IllegalStateException("bug: appender on a read-only float histogram chunk");
        }
        if (writer.len() == HEADER_SIZE && numSamples() == 0) {
            return new FloatHistogramAppender(this);
        }
        FloatHistogramIterator it = floatHistogramIterator(null);
        while (it.next() != SampleType.NONE) {
            // replay to recover the appender state
        }
        writer.truncateBits(HEADER_SIZE * 8L + it.bitPosition());
        return new FloatHistogramAppender(this, it);
    }

    @Override
    public SampleIterator iterator(SampleIterator reuse) {
        return floatHistogramIterator(reuse);
    }

    FloatHistogramIterator floatHistogramIterator(SampleIterator reuse) {
        FloatHistogramIterator it = reuse instanceof FloatHistogramIterator h ? h : new FloatHistogramIterator();
        if (writer != null) {
            it.reset(ByteBuffer.wrap(writer.array()), 0, writer.len());
        } else {
            it.reset(view, viewOff, viewLen);
        }
        return it;
    }

    BitWriter writer() {
        return writer;
    }
}
