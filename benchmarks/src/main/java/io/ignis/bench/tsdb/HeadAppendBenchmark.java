package io.ignis.bench.tsdb;

import io.ignis.bench.BenchmarkDefaults;
import io.ignis.labels.Labels;
import io.ignis.storage.Appender;
import io.ignis.tsdb.Head;
import io.ignis.tsdb.HeadOptions;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Question: how many samples per second does the head take through the appender, the scraper's hot path, and
 * does a sample allocate (run with {@code -prof gc}; the target is close to 0 B/op)? Input: one scrape of
 * {@value #SERIES} node-exporter-like series per invocation, appended with cached series refs and committed
 * as one batch, in an in-memory head (no WAL: this measures the head alone). Result is per sample.
 */
@State(Scope.Thread)
public class HeadAppendBenchmark extends BenchmarkDefaults {
    static final int SERIES = 1000;


    private Head head;
    private Labels[] labels;
    private long[] refs;
    private double[] values;
    private long t;
    private final Random random = new Random(1);

    @Setup(Level.Iteration)
    public void setup() {
        head = Head.inMemory(HeadOptions.defaults().withStripeSize(1024));
        labels = new Labels[SERIES];
        refs = new long[SERIES];
        values = new double[SERIES];
        for (int i = 0; i < SERIES; i++) {
            labels[i] = ScrapeLikeData.series(i);
        }
        t = ScrapeLikeData.T0;
        Appender a = head.appender();
        for (int i = 0; i < SERIES; i++) {
            refs[i] = a.append(0, labels[i], t, 0);
        }
        a.commit();
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws Exception {
        head.close();
    }

    @Benchmark
    @OperationsPerInvocation(SERIES)
    public void scrape() {
        t += ScrapeLikeData.SCRAPE_INTERVAL;
        Appender a = head.appender();
        for (int i = 0; i < SERIES; i++) {
            values[i] = ScrapeLikeData.next(i, values[i], random);
            a.append(refs[i], labels[i], t, values[i]);
        }
        a.commit();
    }
}
