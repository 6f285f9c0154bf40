package io.ignis.tsdb.chunkenc;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Span;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.chunkenc.BucketInserts.Expansion;
import io.ignis.tsdb.chunkenc.BucketInserts.Insert;
import io.ignis.tsdb.chunkenc.HistogramAppender.Appendability;
import java.util.Arrays;
import java.util.List;

/**
 * Appends float histograms to a {@link FloatHistogramChunk} with the rules of {@link HistogramAppender}, as
 * Prometheus's {@code FloatHistogramAppender}. One difference is Prometheus's too: a new chunk cut for any
 * reason but a counter reset gets the header "unknown", and a first sample after a previous chunk gets
 * "not reset" unless that chunk's appender sees a reset.
 */
public final class FloatHistogramAppender implements HistogramChunkAppender {
    private static final Expansion NONE = new Expansion(List.of(), List.of(), null);
    private static final int COUNT = FloatHistogramIterator.COUNT;
    private static final int ZERO_COUNT = FloatHistogramIterator.ZERO_COUNT;
    private static final int SUM = FloatHistogramIterator.SUM;
    private static final int FIRST_BUCKET = FloatHistogramIterator.FIRST_BUCKET;

    private final FloatHistogramChunk chunk;
    private final BitWriter w;

    private int schema;
    private double zeroThreshold;
    private Span[] pSpans = HistogramLayout.NO_SPANS;
    private Span[] nSpans = HistogramLayout.NO_SPANS;
    private double[] customValues = HistogramLayout.NO_VALUES;
    private long t = Long.MIN_VALUE;
    private long tDelta;
    private int numPositive;
    private XorValues values;

    FloatHistogramAppender(FloatHistogramChunk chunk) {
        this.chunk = chunk;
        this.w = chunk.writer();
        this.values = new XorValues(FIRST_BUCKET, true);
    }

    /** Continues after the last sample {@code it} read. */
    FloatHistogramAppender(FloatHistogramChunk chunk, FloatHistogramIterator it) {
        this.chunk = chunk;
        this.w = chunk.writer();
        HistogramLayout l = it.layout;
        schema = l.schema();
        zeroThreshold = l.zeroThreshold();
        pSpans = l.positiveSpans();
        nSpans = l.negativeSpans();
        customValues = l.customValues();
        t = it.t;
        tDelta = it.tDelta;
        numPositive = it.numPositive;
        values = it.values.copy();
    }

    /** The chunk this appender writes. */
    public FloatHistogramChunk chunk() {
        return chunk;
    }

    @Override
    public int numSamples() {
        return w.getBE16(0);
    }

    private void setNumSamples(int n) {
        w.setBE16(0, n);
    }

    @Override
    public CounterResetHeader counterResetHeader() {
        return CounterResetHeader.fromFlags(w.array()[HistogramChunk.FLAGS_POS]);
    }

