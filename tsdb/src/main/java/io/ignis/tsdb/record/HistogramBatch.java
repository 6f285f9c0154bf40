package io.ignis.tsdb.record;

import io.ignis.model.Histogram;
import io.ignis.tsdb.encoding.EncodeBuffer;

/** Integer histogram samples per series ref, for records 7 and 9. Growable, not thread-safe. */
public final class HistogramBatch extends HistogramSampleBatch<Histogram> {
    @Override
    boolean customBuckets(int i) {
        return HistogramCodec.usesCustomBuckets(histogram(i).schema());
    }

    @Override
    void encode(int i, EncodeBuffer dst) {
        HistogramCodec.encode(histogram(i), dst);
    }
}
