package io.ignis.server.remote;

import io.ignis.labels.Labels;
import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.tsdb.encoding.EncodeBuffer;
import io.ignis.tsdb.record.ExemplarBatch;
import io.ignis.tsdb.record.FloatHistogramBatch;
import io.ignis.tsdb.record.HistogramBatch;
import io.ignis.tsdb.record.RecordEncoder;
import io.ignis.tsdb.record.SampleBatch;
import io.ignis.tsdb.record.SeriesBatch;
import io.ignis.tsdb.wal.WalWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes WAL records directly, one record per call, as the head would; for remote-write tests. */
final class WalRecords implements AutoCloseable {
    private final WalWriter writer;
    private final EncodeBuffer buf = new EncodeBuffer();

    WalRecords(Path walDir) throws IOException {
        this.writer = WalWriter.open(Files.createDirectories(walDir));
    }

    /** An integer histogram of schema 0: 2 in the zero bucket, 5 in four positive buckets, 2 in one negative. */
    static Histogram intHistogram(int i) {
        return new Histogram(CounterResetHint.NOT_COUNTER_RESET, 0, 0.001, 2 + i, 9 + 2L * i, 18.5 + i,
                new Span[] {new Span(0, 2), new Span(1, 2)}, new long[] {1, 1, -1, 0},
                new Span[] {new Span(0, 1)}, new long[] {2 + i}, new double[0]);
    }

    /** A float histogram of schema 1 with the same shape. */
    static FloatHistogram floatHistogram(int i) {
        return new FloatHistogram(CounterResetHint.GAUGE, 1, 0.001, 0.5 + i, 7.5 + 2 * i, -3.25,
                new Span[] {new Span(-1, 3)}, new double[] {1, 2.5, 1.5}, new Span[] {new Span(2, 1)},
                new double[] {2 + i}, new double[0]);
    }

    /** A histogram with custom buckets (schema -53), which remote write 1.0 cannot carry. */
    static FloatHistogram customBuckets() {
        return new FloatHistogram(CounterResetHint.UNKNOWN, Histogram.CUSTOM_BUCKETS_SCHEMA, 0, 0, 3, 4.5,
                new Span[] {new Span(0, 2)}, new double[] {1, 2}, new Span[0], new double[0], new double[] {1, 5});
    }

    void series(long ref, Labels l) throws IOException {
        SeriesBatch b = new SeriesBatch();
        b.add(ref, l);
        RecordEncoder.series(b, buf);
        log();
    }

    void sample(long ref, long t, double v) throws IOException {
        SampleBatch b = new SampleBatch();
        b.add(ref, t, v);
        RecordEncoder.samples(b, buf);
        log();
    }

    void exemplar(long ref, long t, double v, Labels l) throws IOException {
        ExemplarBatch b = new ExemplarBatch();
        b.add(ref, t, v, l);
        RecordEncoder.exemplars(b, buf);
        log();
    }

    void histogram(long ref, long t, Histogram h) throws IOException {
        HistogramBatch b = new HistogramBatch();
        b.add(ref, t, h);
        if (h.schema() == Histogram.CUSTOM_BUCKETS_SCHEMA) {
            RecordEncoder.customBucketsHistogramSamples(b, buf);
        } else {
            RecordEncoder.histogramSamples(b, buf);
        }
        log();
    }

    void floatHistogram(long ref, long t, FloatHistogram h) throws IOException {
        FloatHistogramBatch b = new FloatHistogramBatch();
        b.add(ref, t, h);
        if (h.schema() == Histogram.CUSTOM_BUCKETS_SCHEMA) {
            RecordEncoder.customBucketsFloatHistogramSamples(b, buf);
        } else {
            RecordEncoder.floatHistogramSamples(b, buf);
        }
        log();
    }

    private void log() throws IOException {
        writer.log(buf.toByteArray());
        buf.reset();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
