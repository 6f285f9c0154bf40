package io.ignis.tsdb.record;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricMetadata;
import io.ignis.tsdb.encoding.DecodeBuffer;
import io.ignis.tsdb.encoding.DecodeException;
import java.nio.ByteBuffer;

/**
 * Decodes the records {@link RecordEncoder} writes (and Prometheus writes) into caller-owned batches, which
 * are appended to, not cleared. Samples cost no object each. Malformed bytes throw {@link DecodeException}
 * with the offset inside the record. One instance per thread: it keeps a decode cursor and a label builder.
 */
public final class RecordDecoder {
    private final DecodeBuffer dec = new DecodeBuffer(new byte[0]);
    private final LabelsBuilder builder = new LabelsBuilder();
    // The histogram entry cursor: set by histogramHeader, advanced by nextHistogramEntry.
    private long firstRef;
    private long firstT;
    private long entryRef;
    private boolean atFirst;

    public void series(byte[] rec, int len, SeriesBatch dst) {
        start(rec, len, RecordType.SERIES);
        while (dec.remaining() > 0) {
            long ref = dec.be64();
            dst.add(ref, labels());
        }
    }

    private Labels labels() {
        builder.reset(Labels.EMPTY);
        long n = dec.uvarint();
        for (long i = 0; i < n; i++) {
            String name = dec.uvarintStr();
            builder.set(name, dec.uvarintStr());
        }
        return builder.build();
    }

    /**
     * Decodes a samples record: v1, or v2 (Prometheus's {@code st-storage} feature), whose start timestamps
     * are read and dropped since the head does not keep them.
     */
    public void samples(byte[] rec, int len, SampleBatch dst) {
        int type = RecordType.of(rec, len);
        if (type == RecordType.SAMPLES_V2) {
            samplesV2(rec, len, dst);
            return;
        }
        start(rec, len, RecordType.SAMPLES);
        if (dec.remaining() == 0) {
            return;
        }
        long firstRef = dec.be64();
        long firstT = dec.be64();
        while (dec.remaining() > 0) {
            long ref = firstRef + dec.varint();
            long t = firstT + dec.varint();
            dst.add(ref, t, dec.be64Float());
        }
    }

    /**
     * v2: the first sample as {@code varint ref, varint t, varint st, float64}; then {@code varint (ref -
     * previous ref), varint (t - first t)}, a start-timestamp marker (0 none, 1 same as the previous, 2
     * followed by {@code varint (st - first st)}) and the float64.
     */
    private void samplesV2(byte[] rec, int len, SampleBatch dst) {
        start(rec, len, RecordType.SAMPLES_V2);
        if (dec.remaining() == 0) {
            return;
        }
        long ref = dec.varint();
        long firstT = dec.varint();
        dec.varint(); // the first start timestamp: not kept
        dst.add(ref, firstT, dec.be64Float());
        while (dec.remaining() > 0) {
            ref += dec.varint();
            long t = firstT + dec.varint();
            int marker = dec.getByte();
            if (marker == 2) {
                dec.varint(); // start timestamp, relative to the first one: not kept
            } else if (marker > 2) {
                throw new DecodeException("invalid start timestamp marker " + marker, dec.position() - 1);
            }
            dst.add(ref, t, dec.be64Float());
        }
    }

    public void mmapMarkers(byte[] rec, int len, MmapMarkerBatch dst) {
        start(rec, len, RecordType.MMAP_MARKERS);
        while (dec.remaining() > 0) {
            long ref = dec.be64();
            dst.add(ref, dec.be64());
        }
    }

    public void tombstones(byte[] rec, int len, TombstoneBatch dst) {
        start(rec, len, RecordType.TOMBSTONES);
        while (dec.remaining() > 0) {
            long ref = dec.be64();
            long mint = dec.varint();
            dst.add(ref, mint, dec.varint());
        }
    }

    public void exemplars(byte[] rec, int len, ExemplarBatch dst) {
        start(rec, len, RecordType.EXEMPLARS);
        if (dec.remaining() == 0) {
            return;
        }
        long firstRef = dec.be64();
        long firstT = dec.be64();
        while (dec.remaining() > 0) {
            long ref = firstRef + dec.varint();
            long t = firstT + dec.varint();
            double v = dec.be64Float();
            dst.add(ref, t, v, labels());
        }
    }