    void setCounterResetHeader(CounterResetHeader h) {
        byte[] b = w.array();
        b[HistogramChunk.FLAGS_POS] = (byte) ((b[HistogramChunk.FLAGS_POS] & ~CounterResetHeader.MASK) | h.toFlags());
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
        if (HistogramLayout.isStaleNaN(h.sum())) {
            return new Appendability(NONE, NONE, true, CounterResetHeader.NOT_COUNTER_RESET);
        }
        if (HistogramLayout.isStaleNaN(values.values[SUM])) {
            return notOk();
        }
        if (h.count() < values.values[COUNT]) {
            return reset();
        }
        if (h.schema() != schema || h.zeroThreshold() != zeroThreshold) {
            return notOk();
        }
        if (HistogramLayout.isCustomBuckets(h.schema())
                && !HistogramLayout.customBoundsMatch(h.customValues(), customValues)) {
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

    private static Appendability reset() {
        return new Appendability(NONE, NONE, false, CounterResetHeader.COUNTER_RESET);
    }

    /** As Prometheus's {@code appendableGauge}; {@code ok} false means a new chunk. */
    Appendability appendableGauge(FloatHistogram h) {
        if (numSamples() > 0 && counterResetHeader() != CounterResetHeader.GAUGE) {
            return new Appendability(NONE, NONE, false, CounterResetHeader.GAUGE);
        }
        if (HistogramLayout.isStaleNaN(h.sum())) {
            return new Appendability(NONE, NONE, true, CounterResetHeader.GAUGE);
        }
        if (HistogramLayout.isStaleNaN(values.values[SUM]) || h.schema() != schema
                || h.zeroThreshold() != zeroThreshold
                || (HistogramLayout.isCustomBuckets(h.schema())
                        && !HistogramLayout.customBoundsMatch(h.customValues(), customValues))) {
            return new Appendability(NONE, NONE, false, CounterResetHeader.GAUGE);
        }
        return new Appendability(BucketInserts.expandBothWays(pSpans, h.positiveSpans()),
                BucketInserts.expandBothWays(nSpans, h.negativeSpans()), true, CounterResetHeader.GAUGE);
    }

    @Override
    public AppendResult appendFloatHistogram(HistogramChunkAppender prev, long t, FloatHistogram h,
            boolean appendOnly) {
        int n = numSamples();
        if (n == 0xffff) {
            throw new IllegalStateException("bug: float histogram chunk capacity of 65535 samples exceeded");
        }
        if (n == 0) {
            appendSample(0, t, h);
            if (h.counterResetHint() == CounterResetHint.GAUGE) {
                setCounterResetHeader(CounterResetHeader.GAUGE);
            } else if (h.counterResetHint() == CounterResetHint.COUNTER_RESET) {
                setCounterResetHeader(CounterResetHeader.COUNTER_RESET);
            } else if (prev instanceof FloatHistogramAppender p) {
                setCounterResetHeader(p.appendable(h).header() == CounterResetHeader.COUNTER_RESET
                        ? CounterResetHeader.COUNTER_RESET : CounterResetHeader.NOT_COUNTER_RESET);
            }
            return new AppendResult(null, false, this);
        }
        if (h.counterResetHint() != CounterResetHint.GAUGE) {
            return appendCounter(n, t, h, appendOnly);
        }
        return appendGauge(n, t, h, appendOnly);
    }

    private AppendResult appendCounter(int n, long t, FloatHistogram h, boolean appendOnly) {
        Appendability a = appendable(h);
        boolean counterReset = a.header() == CounterResetHeader.COUNTER_RESET;
        if (!a.ok() || counterReset) {
            if (appendOnly) {
                throw new UnappendableHistogramException(counterReset
                        ? "float histogram counter reset" : "float histogram schema change");
            }
            return newChunk(counterReset ? CounterResetHeader.COUNTER_RESET : CounterResetHeader.UNKNOWN, t, h);
        }
        List<Insert> pBack = a.positive().backward();
        List<Insert> nBack = a.negative().backward();
        List<Insert> pFwd = a.positive().forward();
        List<Insert> nFwd = a.negative().forward();
        if (!pBack.isEmpty() || !nBack.isEmpty()) {
            boolean noForward = pFwd.isEmpty() && nFwd.isEmpty();
            Span[] ps = noForward ? pSpans : BucketInserts.adjustForInserts(h.positiveSpans(), pBack);
            Span[] ns = noForward ? nSpans : BucketInserts.adjustForInserts(h.negativeSpans(), nBack);
            h = withBackwardInserts(h, ps, ns, pBack, nBack);
        }
        if (!pFwd.isEmpty() || !nFwd.isEmpty()) {
            if (appendOnly) {
                throw new UnappendableHistogramException("float histogram layout change with " + pFwd.size()
                        + " positive and " + nFwd.size() + " negative forwards inserts");
            }
            return recodeAndAppend(pFwd, nFwd, t, h);
        }
        appendSample(n, t, h);
        return new AppendResult(null, false, this);
    }

    private AppendResult appendGauge(int n, long t, FloatHistogram h, boolean appendOnly) {
        Appendability a = appendableGauge(h);
        if (!a.ok()) {
            if (appendOnly) {
                throw new UnappendableHistogramException("float gauge histogram schema change");
            }
            return newChunk(CounterResetHeader.GAUGE, t, h);
        }
        List<Insert> pBack = a.positive().backward();
        List<Insert> nBack = a.negative().backward();
        List<Insert> pFwd = a.positive().forward();
        List<Insert> nFwd = a.negative().forward();
        if (!pBack.isEmpty() || !nBack.isEmpty()) {
            if (appendOnly) {
                throw new UnappendableHistogramException("float gauge histogram layout change with "
                        + pBack.size() + " positive and " + nBack.size() + " negative backwards inserts");
            }
            h = withBackwardInserts(h, a.positive().merged(), a.negative().merged(), pBack, nBack);
        }
        if (!pFwd.isEmpty() || !nFwd.isEmpty()) {
            if (appendOnly) {
                throw new UnappendableHistogramException("float gauge histogram layout change with "
                        + pFwd.size() + " positive and " + nFwd.size() + " negative forwards inserts");
            }
            return recodeAndAppend(pFwd, nFwd, t, h);
        }
        appendSample(n, t, h);
        return new AppendResult(null, false, this);
    }

    private static FloatHistogram withBackwardInserts(FloatHistogram h, Span[] ps, Span[] ns, List<Insert> pBack,
            List<Insert> nBack) {
        double[] pb = pBack.isEmpty() ? h.positiveBuckets() : BucketInserts.insertCounts(h.positiveBuckets(),
                new double[HistogramLayout.countBuckets(ps)], pBack);
        double[] nb = nBack.isEmpty() ? h.negativeBuckets() : BucketInserts.insertCounts(h.negativeBuckets(),
                new double[HistogramLayout.countBuckets(ns)], nBack);
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
        int np = HistogramLayout.countBuckets(ps);
        int nn = HistogramLayout.countBuckets(ns);
        FloatHistogramChunk c = new FloatHistogramChunk();
        FloatHistogramAppender app = c.appender();
        FloatHistogramIterator it = chunk.floatHistogramIterator(null);
        int num = 0;
        while (it.next() != SampleType.NONE) {
            FloatHistogram old = it.atFloatHistogram();
            if (!HistogramLayout.isStaleNaN(old.sum())) {
                double[] pb = pFwd.isEmpty() ? old.positiveBuckets()
                        : BucketInserts.insertCounts(old.positiveBuckets(), new double[np], pFwd);
                double[] nb = nFwd.isEmpty() ? old.negativeBuckets()
                        : BucketInserts.insertCounts(old.negativeBuckets(), new double[nn], nFwd);
                old = new FloatHistogram(old.counterResetHint(), old.schema(), old.zeroThreshold(),
                        old.zeroCount(), old.count(), old.sum(), ps, pb, ns, nb, old.customValues());
            }
            app.appendSample(num++, it.atT(), old);
        }
        app.setCounterResetHeader(counterResetHeader());
        app.appendSample(num, t, h);
        return new AppendResult(c, true, app);
    }

    /** Prometheus's {@code appendFloatHistogram}: writes sample number {@code num} and bumps the count. */
    private void appendSample(int num, long t, FloatHistogram h) {
        if (HistogramLayout.isStaleNaN(h.sum())) {
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
        HistogramLayout.write(w, h.schema(), h.zeroThreshold(), h.positiveSpans(), h.negativeSpans(),
                h.customValues());
        schema = h.schema();
        zeroThreshold = h.zeroThreshold();
        pSpans = h.positiveSpans();
        nSpans = h.negativeSpans();
        customValues = h.customValues();
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
