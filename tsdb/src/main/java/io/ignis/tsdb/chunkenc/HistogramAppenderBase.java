package io.ignis.tsdb.chunkenc;

import io.ignis.model.CounterResetHint;
import io.ignis.model.Span;
import io.ignis.model.StaleNaN;
import io.ignis.tsdb.chunkenc.BucketInserts.Expansion;
import java.util.List;

/**
 * What the integer and the float histogram appenders share: the chunk header (sample count, counter-reset
 * header), the bucket layout written before the first sample, and Prometheus's decisions on a new sample:
 * whether it extends the chunk, cuts a new one or recodes this one to a wider layout, and what
 * {@code appendOnly} forbids. Encoding the values is the subclasses' job.
 */
abstract sealed class HistogramAppenderBase permits HistogramAppender, FloatHistogramAppender {
    static final Expansion NONE = new Expansion(List.of(), List.of(), null);

    /** Whether {@code h} can extend this chunk, the inserts that takes, and the header a new chunk would get. */
    record Appendability(Expansion positive, Expansion negative, boolean ok, CounterResetHeader header) {
    }

    /** "" or "float ", to start the messages of {@link UnappendableHistogramException}. */
    private final String kind;
    final BitWriter w;

    int schema;
    double zeroThreshold;
    Span[] pSpans = HistogramLayout.NO_SPANS;
    Span[] nSpans = HistogramLayout.NO_SPANS;
    double[] customValues = HistogramLayout.NO_VALUES;
    long t = Long.MIN_VALUE;
    long tDelta;

    HistogramAppenderBase(String kind, BitWriter w) {
        this.kind = kind;
        this.w = w;
    }

    /** Continues after the last sample {@code it} read. */
    HistogramAppenderBase(String kind, BitWriter w, HistogramIteratorBase it) {
        this(kind, w);
        HistogramLayout l = it.layout;
        schema = l.schema();
        zeroThreshold = l.zeroThreshold();
        pSpans = l.positiveSpans();
        nSpans = l.negativeSpans();
        customValues = l.customValues();
        t = it.t;
        tDelta = it.tDelta;
    }

    public final int numSamples() {
        return w.getBE16(0);
    }

    final void setNumSamples(int n) {
        w.setBE16(0, n);
    }

    public final CounterResetHeader counterResetHeader() {
        return CounterResetHeader.fromFlags(w.array()[HistogramChunkBase.FLAGS_POS]);
    }

    final void setCounterResetHeader(CounterResetHeader h) {
        byte[] b = w.array();
        b[HistogramChunkBase.FLAGS_POS] =
                (byte) ((b[HistogramChunkBase.FLAGS_POS] & ~CounterResetHeader.MASK) | h.toFlags());
    }

    /** The number of samples so far; throws when the chunk is full. */
    final int checkedNumSamples() {
        int n = numSamples();
        if (n == 0xffff) {
            throw new IllegalStateException("bug: " + kind + "histogram chunk capacity of 65535 samples exceeded");
        }
        return n;
    }

    /** Sets the header a first sample's explicit hint asks for; false when it asks for none. */
    final boolean setHeaderFromHint(CounterResetHint hint) {
        if (hint == CounterResetHint.GAUGE) {
            setCounterResetHeader(CounterResetHeader.GAUGE);
            return true;
        }
        if (hint == CounterResetHint.COUNTER_RESET) {
            setCounterResetHeader(CounterResetHeader.COUNTER_RESET);
            return true;
        }
        return false;
    }

    /** Writes the layout of the first sample and keeps it. */
    final void writeLayout(int schema, double zeroThreshold, Span[] pSpans, Span[] nSpans, double[] customValues) {
        HistogramLayout.write(w, schema, zeroThreshold, pSpans, nSpans, customValues);
        this.schema = schema;
        this.zeroThreshold = zeroThreshold;
        this.pSpans = pSpans;
        this.nSpans = nSpans;
        this.customValues = customValues;
    }

    final boolean schemaChanged(int schema, double zeroThreshold) {
        return schema != this.schema || zeroThreshold != this.zeroThreshold;
    }

    final boolean customBoundsChanged(int schema, double[] customValues) {
        return HistogramLayout.isCustomBuckets(schema)
                && !HistogramLayout.customBoundsMatch(customValues, this.customValues);
    }

