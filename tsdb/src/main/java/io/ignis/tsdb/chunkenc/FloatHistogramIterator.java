package io.ignis.tsdb.chunkenc;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.StaleNaN;
import io.ignis.storage.SampleType;
import java.util.Arrays;

/**
 * Decodes a {@link FloatHistogramChunk} in place; the layout is sketched there. Each
 * {@link #atFloatHistogram()} returns a new value with its own bucket arrays; spans and custom bounds are
 * shared between the values of one chunk since nothing ever changes them.
 */
final class FloatHistogramIterator extends HistogramIteratorBase {
    static final int COUNT = 0;
    static final int ZERO_COUNT = 1;
    static final int SUM = 2;
    static final int FIRST_BUCKET = 3;

    int numPositive;
    /** count, zero count, sum, then the positive and the negative buckets. */
    XorValues values = new XorValues(FIRST_BUCKET, false);

    FloatHistogramIterator() {
        super(SampleType.FLOAT_HISTOGRAM);
    }

    @Override
    void resetValues() {
        numPositive = 0;
        values = new XorValues(FIRST_BUCKET, false);
    }

    @Override
    void readFirstValues() {
        numPositive = HistogramLayout.countBuckets(layout.positiveSpans());
        int n = FIRST_BUCKET + numPositive + HistogramLayout.countBuckets(layout.negativeSpans());
        values = new XorValues(n, false);
        for (int i = 0; i < n; i++) {
            values.values[i] = Double.longBitsToDouble(br.readBits(64));
        }
    }

    @Override
    void readNextValues() {
        values.read(br, COUNT);
        values.read(br, ZERO_COUNT);
        values.read(br, SUM);
        if (StaleNaN.is(values.values[SUM])) {
            return;
        }
        for (int i = FIRST_BUCKET; i < values.size(); i++) {
            values.read(br, i);
        }
    }

    @Override
    public FloatHistogram atFloatHistogram() {
        double[] v = values.values;
        if (StaleNaN.is(v[SUM])) {
            return staleHistogram(v[SUM]);
        }
        int p = FIRST_BUCKET + numPositive;
        return reduced(new FloatHistogram(hint(), layout.schema(), layout.zeroThreshold(),
                v[ZERO_COUNT], v[COUNT], v[SUM], layout.positiveSpans(), Arrays.copyOfRange(v, FIRST_BUCKET, p),
                layout.negativeSpans(), Arrays.copyOfRange(v, p, v.length), layout.customValues()));
    }

    /** {@code h} itself, or at schema 8 when stored at a reserved finer schema, as Prometheus's readers do. */
    static FloatHistogram reduced(FloatHistogram h) {
        if (!ResolutionReducer.needsReduction(h.schema())) {
            return h;
        }
        ResolutionReducer.Mapping pm = ResolutionReducer.map(h.positiveSpans(), h.schema(),
                ResolutionReducer.MAX_SCHEMA);
        ResolutionReducer.Mapping nm = ResolutionReducer.map(h.negativeSpans(), h.schema(),
                ResolutionReducer.MAX_SCHEMA);
        return new FloatHistogram(h.counterResetHint(), ResolutionReducer.MAX_SCHEMA, h.zeroThreshold(),
                h.zeroCount(), h.count(), h.sum(), pm.spans(), ResolutionReducer.reduceCounts(pm, h.positiveBuckets()),
                nm.spans(), ResolutionReducer.reduceCounts(nm, h.negativeBuckets()), h.customValues());
    }

    static FloatHistogram staleHistogram(double staleSum) {
        return new FloatHistogram(CounterResetHint.UNKNOWN, 0, 0, 0, 0, staleSum, HistogramLayout.NO_SPANS,
                new double[0], HistogramLayout.NO_SPANS, new double[0], HistogramLayout.NO_VALUES);
    }
}
