package io.ignis.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ignis.config.ConfigLoader;
import io.ignis.config.RemoteReadConfig;
import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.server.remote.HistogramSeries.Point;
import io.ignis.server.remote.proto.BucketSpan;
import io.ignis.server.remote.proto.Label;
import io.ignis.server.remote.proto.TimeSeries;
import io.ignis.server.remote.proto.WriteRequest;
import io.ignis.storage.Querier;
import io.ignis.storage.SelectHints;
import io.ignis.storage.SeriesSet;
import io.ignis.tsdb.Block;
import io.ignis.tsdb.BlockWriter;
import io.ignis.tsdb.UlidGenerator;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

/**
 * Native histograms between Ignis and Debian's Prometheus 2.42 ({@code --enable-feature=native-histograms}) on
 * loopback: a block Ignis wrote is queried by Prometheus, a block Prometheus cut from its head (after a remote
 * write spanning more than 1.5 block ranges) is read by Ignis, and Ignis remote-reads histograms from Prometheus
 * (which streams them as histogram chunks; its SAMPLES answer carries floats only). The other direction cannot be
 * tested: 2.42's remote-read client asks for SAMPLES and drops histograms. Missing Prometheus fails under CI=true.
 */
class NativeHistogramInteropTest {
    private static final long MINUTE = 60_000;
    private static final long H2 = 2 * 60 * MINUTE;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static PrometheusPeer prometheus;
    private static long now;
    private static long oldBlockStart;
    /** What Ignis wrote into the block it put into Prometheus's data directory. */
    private static List<Point> oldInts;
    private static List<Point> oldFloats;
    /** What Prometheus was sent over remote write. */
    private static List<Point> pushed;

