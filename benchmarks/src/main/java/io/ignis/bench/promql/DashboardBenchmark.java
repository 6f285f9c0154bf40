package io.ignis.bench.promql;

import io.ignis.bench.BenchmarkDefaults;
import io.ignis.promql.engine.Result;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The dashboard query set over {@link DashboardData} in a real in-memory head, {@code series} counters plus
 * {@code series/10 × 11} histogram buckets, 1 h 10 min of 15 s samples; queries from {@link DashboardQueries}.
 * Subclasses say how a query runs (instant or range); JMH generates the benchmarks for each of them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public abstract class DashboardBenchmark extends BenchmarkDefaults {
    @Param({"10000", "100000"})
    public int series;

    protected DashboardStorage storage;

    @Setup(Level.Trial)
    public void setUp() {
        storage = new DashboardStorage(series);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        storage.close();
    }

    /** Runs one query over {@link #storage}. */
    protected abstract Result run(String query);

    @Benchmark
    public Result rate() {
        return run(DashboardQueries.RATE);
    }

    @Benchmark
    public Result sumRate() {
        return run(DashboardQueries.SUM_RATE);
    }

    @Benchmark
    public Result sumBy() {
        return run(DashboardQueries.SUM_BY);
    }

    @Benchmark
    public Result histogramQuantile() {
        return run(DashboardQueries.HISTOGRAM_QUANTILE);
    }

    @Benchmark
    public Result topk() {
        return run(DashboardQueries.TOPK);
    }

    @Benchmark
    public Result regex() {
        return run(DashboardQueries.REGEX);
    }

    @Benchmark
    public Result subquery() {
        return run(DashboardQueries.SUBQUERY);
    }
}
