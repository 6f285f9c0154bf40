package io.ignis.tsdb.record;

import io.ignis.labels.Labels;
import io.ignis.model.MetricMetadata;
import io.ignis.tsdb.encoding.EncodeBuffer;

/**
 * Encodes WAL records as Prometheus does ({@code tsdb/record/record.go}; where {@code
 * tsdb/docs/format/wal.md} disagrees, the code wins). Each method resets {@code dst} and leaves one whole
 * record in it. Stateless.
 *
 * <pre>
 * series:     type(1) { ref(8) uvarint(#labels) { uvarint-str name, uvarint-str value }* }*
 * samples:    type(1) [ first ref(8) first t(8) { varint(ref - first ref) varint(t - first t) float64(8) }* ]
 * tombstones: type(1) { ref(8) varint mint varint maxt }*
 * exemplars:  type(1) [ like samples, each entry followed by its labels as in series ]
 * metadata:   type(1) { uvarint ref, type(1), uvarint(2), "UNIT", unit, "HELP", help }*
 * mmap markers (WBL only): type(1) { ref(8) chunks_head ref(8) }*
 * histograms: type(1) [ first ref(8) first t(8) { varint(ref - first ref) varint(t - first t) histogram }* ]
 * </pre>
 *
 * Histogram records (see {@link HistogramCodec} for one histogram) come in pairs, as Prometheus writes them:
 * exponential histograms in types 7 and 8, custom-buckets ones (schema -53) in types 9 and 10, so that a
 * reader that predates custom buckets can skip them.
 *
 * Fixed-width integers are big-endian; in samples the deltas include the first entry (which is then 0, 0).
 */
public final class RecordEncoder {
    private static final String UNIT = "UNIT";
    private static final String HELP = "HELP";

    private RecordEncoder() {
    }

    public static void series(SeriesBatch src, EncodeBuffer dst) {
        dst.reset().putByte(RecordType.SERIES);
        for (int i = 0; i < src.size(); i++) {
            dst.putBE64(src.ref(i));
            labels(src.labels(i), dst);
        }
    }

    static void labels(Labels l, EncodeBuffer dst) {
        dst.putUvarint(l.size());
        for (int j = 0; j < l.size(); j++) {
            dst.putUvarintStr(l.name(j));
            dst.putUvarintStr(l.value(j));
        }
    }

    public static void samples(SampleBatch src, EncodeBuffer dst) {
        dst.reset().putByte(RecordType.SAMPLES);
        if (src.size() == 0) {
            return;
        }
        long firstRef = src.ref(0);
        long firstT = src.t(0);
        dst.putBE64(firstRef).putBE64(firstT);
        for (int i = 0; i < src.size(); i++) {
            dst.putVarint(src.ref(i) - firstRef);
            dst.putVarint(src.t(i) - firstT);
            dst.putBE64Float(src.v(i));
        }
    }

    public static void tombstones(TombstoneBatch src, EncodeBuffer dst) {
        dst.reset().putByte(RecordType.TOMBSTONES);
        for (int i = 0; i < src.size(); i++) {
            dst.putBE64(src.ref(i)).putVarint(src.mint(i)).putVarint(src.maxt(i));
        }
    }

    public static void exemplars(ExemplarBatch src, EncodeBuffer dst) {
        dst.reset().putByte(RecordType.EXEMPLARS);
        if (src.size() == 0) {
            return;
        }
        long firstRef = src.ref(0);
        long firstT = src.t(0);
        dst.putBE64(firstRef).putBE64(firstT);
        for (int i = 0; i < src.size(); i++) {
            dst.putVarint(src.ref(i) - firstRef);
            dst.putVarint(src.t(i) - firstT);
            dst.putBE64Float(src.v(i));
            labels(src.labels(i), dst);
        }
    }

    public static void metadata(MetadataBatch src, EncodeBuffer dst) {
        dst.reset().putByte(RecordType.METADATA);
        for (int i = 0; i < src.size(); i++) {
            MetricMetadata m = src.metadata(i);
            dst.putUvarint(src.ref(i));
            dst.putByte(MetricTypes.code(m.type()));
            dst.putUvarint(2);
            dst.putUvarintStr(UNIT).putUvarintStr(m.unit());
            dst.putUvarintStr(HELP).putUvarintStr(m.help());
        }
    }

    public static void mmapMarkers(MmapMarkerBatch src, EncodeBuffer dst) {
        dst.reset().putByte(RecordType.MMAP_MARKERS);
        for (int i = 0; i < src.size(); i++) {
            dst.putBE64(src.ref(i)).putBE64(src.mmapRef(i));
        }
    }

    /**
     * Type 7 with the exponential-schema histograms of {@code src}. As in Prometheus, the header's first ref and
     * t are those of {@code src}'s first entry even when it has custom buckets; {@code dst} is left empty when
     * no entry is exponential, and nothing is to be written.
     */
    public static void histogramSamples(HistogramBatch src, EncodeBuffer dst) {
        exponentialHistograms(RecordType.HISTOGRAM_SAMPLES, src, dst);
    }

    /** Type 9 with the custom-buckets histograms of {@code src}, the first of them heading it; empty if none. */
    public static void customBucketsHistogramSamples(HistogramBatch src, EncodeBuffer dst) {
        customBucketsHistograms(RecordType.CUSTOM_BUCKETS_HISTOGRAM_SAMPLES, src, dst);
    }

    /** Type 8, as {@link #histogramSamples} for float histograms. */
    public static void floatHistogramSamples(FloatHistogramBatch src, EncodeBuffer dst) {
        exponentialHistograms(RecordType.FLOAT_HISTOGRAM_SAMPLES, src, dst);
    }

    /** Type 10, as {@link #customBucketsHistogramSamples} for float histograms. */
    public static void customBucketsFloatHistogramSamples(FloatHistogramBatch src, EncodeBuffer dst) {
        customBucketsHistograms(RecordType.CUSTOM_BUCKETS_FLOAT_HISTOGRAM_SAMPLES, src, dst);
    }

    private static void exponentialHistograms(int type, HistogramSampleBatch<?> src, EncodeBuffer dst) {
        dst.reset().putByte(type);
        if (src.size() == 0) {
            return;
        }
        long firstRef = src.ref(0);
        long firstT = src.t(0);
        dst.putBE64(firstRef).putBE64(firstT);
        int n = 0;
        for (int i = 0; i < src.size(); i++) {
            if (!src.customBuckets(i)) {
                dst.putVarint(src.ref(i) - firstRef).putVarint(src.t(i) - firstT);
                src.encode(i, dst);
                n++;
            }
        }
        if (n == 0) {
            dst.reset();
        }
    }

    private static void customBucketsHistograms(int type, HistogramSampleBatch<?> src, EncodeBuffer dst) {
        dst.reset();
        long firstRef = 0;
        long firstT = 0;
        for (int i = 0; i < src.size(); i++) {
            if (!src.customBuckets(i)) {
                continue;
            }
            if (dst.len() == 0) {
                firstRef = src.ref(i);
                firstT = src.t(i);
                dst.putByte(type).putBE64(firstRef).putBE64(firstT);
            }
            dst.putVarint(src.ref(i) - firstRef).putVarint(src.t(i) - firstT);
            src.encode(i, dst);
        }
    }
}
