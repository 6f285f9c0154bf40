package io.ignis.storage;

import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;

/**
 * A primitive iterator over one series' samples in increasing timestamp order. Call {@link #next()} or
 * {@link #seek(long)}, then read the sample as the returned type says. No call is valid after
 * {@link SampleType#NONE}. Not thread-safe.
 */
public interface SampleIterator {
    /** Advances to the next sample; {@link SampleType#NONE} once exhausted (a sentinel, never null). */
    SampleType next();

    /**
     * Advances to the first sample with timestamp >= {@code t}; stays put if already there. Never moves
     * backwards.
     */
    SampleType seek(long t);

    /** The current sample's timestamp in ms. */
    long atT();

    /** The current float value; valid only when positioned on {@link SampleType#FLOAT}. */
    double atV();

    /**
     * The start timestamp (ms) of the current sample as Prometheus's {@code AtST()}: when the counter began
     * accumulating; 0 means unknown. Storage without start timestamps keeps this default.
     */
    default long atStartTimestamp() {
        return 0;
    }

    /** The current histogram; valid only on {@link SampleType#HISTOGRAM}. */
    default Histogram atHistogram() {
        throw new UnsupportedOperationException("no integer histograms in this iterator");
    }

    /** The current value as a float histogram; valid on {@link SampleType#HISTOGRAM} and FLOAT_HISTOGRAM. */
    default FloatHistogram atFloatHistogram() {
        throw new UnsupportedOperationException("no histograms in this iterator");
    }

    /** An exhausted iterator. */
    static SampleIterator empty() {
        return EmptySampleIterator.INSTANCE;
    }
}
