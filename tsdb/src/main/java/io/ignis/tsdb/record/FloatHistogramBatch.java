package io.ignis.tsdb.record;

import io.ignis.model.FloatHistogram;
import io.ignis.tsdb.encoding.EncodeBuffer;

/** Float histogram samples per series ref, for records 8 and 10. Growable, not thread-safe. */
public final class FloatHistogramBatch extends HistogramSampleBatch<FloatHistogram> {
    @Override
    boolean customBuckets(int i) {
        return HistogramCodec.usesCustomBuckets(histogram(i).schema());
    }

    @Override
    void encode(int i, EncodeBuffer dst) {
        HistogramCodec.encode(histogram(i), dst);
    }
}
