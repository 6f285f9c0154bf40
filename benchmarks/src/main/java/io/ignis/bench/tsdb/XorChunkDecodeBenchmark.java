package io.ignis.bench.tsdb;

import io.ignis.bench.BenchmarkDefaults;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.chunkenc.ChunkAppender;
import io.ignis.tsdb.chunkenc.XorChunk;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Question: how many samples per second does the XOR decoder iterate, reusing its iterator (no allocation)?
 * Input: one full chunk of 120 scrape-like samples, counter or gauge ({@code kind}). Result is per sample.
 */
@State(Scope.Thread)
public class XorChunkDecodeBenchmark extends BenchmarkDefaults {
    @Param({"counter", "gauge"})
    public String kind;

    private XorChunk chunk;
    private SampleIterator it;

    @Setup
    public void setup() {
        long[] ts = new long[XorChunkEncodeBenchmark.SAMPLES];
        double[] vs = new double[XorChunkEncodeBenchmark.SAMPLES];
        XorChunkEncodeBenchmark.fill(kind.equals("counter"), ts, vs);
        chunk = new XorChunk();
        ChunkAppender a = chunk.appender();
        for (int i = 0; i < ts.length; i++) {
            a.append(ts[i], vs[i]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(XorChunkEncodeBenchmark.SAMPLES)
    public void decode(Blackhole bh) {
        it = chunk.iterator(it);
        for (SampleType st = it.next(); st != SampleType.NONE; st = it.next()) {
            bh.consume(it.atT());
            bh.consume(it.atV());
        }
    }
}
