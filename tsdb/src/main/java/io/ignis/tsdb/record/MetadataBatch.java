package io.ignis.tsdb.record;

import io.ignis.model.MetricMetadata;
import java.util.Arrays;

/** Metadata per series ref. Growable, not thread-safe. */
public final class MetadataBatch {
    private long[] refs = new long[16];
    private MetricMetadata[] metadata = new MetricMetadata[16];
    private int size;

    public void add(long ref, MetricMetadata m) {
        if (size == refs.length) {
            refs = Arrays.copyOf(refs, size * 2);
            metadata = Arrays.copyOf(metadata, size * 2);
        }
        refs[size] = ref;
        metadata[size++] = m;
    }

    public void clear() {
        Arrays.fill(metadata, 0, size, null);
        size = 0;
    }

    public int size() {
        return size;
    }

    public long ref(int i) {
        return refs[i];
    }

    public MetricMetadata metadata(int i) {
        return metadata[i];
    }
}