    static Appendability reset() {
        return new Appendability(NONE, NONE, false, CounterResetHeader.COUNTER_RESET);
    }

    /**
     * As Prometheus's {@code appendableGauge} for a sample with this sum and layout, after a last sample with
     * {@code lastSum}; {@code ok} false means a new chunk.
     */
    final Appendability appendableGauge(double sum, int schema, double zeroThreshold, Span[] positiveSpans,
            Span[] negativeSpans, double[] customValues, double lastSum) {
        if (numSamples() > 0 && counterResetHeader() != CounterResetHeader.GAUGE) {
            return new Appendability(NONE, NONE, false, CounterResetHeader.GAUGE);
        }
        if (StaleNaN.is(sum)) {
            return new Appendability(NONE, NONE, true, CounterResetHeader.GAUGE);
        }
        if (StaleNaN.is(lastSum) || schemaChanged(schema, zeroThreshold)
                || customBoundsChanged(schema, customValues)) {
            return new Appendability(NONE, NONE, false, CounterResetHeader.GAUGE);
        }
        return new Appendability(BucketInserts.expandBothWays(pSpans, positiveSpans),
                BucketInserts.expandBothWays(nSpans, negativeSpans), true, CounterResetHeader.GAUGE);
    }

    /**
     * Null when the sample may go into this chunk (an appendable result is ok only with the header "not reset"
     * or "gauge"); otherwise the header of the new chunk it starts.
     *
     * @throws UnappendableHistogramException with {@code appendOnly}, where a new chunk would be needed
     */
    final CounterResetHeader newChunkHeader(Appendability a, boolean gauge, boolean appendOnly) {
        if (a.ok()) {
            return null;
        }
        if (appendOnly) {
            throw new UnappendableHistogramException(kind + (gauge ? "gauge histogram schema change"
                    : a.header() == CounterResetHeader.COUNTER_RESET ? "histogram counter reset"
                    : "histogram schema change"));
        }
        return a.header();
    }

    /**
     * Whether the sample lacks buckets the chunk has, so zeros must be inserted into it.
     *
     * @throws UnappendableHistogramException for a gauge with {@code appendOnly}
     */
    final boolean hasBackwardInserts(Appendability a, boolean gauge, boolean appendOnly) {
        List<BucketInserts.Insert> pBack = a.positive().backward();
        List<BucketInserts.Insert> nBack = a.negative().backward();
        if (pBack.isEmpty() && nBack.isEmpty()) {
            return false;
        }
        if (gauge && appendOnly) {
            throw new UnappendableHistogramException(kind + "gauge histogram layout change with " + pBack.size()
                    + " positive and " + nBack.size() + " negative backwards inserts");
        }
        return true;
    }

    /**
     * The spans of one side of a sample once its backward inserts are done: for a gauge the merged layout; for a
     * counter the chunk's own when no forward inserts follow, else the sample's widened by the inserts.
     */
    final Span[] spansWithBackwardInserts(Appendability a, boolean gauge, boolean positive, Span[] sampleSpans) {
        Expansion e = positive ? a.positive() : a.negative();
        if (gauge) {
            return e.merged();
        }
        if (a.positive().forward().isEmpty() && a.negative().forward().isEmpty()) {
            return positive ? pSpans : nSpans;
        }
        return BucketInserts.adjustForInserts(sampleSpans, e.backward());
    }

    /**
     * Whether the sample has buckets the chunk lacks, so the chunk must be recoded to a wider layout.
     *
     * @throws UnappendableHistogramException with {@code appendOnly}
     */
    final boolean hasForwardInserts(Appendability a, boolean gauge, boolean appendOnly) {
        List<BucketInserts.Insert> pFwd = a.positive().forward();
        List<BucketInserts.Insert> nFwd = a.negative().forward();
        if (pFwd.isEmpty() && nFwd.isEmpty()) {
            return false;
        }
        if (appendOnly) {
            throw new UnappendableHistogramException(kind + (gauge ? "gauge " : "") + "histogram layout change with "
                    + pFwd.size() + " positive and " + nFwd.size() + " negative forwards inserts");
        }
        return true;
    }
}
