package io.ignis.bench.tsdb;

import io.ignis.bench.BenchmarkDefaults;
import io.ignis.tsdb.chunkenc.ChunkAppender;
import io.ignis.tsdb.chunkenc.XorChunk;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Question: how many samples per second does the XOR (Gorilla) encoder append into a chunk?
 * Input: 120 samples (one full head chunk) of scrape-like data, 15 s interval with jitter, values either a
 * counter or a noisy gauge ({@code kind}). Result is per sample.
 */
@State(Scope.Thread)
public class XorChunkEncodeBenchmark extends BenchmarkDefaults {
    static final int SAMPLES = 120;

    @Param({"counter", "gauge"})
    public String kind;

    private final long[] ts = new long[SAMPLES];
    private final double[] vs = new double[SAMPLES];

    @Setup
    public void setup() {
        fill(kind.equals("counter"), ts, vs);
    }

    static void fill(boolean counter, long[] ts, double[] vs) {
        Random r = new Random(42);
        long t = ScrapeLikeData.T0;
        double v = 1000;
        for (int i = 0; i < ts.length; i++) {
            ts[i] = t;
            vs[i] = v;
            t += ScrapeLikeData.SCRAPE_INTERVAL + ScrapeLikeData.jitter(r);
            v = ScrapeLikeData.next(counter ? 0 : 1, v, r);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public XorChunk encode() {
        XorChunk c = new XorChunk();
        ChunkAppender a = c.appender();
        for (int i = 0; i < SAMPLES; i++) {
            a.append(ts[i], vs[i]);
        }
        return c;
    }
}
