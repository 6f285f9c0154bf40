package io.ignis.bench.scrape;

import io.ignis.bench.BenchmarkDefaults;
import io.ignis.scrape.textparse.Entry;
import io.ignis.scrape.textparse.Parser;
import io.ignis.scrape.textparse.ParserOptions;
import io.ignis.scrape.textparse.Parsers;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Question: how fast does each exposition parser turn a node-exporter-shaped body into samples, touched as a scrape
 * loop with a warm cache touches them (series identity bytes and value per sample, the family of each HELP/TYPE
 * line, no label sets)? Input: {@link ExpositionBodies} of about {@code series} series in each {@code format}.
 *
 * <p>Scores: the primary score {@code parse} is whole bodies per second; the auxiliary counters {@code samples}
 * and {@code bytes} are samples per second and body bytes per second (divide by 10^6 for MB/s). This is the parsing
 * part of the scrape cost that #5 compares with Prometheus; {@link ScrapeAppendBenchmark} measures the rest.
 */
@State(Scope.Thread)
public class ParseBenchmark extends BenchmarkDefaults {
    @Param({"TEXT", "OPENMETRICS", "PROTOBUF"})
    public ExpositionBodies format;

    @Param("700")
    public int series;

    private byte[] body;
    private int samplesPerBody;

    /** Samples and bytes parsed, reported by JMH as rates per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public long samples;
        public long bytes;

        @Setup(Level.Iteration)
        public void clear() {
            samples = 0;
            bytes = 0;
        }
    }

    @Setup
    public void setup() {
        body = format.render(series, 0);
        samplesPerBody = parse(null);
        System.out.println(format + ": " + samplesPerBody + " samples, " + body.length + " bytes per body");
    }

    @Benchmark
    public void parse(Blackhole bh, Throughput t) {
        t.samples += parse(bh);
        t.bytes += body.length;
    }

    private int parse(Blackhole bh) {
        Parser p = Parsers.create(body, 0, body.length, format.contentType(), ParserOptions.DEFAULT).parser();
        int samples = 0;
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (bh == null) {
                samples += e == Entry.SERIES ? 1 : 0;
                continue;
            }
            switch (e) {
                case SERIES -> {
                    samples++;
                    bh.consume(p.seriesEnd() - p.seriesStart());
                    bh.consume(p.value());
                }
                case TYPE -> bh.consume(p.type());
                case HELP -> bh.consume(p.metricFamily());
                default -> bh.consume(e);
            }
        }
        return samples;
    }
}