    @BeforeAll
    static void start() throws Exception {
        PrometheusPeer.assumeInstalled();
        now = System.currentTimeMillis();
        Path promDir = Files.createDirectories(dir.resolve("prometheus"));
        Path promData = Files.createDirectories(promDir.resolve("data"));
        // An aligned 2 h block two days back: older than anything remote-written below.
        oldBlockStart = (now - 48 * 60 * MINUTE) / H2 * H2;
        oldInts = points(oldBlockStart, MINUTE, 110, false);
        oldFloats = points(oldBlockStart + 30_000, MINUTE, 110, true);
        BlockWriter w = new BlockWriter(promData, new UlidGenerator());
        w.addSeries(Labels.of("__name__", "ignis_block_hist"), HistogramSeries.iterator(oldInts));
        w.addSeries(Labels.of("__name__", "ignis_block_float_hist"), HistogramSeries.iterator(oldFloats));
        w.write(oldBlockStart, oldBlockStart + H2, null);

        prometheus = PrometheusPeer.start(promDir, """
                global:
                  scrape_interval: 1h
                """, "--enable-feature=native-histograms");
        pushed = points(now - 210 * MINUTE, MINUTE, 211, false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    private static List<Point> points(long from, long step, int n, boolean floats) {
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = from + i * step;
            out.add(floats ? new Point(t, null, HistogramSeries.floatHist(i))
                    : new Point(t, HistogramSeries.hist(i), null));
        }
        return out;
    }

    @Test
    void prometheusQueriesABlockIgnisWrote() {
        double at = (oldBlockStart + H2 - 1) / 1000.0;
        assertThat(matrix("ignis_block_hist[2h]", at)).isEqualTo(summaries(oldInts));
        assertThat(matrix("ignis_block_float_hist[2h]", at)).isEqualTo(summaries(oldFloats));
    }

    @Test
    void ignisReadsABlockPrometheusCutFromItsHead() throws Exception {
        push(pushed);
        Path data = dir.resolve("prometheus/data");
        List<Path> blocks = new ArrayList<>();
        Poll.until(WAIT, () -> {
            blocks.clear();
            blocks.addAll(newBlocks(data));
            return !blocks.isEmpty();
        }, () -> "prometheus compacted its head into a block");
        try (Block b = Block.open(blocks.get(0)); Querier q = b.querier(b.minTime(), b.maxTime() - 1)) {
            List<Point> want = new ArrayList<>();
            for (Point p : pushed) {
                if (p.t() >= b.minTime() && p.t() < b.maxTime()) {
                    want.add(p);
                }
            }
            assertThat(want).as("the block holds some of the pushed samples").isNotEmpty();
            // 2.42 counts samples of every kind in numSamples only.
            assertThat(b.meta().stats().numSamples()).isEqualTo(want.size());
            assertThat(HistogramSeries.describe(read(q, "prom_hist"))).isEqualTo(HistogramSeries.describe(want));
        }
    }

    @Test
    void ignisRemoteReadsHistogramsFromPrometheus() throws Exception {
        push(pushed);
        RemoteReadConfig cfg = ConfigLoader.load("""
                remote_read:
                  - url: %s
                    read_recent: true
                """.formatted(prometheus.url("/api/v1/read")), "r.yml").remoteReadConfigs().get(0);
        RemoteReadQueryable remote = new RemoteReadQueryable(cfg, Map.of(), () -> 0);
        try (Querier q = remote.querier(now - 4 * 60 * MINUTE, now)) {
            assertThat(HistogramSeries.describe(read(q, "prom_hist"))).isEqualTo(HistogramSeries.describe(pushed));
        }
    }

    private static List<Point> read(Querier q, String name) {
        SeriesSet set = q.select(true, SelectHints.range(Long.MIN_VALUE, Long.MAX_VALUE),
                Matcher.equal("__name__", name));
        assertThat(set.next()).as("series %s", name).isTrue();
        List<Point> got = HistogramSeries.drain(set.at().iterator(null));
        assertThat(set.next()).isFalse();
        assertThat(set.warnings().warnings()).isEmpty();
        return got;
    }

    private static List<Path> newBlocks(Path data) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(data)) {
            for (Path p : s.toList()) {
                // A directory still being written has a suffix after the ULID (".tmp-for-creation").
                if (!p.getFileName().toString().contains(".") && Files.exists(p.resolve("meta.json"))) {
                    try (Block b = Block.open(p)) {
                        if (b.minTime() > oldBlockStart) {
                            out.add(p);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    /** Remote-writes {@code points} as series prom_hist; idempotent, as Prometheus ignores duplicates. */
    private static synchronized void push(List<Point> points) throws Exception {
        TimeSeries.Builder ts = TimeSeries.newBuilder()
                .addLabels(Label.newBuilder().setName("__name__").setValue("prom_hist"));
        for (Point p : points) {
            ts.addHistograms(proto(p.h(), p.t()));
        }
        byte[] body = Snappy.compress(WriteRequest.newBuilder().addTimeseries(ts).build().toByteArray());
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus.url("/api/v1/write")))
                .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("remote write: %s", r.body()).isIn(200, 204, 400);
        if (r.statusCode() == 400) {
            // A repeated push: every sample is a duplicate, which 2.42 answers as out of order/bounds.
            assertThat(r.body()).containsAnyOf("out of order", "out of bounds", "duplicate");
        }
    }

    private static io.ignis.server.remote.proto.Histogram proto(Histogram h, long t) {
        io.ignis.server.remote.proto.Histogram.Builder b = io.ignis.server.remote.proto.Histogram.newBuilder()
                .setCountInt(h.count()).setSum(h.sum()).setSchema(h.schema()).setZeroThreshold(h.zeroThreshold())
                .setZeroCountInt(h.zeroCount()).setTimestamp(t);
        for (Span s : h.positiveSpans()) {
            b.addPositiveSpans(BucketSpan.newBuilder().setOffset(s.offset()).setLength(s.length()));
        }
        for (long d : h.positiveDeltas()) {
            b.addPositiveDeltas(d);
        }
        for (Span s : h.negativeSpans()) {
            b.addNegativeSpans(BucketSpan.newBuilder().setOffset(s.offset()).setLength(s.length()));
        }
        for (long d : h.negativeDeltas()) {
            b.addNegativeDeltas(d);
        }
        return b.build();
    }

    /** Each sample as Prometheus's API shows a histogram: time, count, sum and its non-empty buckets. */
    private static List<String> summaries(List<Point> points) {
        List<String> out = new ArrayList<>();
        for (Point p : points) {
            FloatHistogram f = p.h() != null ? HistogramSeries.toFloat(p.h()) : p.fh();
            int buckets = f.zeroCount() > 0 ? 1 : 0;
            for (double c : f.positiveBuckets()) {
                buckets += c > 0 ? 1 : 0;
            }
            for (double c : f.negativeBuckets()) {
                buckets += c > 0 ? 1 : 0;
            }
            out.add(p.t() + " count=" + f.count() + " sum=" + f.sum() + " buckets=" + buckets);
        }
        return out;
    }

    /** The histograms of the single series a range selector returns, summarised as {@link #summaries}. */
    private static List<String> matrix(String promql, double atSeconds) {
        JsonNode result = prometheus.query(promql, atSeconds);
        assertThat(result).as("%s: %s", promql, result).hasSize(1);
        List<String> out = new ArrayList<>();
        for (JsonNode h : result.get(0).path("histograms")) {
            long t = Math.round(h.get(0).asDouble() * 1000);
            JsonNode v = h.get(1);
            out.add(t + " count=" + Double.parseDouble(v.path("count").asText()) + " sum="
                    + Double.parseDouble(v.path("sum").asText()) + " buckets=" + v.path("buckets").size());
        }
        return out;
    }
}
