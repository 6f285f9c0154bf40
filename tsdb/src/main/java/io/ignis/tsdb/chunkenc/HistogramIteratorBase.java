package io.ignis.tsdb.chunkenc;

import io.ignis.model.CounterResetHint;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import java.nio.ByteBuffer;

/**
 * What the integer and the float histogram iterators share: the chunk header, the bucket layout before the
 * first sample and each sample's timestamp (a varbit delta of deltas). The values after the timestamp are
 * encoded differently and are decoded by the subclasses.
 */
abstract sealed class HistogramIteratorBase implements SampleIterator, HistogramChunkBase.Reader
        permits HistogramIterator, FloatHistogramIterator {
    final BitReader br = new BitReader();
    private final SampleType type;
    private int numTotal;
    private int numRead;
    private CounterResetHeader header;

    HistogramLayout layout;
    long t;
    long tDelta;

    HistogramIteratorBase(SampleType type) {
        this.type = type;
    }

    /** Forgets the values of the previous chunk. */
    abstract void resetValues();

    /** Sizes the value state for {@link #layout} and reads the first sample's values in full. */
    abstract void readFirstValues();

    /** Reads the next sample's values as changes against the previous sample's. */
    abstract void readNextValues();

    @Override
    public final void reset(ByteBuffer buf, int off, int len) {
        numTotal = buf.getShort(off) & 0xffff;
        header = CounterResetHeader.fromFlags(buf.get(off + HistogramChunkBase.FLAGS_POS));
        br.reset(buf, off + HistogramChunkBase.HEADER_SIZE, len - HistogramChunkBase.HEADER_SIZE);
        numRead = 0;
        layout = null;
        t = Long.MIN_VALUE;
        tDelta = 0;
        resetValues();
    }

    @Override
    public final SampleType next() {
        if (numRead == numTotal) {
            return SampleType.NONE;
        }
        if (numRead == 0) {
            layout = HistogramLayout.read(br);
            t = Varbit.readInt(br);
            readFirstValues();
        } else {
            tDelta += Varbit.readInt(br);
            t += tDelta;
            readNextValues();
        }
        numRead++;
        return type;
    }

    @Override
    public final SampleType seek(long target) {
        while (numRead == 0 || t < target) {
            if (next() == SampleType.NONE) {
                return SampleType.NONE;
            }
        }
        return type;
    }

    @Override
    public final long atT() {
        return t;
    }

    @Override
    public final double atV() {
        throw new IllegalStateException("bug: atV on a "
                + (type == SampleType.HISTOGRAM ? "histogram" : "float histogram") + " chunk iterator");
    }

    /** The hint for the current sample, from the chunk header and the sample's position. */
    final CounterResetHint hint() {
        return header.hintForSample(numRead);
    }

    final CounterResetHeader header() {
        return header;
    }

    final long bitPosition() {
        return br.bitPosition();
    }
}
