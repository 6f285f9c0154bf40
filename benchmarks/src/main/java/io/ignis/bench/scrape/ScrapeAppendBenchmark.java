package io.ignis.bench.scrape;

import io.ignis.bench.BenchmarkDefaults;
import io.ignis.config.ConfigLoader;
import io.ignis.config.ScrapeConfig;
import io.ignis.labels.Labels;
import io.ignis.model.Exemplar;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricMetadata;
import io.ignis.scrape.ScrapeReplay;
import io.ignis.storage.Appendable;
import io.ignis.storage.Appender;
import io.ignis.tsdb.Head;
import io.ignis.tsdb.HeadOptions;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Question: what does the scrape loop's steady state cost per sample once the response is in memory: parse, scrape
 * cache lookup, append into a real head appender, commit? Input: {@code targets} targets, each replaying
 * node-exporter-shaped bodies ({@link ExpositionBodies}, about 700 series, values changing per scrape) in
 * {@code format} through {@link ScrapeReplay}, whose caches are warmed by one scrape at setup, as a loop is after
 * its first scrape. Each invocation scrapes the next {@value #PER_INVOCATION} targets in turn, one committed batch
 * each; the score is samples per second. With 200 targets (140,000 series) the series no longer fit the CPU's
 * caches, as in a server scraping that many: the difference to 20 is what cache misses cost per sample. {@code storage}: {@code head} appends into an in-memory head (no WAL), {@code discard} into an appender
 * that drops everything, which leaves the scrape module's own share.
 */
@State(Scope.Thread)
public class ScrapeAppendBenchmark extends BenchmarkDefaults {
    static final int PER_INVOCATION = 20;
    static final int VARIANTS = 4;
    static final int SERIES = 700;
    /** Samples in one body of about {@value #SERIES} series, checked at setup. */
    static final int SAMPLES = 703;
    static final long INTERVAL = 15_000;

    @Param({"TEXT", "OPENMETRICS", "PROTOBUF"})
    public ExpositionBodies format;

    @Param({"head", "discard"})
    public String storage;

    @Param({"20", "200"})
    public int targets;

    private Head head;
    private Appendable appendable;
    private ScrapeReplay[] replays;
    private int next;
    private byte[][] bodies;
    private long t = 1_700_000_000_000L;
    private int scrape;

    @Setup(Level.Trial)
    public void setup() {
        bodies = new byte[VARIANTS][];
        for (int v = 0; v < VARIANTS; v++) {
            bodies[v] = format.render(SERIES, v);
        }
        if (storage.equals("head")) {
            head = Head.inMemory(HeadOptions.defaults());
            appendable = head;
        } else {
            appendable = Discard::new;
        }
        ScrapeConfig config = ConfigLoader.load("scrape_configs:\n  - job_name: node\n", "bench.yml")
                .mainScrapeConfigs().get(0);
        if (targets % PER_INVOCATION != 0) {
            throw new IllegalArgumentException("targets must be a multiple of " + PER_INVOCATION);
        }
        replays = new ScrapeReplay[targets];
        for (int i = 0; i < targets; i++) {
            replays[i] = new ScrapeReplay(config, Map.of("__address__", "10." + i / 250 + ".0." + i % 250 + ":9100"));
        }
        for (int i = 0; i < targets; i += PER_INVOCATION) {
            scrapeAll();
        }
        if (replays[0].samplesScraped() != SAMPLES) {
            // The score is per sample only if every scrape has exactly the samples OperationsPerInvocation says.
            throw new IllegalStateException("bug: " + replays[0].samplesScraped() + " samples per scrape, not "
                    + SAMPLES);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (head != null) {
            head.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(PER_INVOCATION * SAMPLES)
    public void scrapeAll() {
        if (next == 0) {
            t += INTERVAL;
            scrape++;
        }
        byte[] body = bodies[scrape % VARIANTS];
        for (int i = 0; i < PER_INVOCATION; i++) {
            ScrapeReplay r = replays[next + i];
            Appender app = appendable.appender();
            String err = r.append(app, body, body.length, format.contentType(), t);
            if (err != null) {
                throw new IllegalStateException(err);
            }
            app.commit();
        }
        next = (next + PER_INVOCATION) % replays.length;
    }

    /** An appender that keeps nothing and hands out a fresh ref, as storage does for a new series. */
    private static final class Discard implements Appender {
        private long ref;

        @Override
        public long append(long r, Labels labels, long time, double v) {
            return r != 0 ? r : ++ref;
        }

        @Override
        public long appendHistogram(long r, Labels labels, long time, Histogram h, FloatHistogram fh) {
            return r != 0 ? r : ++ref;
        }

        @Override
        public long appendExemplar(long r, Labels labels, Exemplar e) {
            return r;
        }

        @Override
        public long updateMetadata(long r, Labels labels, MetricMetadata m) {
            return r;
        }

        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
        }
    }
}
