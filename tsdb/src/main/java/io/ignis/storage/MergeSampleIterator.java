package io.ignis.storage;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;

/**
 * Merges sample iterators by timestamp; at equal timestamps the lowest-numbered iterator's sample is taken
 * and the others are skipped. A linear scan over the (few) children, no heap. As Prometheus's chain sample
 * iterator: a histogram that does not directly follow the previous sample of the same child (the first one,
 * one after a switch of child or after a seek) gets the counter-reset hint {@code UNKNOWN} unless it is a gauge,
 * since whether it reset can no longer be told from the child's chunk alone.
 */
public final class MergeSampleIterator implements SampleIterator {
    private SampleIterator[] its;
    private SampleType[] types;
    private long[] ts;
    private int current = -1;
    private boolean consecutive;
    private boolean started;
    private boolean done;

    /** Merges {@code its}; on equal timestamps the one listed first wins. */
    public MergeSampleIterator(SampleIterator[] its) {
        reset(its);
    }

    MergeSampleIterator reset(SampleIterator[] children) {
        its = children;
        if (types == null || types.length != children.length) {
            types = new SampleType[children.length];
            ts = new long[children.length];
        }
        current = -1;
        started = false;
        done = false;
        return this;
    }

    int arity() {
        return its.length;
    }

    SampleIterator child(int i) {
        return its[i];
    }

    @Override
    public SampleType next() {
        if (done) {
            return SampleType.NONE;
        }
        int previous = current;
        if (!started) {
            started = true;
            previous = -1;
            for (int i = 0; i < its.length; i++) {
                load(i, its[i].next());
            }
        } else {
            long t = ts[current];
            for (int i = 0; i < its.length; i++) {
                if (types[i] != SampleType.NONE && ts[i] == t) {
                    load(i, its[i].next());
                }
            }
        }
        SampleType st = pick();
        consecutive = previous >= 0 && current == previous;
        return st;
    }

    @Override
    public SampleType seek(long t) {
        if (done) {
            return SampleType.NONE;
        }
        if (started && ts[current] >= t) {
            return types[current];
        }
        consecutive = false;
        for (int i = 0; i < its.length; i++) {
            if (!started || (types[i] != SampleType.NONE && ts[i] < t)) {
                load(i, its[i].seek(t));
            }
        }
        started = true;
        return pick();
    }

    private void load(int i, SampleType st) {
        types[i] = st;
        if (st != SampleType.NONE) {
            ts[i] = its[i].atT();
        }
    }

    private SampleType pick() {
        current = -1;
        for (int i = 0; i < its.length; i++) {
            if (types[i] != SampleType.NONE && (current < 0 || ts[i] < ts[current])) {
                current = i;
            }
        }
        if (current < 0) {
            done = true;
            return SampleType.NONE;
        }
        return types[current];
    }

    @Override
    public long atT() {
        return ts[current];
    }

    @Override
    public double atV() {
        return its[current].atV();
    }

    @Override
    public Histogram atHistogram() {
        Histogram h = its[current].atHistogram();
        if (consecutive || h.counterResetHint() == CounterResetHint.GAUGE
                || h.counterResetHint() == CounterResetHint.UNKNOWN) {
            return h;
        }
        return new Histogram(CounterResetHint.UNKNOWN, h.schema(), h.zeroThreshold(), h.zeroCount(), h.count(),
                h.sum(), h.positiveSpans(), h.positiveDeltas(), h.negativeSpans(), h.negativeDeltas(),
                h.customValues());
    }

    @Override
    public FloatHistogram atFloatHistogram() {
        FloatHistogram h = its[current].atFloatHistogram();
        if (consecutive || h.counterResetHint() == CounterResetHint.GAUGE
                || h.counterResetHint() == CounterResetHint.UNKNOWN) {
            return h;
        }
        return new FloatHistogram(CounterResetHint.UNKNOWN, h.schema(), h.zeroThreshold(), h.zeroCount(),
                h.count(), h.sum(), h.positiveSpans(), h.positiveBuckets(), h.negativeSpans(),
                h.negativeBuckets(), h.customValues());
    }
}
