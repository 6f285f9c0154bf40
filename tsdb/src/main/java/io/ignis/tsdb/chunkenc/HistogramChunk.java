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
public final class HistogramChunk implements Chunk {
    /** Prometheus's size target for histogram chunks ({@code TargetBytesPerHistogramChunk}), for the head. */
    public static final int TARGET_BYTES = 1024;
    /** Prometheus's {@code MinSamplesPerHistogramChunk}: the head cuts for size only after this many samples. */
    public static final int MIN_SAMPLES = 10;

    static final int HEADER_SIZE = 3;
    static final int FLAGS_POS = 2;

    private final BitWriter writer; // null for a read-only view
    private final ByteBuffer view;
    private final int viewOff;
    private final int viewLen;

    /** An empty chunk to append to. */
    public HistogramChunk() {
        writer = new BitWriter(128);
        writer.writeBits(0, HEADER_SIZE * 8);
        view = null;
        viewOff = 0;
        viewLen = 0;
    }

    private HistogramChunk(ByteBuffer buf, int off, int len) {
        writer = null;
        view = buf;
        viewOff = off;
        viewLen = len;
    }

    /** A read-only chunk over stored bytes, decoded in place. */
    public static HistogramChunk view(ByteBuffer buf, int off, int len) {
        Objects.requireNonNull(buf, "buf");
        if (len < HEADER_SIZE) {
            throw new IllegalArgumentException("histogram chunk of " + len + " bytes is shorter than its header");
        }
        return new HistogramChunk(buf, off, len);
    }

    /** A writable copy of stored bytes; its {@link #appender()} continues after the last sample. */
    public static HistogramChunk copyOf(byte[] bytes) {
        if (bytes.length < HEADER_SIZE) {
            throw new IllegalArgumentException("histogram chunk of " + bytes.length
                    + " bytes is shorter than its header");
        }
        HistogramChunk c = new HistogramChunk();
        c.writer.reset(bytes, 0, bytes.length);
        return c;
    }

    @Override
    public ChunkEncoding encoding() {
        return ChunkEncoding.HISTOGRAM;
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
    public HistogramAppender appender() {
        if (writer == null) {
            throw new IllegalStateException("bug: appender on a read-only histogram chunk");
        }
        if (writer.len() == HEADER_SIZE && numSamples() == 0) {
            return new HistogramAppender(this);
        }
        HistogramIterator it = histogramIterator(null);
        while (it.next() != SampleType.NONE) {
            // replay to recover the appender state
        }
        writer.truncateBits(HEADER_SIZE * 8L + it.bitPosition());
        return new HistogramAppender(this, it);
    }

    @Override
    public SampleIterator iterator(SampleIterator reuse) {
        return histogramIterator(reuse);
    }

    HistogramIterator histogramIterator(SampleIterator reuse) {
        HistogramIterator it = reuse instanceof HistogramIterator h ? h : new HistogramIterator();
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