    /** Decodes metadata; fields other than UNIT and HELP are skipped, as Prometheus does. */
    public void metadata(byte[] rec, int len, MetadataBatch dst) {
        start(rec, len, RecordType.METADATA);
        while (dec.remaining() > 0) {
            long ref = dec.uvarint();
            int type = dec.getByte();
            long fields = dec.uvarint();
            String unit = "";
            String help = "";
            for (long i = 0; i < fields; i++) {
                String name = dec.uvarintStr();
                String value = dec.uvarintStr();
                if (name.equals("UNIT")) {
                    unit = value;
                } else if (name.equals("HELP")) {
                    help = value;
                }
            }
            dst.add(ref, new MetricMetadata(MetricTypes.of(type), unit, help));
        }
    }

    /**
     * Decodes integer histogram samples from a record of type 7, 9 (custom buckets) or 12 (Prometheus's {@code
     * st-storage} v2, start timestamps dropped). Histograms of a schema Prometheus does not know are skipped,
     * as Prometheus does.
     */
    public void histogramSamples(byte[] rec, int len, HistogramBatch dst) {
        int type = RecordType.of(rec, len);
        boolean v2 = type == RecordType.HISTOGRAM_SAMPLES_V2;
        start(rec, len, type == RecordType.CUSTOM_BUCKETS_HISTOGRAM_SAMPLES || v2 ? type
                : RecordType.HISTOGRAM_SAMPLES);
        if (dec.remaining() == 0) {
            return;
        }
        histogramHeader(v2);
        while (dec.remaining() > 0) {
            long t = nextHistogramEntry(v2);
            Histogram h = HistogramCodec.decodeHistogram(dec);
            if (HistogramCodec.isKnownSchema(h.schema())) {
                dst.add(entryRef, t, h);
            }
        }
    }

    /** Decodes float histogram samples from a record of type 8, 10 or 13, as {@link #histogramSamples}. */
    public void floatHistogramSamples(byte[] rec, int len, FloatHistogramBatch dst) {
        int type = RecordType.of(rec, len);
        boolean v2 = type == RecordType.FLOAT_HISTOGRAM_SAMPLES_V2;
        start(rec, len, type == RecordType.CUSTOM_BUCKETS_FLOAT_HISTOGRAM_SAMPLES || v2 ? type
                : RecordType.FLOAT_HISTOGRAM_SAMPLES);
        if (dec.remaining() == 0) {
            return;
        }
        histogramHeader(v2);
        while (dec.remaining() > 0) {
            long t = nextHistogramEntry(v2);
            FloatHistogram h = HistogramCodec.decodeFloatHistogram(dec);
            if (HistogramCodec.isKnownSchema(h.schema())) {
                dst.add(entryRef, t, h);
            }
        }
    }

    /** v1: {@code first ref(8) first t(8)}; v2: {@code varint ref, varint t, varint st} of the first entry. */
    private void histogramHeader(boolean v2) {
        if (v2) {
            firstRef = dec.varint();
            firstT = dec.varint();
            dec.varint(); // the first start timestamp: not kept
        } else {
            firstRef = dec.be64();
            firstT = dec.be64();
        }
        entryRef = firstRef;
        atFirst = true;
    }

    /**
     * Reads the prefix of the next entry, sets {@link #entryRef} and returns its t. v1 entries all carry {@code
     * varint (ref - first ref), varint (t - first t)}; in v2 the first entry has none and later ones carry the
     * ref delta to the previous entry, the t delta to the first and a start-timestamp marker.
     */
    private long nextHistogramEntry(boolean v2) {
        if (!v2) {
            entryRef = firstRef + dec.varint();
            return firstT + dec.varint();
        }
        if (atFirst) {
            atFirst = false;
            return firstT;
        }
        entryRef += dec.varint();
        long t = firstT + dec.varint();
        int marker = dec.getByte();
        if (marker == 2) {
            dec.varint(); // start timestamp, relative to the first one: not kept
        } else if (marker > 2) {
            throw new DecodeException("invalid start timestamp marker " + marker, dec.position() - 1);
        }
        return t;
    }

    private void start(byte[] rec, int len, int want) {
        dec.reset(ByteBuffer.wrap(rec), 0, len);
        if (len == 0) {
            throw new DecodeException("empty record, expected " + RecordType.name(want), 0);
        }
        int type = dec.getByte();
        if (type != want) {
            throw new DecodeException("invalid record type " + type + " (" + RecordType.name(type) + "), expected "
                    + want + " (" + RecordType.name(want) + ")", 0);
        }
    }
}
