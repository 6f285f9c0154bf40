package io.ignis.tsdb.chunkenc;

import io.ignis.model.CounterResetHint;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.model.StaleNaN;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.chunkenc.BucketInserts.Expansion;
import io.ignis.tsdb.chunkenc.BucketInserts.Insert;
import java.util.List;

/**
 * Appends integer histograms to a {@link HistogramChunk}, with Prometheus's rules ({@code HistogramAppender}):
 * a counter histogram extends the chunk unless it is a counter reset (explicit hint, a count, zero count or
 * bucket went down, a non-empty bucket vanished, custom bounds changed) or changes schema or zero threshold;
 * new buckets recode the chunk to the wider layout, buckets missing from the sample are filled with zeros.
 * Gauge histograms may go up and down; their layouts are merged both ways.
 */
public final class HistogramAppender extends HistogramAppenderBase implements HistogramChunkAppender {
    private final HistogramChunk chunk;
    private long count;
    private long zeroCount;
    private long countDelta;
    private long zeroCountDelta;
    private long[] pBuckets = new long[0];
    private long[] nBuckets = new long[0];
    private long[] pBucketsDelta = new long[0];
    private long[] nBucketsDelta = new long[0];
    private final XorValues sum;

    HistogramAppender(HistogramChunk chunk) {
        super("", chunk.writer());
        this.chunk = chunk;
        this.sum = new XorValues(1, true);
    }

    /** Continues after the last sample {@code it} read. */
    HistogramAppender(HistogramChunk chunk, HistogramIterator it) {
        super("", chunk.writer(), it);
        this.chunk = chunk;
        count = it.count;
        zeroCount = it.zeroCount;
        countDelta = it.countDelta;
        zeroCountDelta = it.zeroCountDelta;
        pBuckets = it.pBuckets.clone();
        nBuckets = it.nBuckets.clone();
        pBucketsDelta = it.pBucketsDelta.clone();
        nBucketsDelta = it.nBucketsDelta.clone();
        sum = it.sum.copy();
    }

    /** The chunk this appender writes. */
    public HistogramChunk chunk() {
        return chunk;
    }

    /** As Prometheus's {@code appendable}: the checks for a counter histogram. */
    Appendability appendable(Histogram h) {
        if (numSamples() > 0 && counterResetHeader() == CounterResetHeader.GAUGE) {
            return new Appendability(NONE, NONE, false, CounterResetHeader.NOT_COUNTER_RESET);
        }
        if (h.counterResetHint() == CounterResetHint.COUNTER_RESET) {
            return reset();
        }
        if (StaleNaN.is(h.sum())) {
            return new Appendability(NONE, NONE, true, CounterResetHeader.NOT_COUNTER_RESET);
        }
        if (StaleNaN.is(sum.values[0])) {
            return new Appendability(NONE, NONE, false, CounterResetHeader.UNKNOWN);
        }
        if (Long.compareUnsigned(h.count(), count) < 0) {
            return reset();
        }
        if (schemaChanged(h.schema(), h.zeroThreshold())) {
            return new Appendability(NONE, NONE, false, CounterResetHeader.UNKNOWN);
        }
        if (customBoundsChanged(h.schema(), h.customValues())) {
            return reset();
        }
        if (Long.compareUnsigned(h.zeroCount(), zeroCount) < 0) {
            return reset();
        }
        Expansion pos = BucketInserts.expandInts(pSpans, h.positiveSpans(), pBuckets, h.positiveDeltas());
        if (pos == null) {
            return reset();
        }
        Expansion neg = BucketInserts.expandInts(nSpans, h.negativeSpans(), nBuckets, h.negativeDeltas());
        if (neg == null) {
            return reset();
        }
        return new Appendability(pos, neg, true, CounterResetHeader.NOT_COUNTER_RESET);
    }

    Appendability appendableGauge(Histogram h) {
        return appendableGauge(h.sum(), h.schema(), h.zeroThreshold(), h.positiveSpans(), h.negativeSpans(),
                h.customValues(), sum.values[0]);
    }

