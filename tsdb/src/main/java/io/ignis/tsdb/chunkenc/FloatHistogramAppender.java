package io.ignis.tsdb.chunkenc;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Span;
import io.ignis.model.StaleNaN;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.chunkenc.BucketInserts.Expansion;
import io.ignis.tsdb.chunkenc.BucketInserts.Insert;
import java.util.Arrays;
import java.util.List;

/**
 * Appends float histograms to a {@link FloatHistogramChunk} with the rules of {@link HistogramAppender}, as
 * Prometheus's {@code FloatHistogramAppender}. One difference is Prometheus's too: a new chunk cut for any
 * reason but a counter reset gets the header "unknown", and a first sample after a previous chunk gets
 * "not reset" unless that chunk's appender sees a reset.
 */
public final class FloatHistogramAppender extends HistogramAppenderBase implements HistogramChunkAppender {
    private static final int COUNT = FloatHistogramIterator.COUNT;
    private static final int ZERO_COUNT = FloatHistogramIterator.ZERO_COUNT;
    private static final int SUM = FloatHistogramIterator.SUM;
    private static final int FIRST_BUCKET = FloatHistogramIterator.FIRST_BUCKET;

    private final FloatHistogramChunk chunk;
    private int numPositive;
    private XorValues values;

    FloatHistogramAppender(FloatHistogramChunk chunk) {
        super("float ", chunk.writer());
        this.chunk = chunk;
        this.values = new XorValues(FIRST_BUCKET, true);
    }

    /** Continues after the last sample {@code it} read. */
    FloatHistogramAppender(FloatHistogramChunk chunk, FloatHistogramIterator it) {
        super("float ", chunk.writer(), it);
        this.chunk = chunk;
        numPositive = it.numPositive;
        values = it.values.copy();
    }

    /** The chunk this appender writes. */
    public FloatHistogramChunk chunk() {
        return chunk;
    }

    private double[] positiveBuckets() {
        return Arrays.copyOfRange(values.values, FIRST_BUCKET, FIRST_BUCKET + numPositive);
    }

    private double[] negativeBuckets() {
        return Arrays.copyOfRange(values.values, FIRST_BUCKET + numPositive, values.size());
    }

    /** As Prometheus's {@code appendable}; header COUNTER_RESET stands for its {@code counterReset} result. */
    Appendability appendable(FloatHistogram h) {
        if (numSamples() > 0 && counterResetHeader() == CounterResetHeader.GAUGE) {
            return notOk();
        }
        if (h.counterResetHint() == CounterResetHint.COUNTER_RESET) {
            return reset();
        }
        if (StaleNaN.is(h.sum())) {
            return new Appendability(NONE, NONE, true, CounterResetHeader.NOT_COUNTER_RESET);
        }
        if (StaleNaN.is(values.values[SUM])) {
            return notOk();
        }
        if (h.count() < values.values[COUNT]) {
            return reset();
        }
        if (schemaChanged(h.schema(), h.zeroThreshold())) {
            return notOk();
        }
        if (customBoundsChanged(h.schema(), h.customValues())) {
            return reset();
        }
        if (h.zeroCount() < values.values[ZERO_COUNT]) {
            return reset();
        }
        Expansion pos = BucketInserts.expandCounts(pSpans, h.positiveSpans(), positiveBuckets(),
                h.positiveBuckets());
        if (pos == null) {
            return reset();
        }
        Expansion neg = BucketInserts.expandCounts(nSpans, h.negativeSpans(), negativeBuckets(),
                h.negativeBuckets());
        if (neg == null) {
            return reset();
        }
        return new Appendability(pos, neg, true, CounterResetHeader.NOT_COUNTER_RESET);
    }

    private static Appendability notOk() {
        return new Appendability(NONE, NONE, false, CounterResetHeader.UNKNOWN);
    }

    Appendability appendableGauge(FloatHistogram h) {
        return appendableGauge(h.sum(), h.schema(), h.zeroThreshold(), h.positiveSpans(), h.negativeSpans(),
                h.customValues(), values.values[SUM]);
    }

    @Override
    public AppendResult appendFloatHistogram(HistogramChunkAppender prev, long t, FloatHistogram h,
            boolean appendOnly) {
        int n = checkedNumSamples();
        if (n == 0) {
            appendSample(0, t, h);
            if (!setHeaderFromHint(h.counterResetHint()) && prev instanceof FloatHistogramAppender p) {
                setCounterResetHeader(p.appendable(h).header() == CounterResetHeader.COUNTER_RESET
                        ? CounterResetHeader.COUNTER_RESET : CounterResetHeader.NOT_COUNTER_RESET);
            }
            return new AppendResult(null, false, this);
        }
        boolean gauge = h.counterResetHint() == CounterResetHint.GAUGE;
        Appendability a = gauge ? appendableGauge(h) : appendable(h);
        CounterResetHeader cut = newChunkHeader(a, gauge, appendOnly);
        if (cut != null) {
            return newChunk(cut, t, h);
        }
        if (hasBackwardInserts(a, gauge, appendOnly)) {
            h = withInserts(h, spansWithBackwardInserts(a, gauge, true, h.positiveSpans()),
                    spansWithBackwardInserts(a, gauge, false, h.negativeSpans()), a.positive().backward(),
                    a.negative().backward());
        }
        if (hasForwardInserts(a, gauge, appendOnly)) {
            return recodeAndAppend(a.positive().forward(), a.negative().forward(), t, h);
        }
        appendSample(n, t, h);
        return new AppendResult(null, false, this);
    }

