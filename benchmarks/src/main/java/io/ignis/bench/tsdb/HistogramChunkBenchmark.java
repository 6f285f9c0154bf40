package io.ignis.bench.tsdb;

import io.ignis.bench.BenchmarkDefaults;
import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.chunkenc.FloatHistogramChunk;
import io.ignis.tsdb.chunkenc.HistogramChunk;
import io.ignis.tsdb.chunkenc.HistogramChunkAppender;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Question: how fast do the integer and float histogram chunks encode and decode a sample? Decoding walks the
 * chunk with a reused iterator and reads only timestamps, so it measures the decoder, not the building of
 * histogram values. Input: one chunk of 120 counter histograms ({@code kind} int or float) with 20 positive
 * buckets in two spans, growing by seeded random increments. Result is per sample.
 */
@State(Scope.Thread)
public class HistogramChunkBenchmark extends BenchmarkDefaults {
    static final int SAMPLES = 120;
    private static final Span[] SPANS = {new Span(0, 12), new Span(3, 8)};
    private static final Span[] NO_SPANS = {};

    @Param({"int", "float"})
    public String kind;

    private Histogram[] ints;
    private FloatHistogram[] floats;
    private long[] ts;
    private HistogramChunk intChunk;
    private FloatHistogramChunk floatChunk;
    private SampleIterator it;
    private long sink;

    @Setup
    public void setup() {
        Random r = new Random(1);
        ints = new Histogram[SAMPLES];
        floats = new FloatHistogram[SAMPLES];
        ts = new long[SAMPLES];
        long[] counts = new long[20];
        long t = 1_700_000_000_000L;
        for (int i = 0; i < SAMPLES; i++) {
            t += 15_000 + r.nextInt(20) - 10;
            ts[i] = t;
            long total = 0;
            long[] deltas = new long[counts.length];
            double[] absolute = new double[counts.length];
            long prev = 0;
            for (int b = 0; b < counts.length; b++) {
                counts[b] += r.nextInt(5);
                total += counts[b];
                deltas[b] = counts[b] - prev;
                prev = counts[b];
                absolute[b] = counts[b];
            }
            double sum = total * 0.25;
            ints[i] = new Histogram(CounterResetHint.UNKNOWN, 3, 1e-128, 0, total, sum, SPANS, deltas, NO_SPANS,
                    new long[0], new double[0]);
            floats[i] = new FloatHistogram(CounterResetHint.UNKNOWN, 3, 1e-128, 0, total, sum, SPANS, absolute,
                    NO_SPANS, new double[0], new double[0]);
        }
        intChunk = encodeInts();
        floatChunk = encodeFloats();
        // A server decodes both kinds in one JVM: let the JIT see both before measuring either.
        SampleIterator i1 = null;
        SampleIterator i2 = null;
        for (int round = 0; round < 5_000; round++) {
            i1 = intChunk.iterator(i1);
            i2 = floatChunk.iterator(i2);
            while (i1.next() != SampleType.NONE && i2.next() != SampleType.NONE) {
                sink += i1.atT() ^ i2.atT();
            }
        }
    }

    private HistogramChunk encodeInts() {
        HistogramChunk c = new HistogramChunk();
        HistogramChunkAppender a = c.appender();
        for (int i = 0; i < SAMPLES; i++) {
            a.appendHistogram(null, ts[i], ints[i], false);
        }
        return c;
    }

    private FloatHistogramChunk encodeFloats() {
        FloatHistogramChunk c = new FloatHistogramChunk();
        HistogramChunkAppender a = c.appender();
        for (int i = 0; i < SAMPLES; i++) {
            a.appendFloatHistogram(null, ts[i], floats[i], false);
        }
        return c;
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public Object encode() {
        return kind.equals("int") ? encodeInts() : encodeFloats();
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public void decode(Blackhole bh) {
        it = kind.equals("int") ? intChunk.iterator(it) : floatChunk.iterator(it);
        for (SampleType st = it.next(); st != SampleType.NONE; st = it.next()) {
            bh.consume(it.atT());
        }
    }
}