    @Override
    public AppendResult appendHistogram(HistogramChunkAppender prev, long t, Histogram h, boolean appendOnly) {
        int n = checkedNumSamples();
        if (n == 0) {
            appendSample(0, t, h);
            if (!setHeaderFromHint(h.counterResetHint()) && prev instanceof HistogramAppender p) {
                setCounterResetHeader(p.appendable(h).header());
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
    private static Histogram withInserts(Histogram h, Span[] ps, Span[] ns, List<Insert> pInserts,
            List<Insert> nInserts) {
        long[] pb = pInserts.isEmpty() ? h.positiveDeltas() : BucketInserts.insertDeltas(h.positiveDeltas(),
                new long[HistogramLayout.countBuckets(ps)], pInserts);
        long[] nb = nInserts.isEmpty() ? h.negativeDeltas() : BucketInserts.insertDeltas(h.negativeDeltas(),
                new long[HistogramLayout.countBuckets(ns)], nInserts);
        return new Histogram(h.counterResetHint(), h.schema(), h.zeroThreshold(), h.zeroCount(), h.count(), h.sum(),
                ps, pb, ns, nb, h.customValues());
    }

    private AppendResult newChunk(CounterResetHeader header, long t, Histogram h) {
        HistogramChunk c = new HistogramChunk();
        HistogramAppender app = c.appender();
        app.setCounterResetHeader(header);
        app.appendSample(0, t, h);
        return new AppendResult(c, false, app);
    }

    /** As Prometheus's {@code recode}: rewrites this chunk's samples with the forward inserts, then appends. */
    private AppendResult recodeAndAppend(List<Insert> pFwd, List<Insert> nFwd, long t, Histogram h) {
        Span[] ps = h.positiveSpans();
        Span[] ns = h.negativeSpans();
        HistogramChunk c = new HistogramChunk();
        HistogramAppender app = c.appender();
        HistogramIterator it = chunk.histogramIterator(null);
        int num = 0;
        while (it.next() != SampleType.NONE) {
            Histogram old = it.atHistogram();
            if (!StaleNaN.is(old.sum())) {
                old = withInserts(old, ps, ns, pFwd, nFwd);
            }
            app.appendSample(num++, it.atT(), old);
        }
        app.setCounterResetHeader(counterResetHeader());
        app.appendSample(num, t, h);
        return new AppendResult(c, true, app);
    }

    /** Prometheus's {@code appendHistogram}: writes sample number {@code num} and bumps the count. */
    private void appendSample(int num, long t, Histogram h) {
        if (StaleNaN.is(h.sum())) {
            h = HistogramIterator.staleHistogram(h.sum());
        }
        long dT = 0;
        long dCount = 0;
        long dZero = 0;
        if (num == 0) {
            writeFirst(t, h);
        } else {
            dT = t - this.t;
            dCount = h.count() - count;
            dZero = h.zeroCount() - zeroCount;
            boolean stale = StaleNaN.is(h.sum());
            Varbit.putInt(w, dT - tDelta);
            Varbit.putInt(w, stale ? 0 : dCount - countDelta);
            Varbit.putInt(w, stale ? 0 : dZero - zeroCountDelta);
            sum.write(w, 0, h.sum());
            putBucketDods(h.positiveDeltas(), pBuckets, pBucketsDelta);
            putBucketDods(h.negativeDeltas(), nBuckets, nBucketsDelta);
        }
        this.t = t;
        count = h.count();
        zeroCount = h.zeroCount();
        tDelta = dT;
        countDelta = dCount;
        zeroCountDelta = dZero;
        System.arraycopy(h.positiveDeltas(), 0, pBuckets, 0, Math.min(pBuckets.length, h.positiveDeltas().length));
        System.arraycopy(h.negativeDeltas(), 0, nBuckets, 0, Math.min(nBuckets.length, h.negativeDeltas().length));
        sum.values[0] = h.sum();
        setNumSamples(num + 1);
    }

    private void writeFirst(long t, Histogram h) {
        writeLayout(h.schema(), h.zeroThreshold(), h.positiveSpans(), h.negativeSpans(), h.customValues());
        int np = HistogramLayout.countBuckets(pSpans);
        int nn = HistogramLayout.countBuckets(nSpans);
        pBuckets = new long[np];
        pBucketsDelta = new long[np];
        nBuckets = new long[nn];
        nBucketsDelta = new long[nn];
        Varbit.putInt(w, t);
        Varbit.putUint(w, h.count());
        Varbit.putUint(w, h.zeroCount());
        w.writeBits(Double.doubleToRawLongBits(h.sum()), 64);
        for (long b : h.positiveDeltas()) {
            Varbit.putInt(w, b);
        }
        for (long b : h.negativeDeltas()) {
            Varbit.putInt(w, b);
        }
    }

    private void putBucketDods(long[] buckets, long[] prev, long[] prevDelta) {
        if (buckets.length > prev.length) {
            throw new IllegalArgumentException("histogram has " + buckets.length + " buckets, its spans "
                    + prev.length);
        }
        for (int i = 0; i < buckets.length; i++) {
            long delta = buckets[i] - prev[i];
            Varbit.putInt(w, delta - prevDelta[i]);
            prevDelta[i] = delta;
        }
    }
}
