package io.ignis.tsdb.chunkenc;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.model.StaleNaN;
import io.ignis.storage.SampleType;

/**
 * Decodes a {@link HistogramChunk} in place; the layout is sketched there. Each {@link #atHistogram()} returns
 * a new value with its own bucket arrays; spans and custom bounds are shared between the values of one chunk
 * since nothing ever changes them.
 */
final class HistogramIterator extends HistogramIteratorBase {
    long count;
    long zeroCount;
    long countDelta;
    long zeroCountDelta;
    long[] pBuckets = new long[0]; // model deltas between neighbouring buckets
    long[] nBuckets = new long[0];
    long[] pBucketsDelta = new long[0];
    long[] nBucketsDelta = new long[0];
    final XorValues sum = new XorValues(1, false);

    HistogramIterator() {
        super(SampleType.HISTOGRAM);
    }

    @Override
    void resetValues() {
        count = 0;
        zeroCount = 0;
        countDelta = 0;
        zeroCountDelta = 0;
        sum.values[0] = 0;
        sum.leading[0] = 0;
        sum.trailing[0] = 0;
    }

    @Override
    void readFirstValues() {
        int np = HistogramLayout.countBuckets(layout.positiveSpans());
        int nn = HistogramLayout.countBuckets(layout.negativeSpans());
        pBuckets = new long[np];
        pBucketsDelta = new long[np];
        nBuckets = new long[nn];
        nBucketsDelta = new long[nn];
        count = Varbit.readUint(br);
        zeroCount = Varbit.readUint(br);
        sum.values[0] = Double.longBitsToDouble(br.readBits(64));
        for (int i = 0; i < np; i++) {
            pBuckets[i] = Varbit.readInt(br);
        }
        for (int i = 0; i < nn; i++) {
            nBuckets[i] = Varbit.readInt(br);
        }
    }

    @Override
    void readNextValues() {
        countDelta += Varbit.readInt(br);
        count += countDelta;
        zeroCountDelta += Varbit.readInt(br);
        zeroCount += zeroCountDelta;
        sum.read(br, 0);
        if (StaleNaN.is(sum.values[0])) {
            return;
        }
        for (int i = 0; i < pBuckets.length; i++) {
            pBucketsDelta[i] += Varbit.readInt(br);
            pBuckets[i] += pBucketsDelta[i];
        }
        for (int i = 0; i < nBuckets.length; i++) {
            nBucketsDelta[i] += Varbit.readInt(br);
            nBuckets[i] += nBucketsDelta[i];
        }
    }

    @Override
    public Histogram atHistogram() {
        double s = sum.values[0];
        if (StaleNaN.is(s)) {
            return staleHistogram(s);
        }
        int schema = layout.schema();
        if (ResolutionReducer.needsReduction(schema)) {
            ResolutionReducer.Mapping pm = ResolutionReducer.map(layout.positiveSpans(), schema,
                    ResolutionReducer.MAX_SCHEMA);
            ResolutionReducer.Mapping nm = ResolutionReducer.map(layout.negativeSpans(), schema,
                    ResolutionReducer.MAX_SCHEMA);
            return new Histogram(hint(), ResolutionReducer.MAX_SCHEMA, layout.zeroThreshold(), zeroCount, count, s,
                    pm.spans(), ResolutionReducer.reduceDeltas(pm, pBuckets), nm.spans(),
                    ResolutionReducer.reduceDeltas(nm, nBuckets), layout.customValues());
        }
        return new Histogram(hint(), schema, layout.zeroThreshold(), zeroCount, count, s,
                layout.positiveSpans(), pBuckets.clone(), layout.negativeSpans(), nBuckets.clone(),
                layout.customValues());
    }

    @Override
    public FloatHistogram atFloatHistogram() {
        double s = sum.values[0];
        if (StaleNaN.is(s)) {
            return FloatHistogramIterator.staleHistogram(s);
        }
        return FloatHistogramIterator.reduced(new FloatHistogram(hint(), layout.schema(), layout.zeroThreshold(),
                zeroCount, count, s, layout.positiveSpans(), absolute(pBuckets), layout.negativeSpans(),
                absolute(nBuckets), layout.customValues()));
    }

    static Histogram staleHistogram(double staleSum) {
        return new Histogram(CounterResetHint.UNKNOWN, 0, 0, 0, 0, staleSum, HistogramLayout.NO_SPANS,
                new long[0], HistogramLayout.NO_SPANS, new long[0], HistogramLayout.NO_VALUES);
    }

    private static double[] absolute(long[] deltas) {
        double[] out = new double[deltas.length];
        double current = 0; // summed as floats, as Prometheus does
        for (int i = 0; i < deltas.length; i++) {
            current += deltas[i];
            out[i] = current;
        }
        return out;
    }

    Span[] positiveSpans() {
        return layout.positiveSpans();
    }
}
