package io.ignis.bench.scrape;

import io.ignis.bench.BenchmarkDefaults;
import io.ignis.scrape.textparse.Entry;
import io.ignis.scrape.textparse.Parser;
import io.ignis.scrape.textparse.ParserOptions;
import io.ignis.scrape.textparse.Parsers;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Question: how many samples per second does the Prometheus text parser turn out of a node-exporter-shaped body, touched as
 * a scrape loop with a warm cache does (series identity bytes and value per sample, the metric family of each
 * HELP/TYPE line, no label sets)? The score is whole bodies per second; multiply by {@code samples} (printed at
 * setup) for samples per second. This is the parsing half of the scrape cost that #5 compares with Prometheus.
 */
@State(Scope.Thread)
public class TextParseBenchmark extends BenchmarkDefaults {
    private static final String TEXT = "text/plain; version=0.0.4";

    private byte[] body;

    @Setup
    public void setup() {
        body = NodeExporterText.render(NodeExporterText.coresFor(700), 0).getBytes(StandardCharsets.UTF_8);
        System.out.println("samples per body: " + NodeExporterText.seriesCount(NodeExporterText.coresFor(700)));
    }

    @Benchmark
    public void parse(Blackhole bh) {
        Parser p = Parsers.create(body, 0, body.length, TEXT, ParserOptions.DEFAULT).parser();
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            switch (e) {
                case SERIES -> {
                    bh.consume(p.seriesEnd() - p.seriesStart());
                    bh.consume(p.value());
                }
                case TYPE -> bh.consume(p.type());
                case HELP -> bh.consume(p.metricFamily());
                default -> bh.consume(e);
            }
        }
    }
}
