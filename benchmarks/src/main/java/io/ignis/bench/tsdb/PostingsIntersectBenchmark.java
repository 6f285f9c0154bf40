package io.ignis.bench.tsdb;

import io.ignis.bench.BenchmarkDefaults;
import io.ignis.tsdb.index.ListPostings;
import io.ignis.tsdb.index.Postings;
import java.util.List;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Question: how fast does a matcher selection intersect postings lists, as {@code job="node",cpu="3"} does?
 * Input: a large list ({@code size} sorted refs, like {@code job="node"}) intersected with a list holding
 * every {@code ratio}-th of them (like {@code cpu="3"}). Result is intersections per second.
 */
@State(Scope.Thread)
public class PostingsIntersectBenchmark extends BenchmarkDefaults {
    @Param({"10000", "1000000"})
    public int size;

    @Param({"16"})
    public int ratio;

    private long[] big;
    private long[] small;

    @Setup
    public void setup() {
        Random r = new Random(7);
        big = new long[size];
        long ref = 0;
        for (int i = 0; i < size; i++) {
            ref += 1 + r.nextInt(3);
            big[i] = ref;
        }
        small = new long[size / ratio];
        for (int i = 0; i < small.length; i++) {
            small[i] = big[i * ratio];
        }
    }

    @Benchmark
    public long intersect() {
        Postings p = Postings.intersect(List.of(new ListPostings(big), new ListPostings(small)));
        long n = 0;
        while (p.next()) {
            n += p.at();
        }
        return n;
    }
}