    /** {@code h} with spans {@code ps} and {@code ns}, zeros inserted into its buckets where they say. */
    private static FloatHistogram withInserts(FloatHistogram h, Span[] ps, Span[] ns, List<Insert> pInserts,
            List<Insert> nInserts) {
        double[] pb = pInserts.isEmpty() ? h.positiveBuckets() : BucketInserts.insertCounts(h.positiveBuckets(),
                new double[HistogramLayout.countBuckets(ps)], pInserts);
        double[] nb = nInserts.isEmpty() ? h.negativeBuckets() : BucketInserts.insertCounts(h.negativeBuckets(),
                new double[HistogramLayout.countBuckets(ns)], nInserts);
        return new FloatHistogram(h.counterResetHint(), h.schema(), h.zeroThreshold(), h.zeroCount(), h.count(),
                h.sum(), ps, pb, ns, nb, h.customValues());
    }

    private AppendResult newChunk(CounterResetHeader header, long t, FloatHistogram h) {
        FloatHistogramChunk c = new FloatHistogramChunk();
        FloatHistogramAppender app = c.appender();
        app.setCounterResetHeader(header);
        app.appendSample(0, t, h);
        return new AppendResult(c, false, app);
    }

    /** As Prometheus's {@code recode}: rewrites this chunk's samples with the forward inserts, then appends. */
    private AppendResult recodeAndAppend(List<Insert> pFwd, List<Insert> nFwd, long t, FloatHistogram h) {
        Span[] ps = h.positiveSpans();
        Span[] ns = h.negativeSpans();
        FloatHistogramChunk c = new FloatHistogramChunk();
        FloatHistogramAppender app = c.appender();
        FloatHistogramIterator it = chunk.floatHistogramIterator(null);
        int num = 0;
        while (it.next() != SampleType.NONE) {
            FloatHistogram old = it.atFloatHistogram();
            if (!StaleNaN.is(old.sum())) {
                old = withInserts(old, ps, ns, pFwd, nFwd);
            }
            app.appendSample(num++, it.atT(), old);
        }
        app.setCounterResetHeader(counterResetHeader());
        app.appendSample(num, t, h);
        return new AppendResult(c, true, app);
    }

    /** Prometheus's {@code appendFloatHistogram}: writes sample number {@code num} and bumps the count. */
    private void appendSample(int num, long t, FloatHistogram h) {
        if (StaleNaN.is(h.sum())) {
            h = FloatHistogramIterator.staleHistogram(h.sum());
        }
        long dT = 0;
        if (num == 0) {
            writeFirst(t, h);
        } else {
            dT = t - this.t;
            Varbit.putInt(w, dT - tDelta);
            values.write(w, COUNT, h.count());
            values.write(w, ZERO_COUNT, h.zeroCount());
            values.write(w, SUM, h.sum());
            double[] pb = h.positiveBuckets();
            double[] nb = h.negativeBuckets();
            if (pb.length > numPositive || nb.length > values.size() - FIRST_BUCKET - numPositive) {
                throw new IllegalArgumentException("float histogram has more buckets than its chunk's spans");
            }
            for (int i = 0; i < pb.length; i++) {
                values.write(w, FIRST_BUCKET + i, pb[i]);
            }
            for (int i = 0; i < nb.length; i++) {
                values.write(w, FIRST_BUCKET + numPositive + i, nb[i]);
            }
        }
        this.t = t;
        tDelta = dT;
        setNumSamples(num + 1);
    }

    private void writeFirst(long t, FloatHistogram h) {
        writeLayout(h.schema(), h.zeroThreshold(), h.positiveSpans(), h.negativeSpans(), h.customValues());
        numPositive = HistogramLayout.countBuckets(pSpans);
        XorValues fresh = new XorValues(FIRST_BUCKET + numPositive + HistogramLayout.countBuckets(nSpans), true);
        for (int i = 0; i < FIRST_BUCKET; i++) {
            fresh.leading[i] = values.leading[i];
            fresh.trailing[i] = values.trailing[i];
        }
        values = fresh;
        Varbit.putInt(w, t);
        double[] v = values.values;
        v[COUNT] = h.count();
        v[ZERO_COUNT] = h.zeroCount();
        v[SUM] = h.sum();
        System.arraycopy(h.positiveBuckets(), 0, v, FIRST_BUCKET, Math.min(numPositive, h.positiveBuckets().length));
        System.arraycopy(h.negativeBuckets(), 0, v, FIRST_BUCKET + numPositive,
                Math.min(v.length - FIRST_BUCKET - numPositive, h.negativeBuckets().length));
        for (double x : v) {
            w.writeBits(Double.doubleToRawLongBits(x), 64);
        }
    }
}
