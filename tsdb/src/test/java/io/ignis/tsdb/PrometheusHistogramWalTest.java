package io.ignis.tsdb;

import static io.ignis.tsdb.TestHistograms.f;
import static io.ignis.tsdb.TestHistograms.h;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.ignis.labels.Matcher;
import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.storage.Appender;
import io.ignis.storage.Querier;
import io.ignis.labels.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native histograms through the WAL and {@code chunks_head/}, both ways with Debian's Prometheus 2.42 ({@code
 * --enable-feature=native-histograms}): what it scraped from a protobuf target comes back in our head as the
 * histograms served, and what our head wrote is what its HTTP API returns after it replays our data directory.
 */
class PrometheusHistogramWalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROTOBUF =
            "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

    @TempDir
    Path dir;

    /** The k-th integer histogram served: a counter with a reset every 5 samples (each cuts a chunk). */
    static Histogram served(int k) {
        long c = k % 5 + 1;
        return h(0, k * 0.5, c, 2 * c, c);
    }

    /** The k-th float gauge histogram served: goes up and down. */
    static FloatHistogram servedGauge(int k) {
        return f(h(CounterResetHint.GAUGE, 1, k * 0.25, k % 3 + 1, 2));
    }

    @Test
    void histogramsScrapedByPrometheusReplayFromItsWalAndChunksHead() throws Exception {
        Path prometheus = ReferencePeer.require("prometheus");
        long base = System.currentTimeMillis() / 1000 * 1000 - 60_000;
        AtomicInteger scrapes = new AtomicInteger();
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/metrics", ex -> {
            int k = scrapes.getAndIncrement();
            byte[] body = exposition(k, base + k * 1000L);
            ex.getResponseHeaders().set("Content-Type", PROTOBUF);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        target.start();
        int port = freePort();
        Path data = dir.resolve("data");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: hist\n"
                + "    static_configs:\n      - targets: ['127.0.0.1:" + target.getAddress().getPort() + "']\n");
        Process p = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port,
                "--enable-feature=native-histograms")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        int fromApi;
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                JsonNode r = query(http, port, "ignis_test_hist[1h]", System.currentTimeMillis() / 1000.0 + 60);
                JsonNode result = r == null ? null : r.path("data").path("result");
                fromApi = result == null || result.size() != 1 ? 0 : result.get(0).path("histograms").size();
                if (fromApi >= 12) {
                    break;
                }
                assertThat(System.nanoTime()).as("prometheus scraped 12 histograms within 120 s; log in %s", dir)
                        .isLessThan(deadline);
                Thread.onSpinWait();
            }
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            target.stop(0);
        }
        assertThat(chunksHeadBytes(data)).as("histogram chunks cut by the resets went to chunks_head")
                .isGreaterThan(8);
        try (Head h = Head.open(data, HeadOptions.defaults())) {
            assertThat(h.stats().walCorruptions()).isZero();
            Map<String, List<String>> got;
            try (Querier q = h.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                got = TestHistograms.read(q, Matcher.regex("__name__", "ignis_test_.*"));
            }
            List<String> ints = only(got, "ignis_test_hist");
            List<String> gauges = only(got, "ignis_test_fhist");
            assertThat(ints.size()).isGreaterThanOrEqualTo(fromApi);
            for (int k = 0; k < ints.size(); k++) {
                assertThat(ints.get(k)).as("sample %d", k).isEqualTo(TestHistograms.sample(base + k * 1000L,
                        served(k)));
                assertThat(gauges.get(k)).as("gauge sample %d", k).isEqualTo(TestHistograms.sample(base + k * 1000L,
                        servedGauge(k)));
            }
            assertThat(h.stats().histogramSamplesAppended()).as("samples in its chunks_head are not replayed")
                    .isLessThan(2L * ints.size());
        }
    }

    @Test
    void prometheusReplaysTheHistogramsWeWrote() throws Exception {
        Path prometheus = ReferencePeer.require("prometheus");
        long base = System.currentTimeMillis() / 1000 * 1000 - 600_000;
        Path data = dir.resolve("data");
        Labels ints = Labels.of("__name__", "ignis_hist", "job", "ignis");
        Labels floats = Labels.of("__name__", "ignis_fhist", "job", "ignis");
        int n = 40;
        try (Head h = Head.open(data, HeadOptions.defaults())) {
            for (int k = 0; k < n; k++) {
                Appender a = h.appender();
                a.appendHistogram(0, ints, base + k * 10_000L, served(k), null);
                a.appendHistogram(0, floats, base + k * 10_000L, null, servedGauge(k));
                a.commit();
            }
        }
        assertThat(chunksHeadBytes(data)).as("our chunks cut by the resets are in chunks_head").isGreaterThan(8);
        int port = freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1m\n");
        Process p = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port,
                "--enable-feature=native-histograms")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            JsonNode r = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (r == null) {
                r = query(http, port, "{job=\"ignis\"}", base / 1000.0);
                assertThat(System.nanoTime()).as("prometheus answered within 60 s; log in %s", dir)
                        .isLessThan(deadline);
            }
            // One instant query per sample: Prometheus 2.42 hands out one reused histogram for all the points of
            // a range vector, so {job="ignis"}[1h] would show the last value everywhere.
            for (int k = 0; k < n; k++) {
                long t = base + k * 10_000L;
                JsonNode result = query(http, port, "{job=\"ignis\"}", t / 1000.0).path("data").path("result");
                assertThat(result.size()).as("%s", result).isEqualTo(2);
                for (JsonNode series : result) {
                    boolean gauge = series.path("metric").path("__name__").asText().equals("ignis_fhist");
                    JsonNode s = series.path("histogram");
                    assertThat(Math.round(s.get(0).asDouble() * 1000)).isEqualTo(t);
                    FloatHistogram want = gauge ? servedGauge(k) : f(served(k));
                    assertThat(api(s.get(1))).as("sample %d of %s", k, series.path("metric"))
                            .isEqualTo(expectedApi(want));
                }
            }
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
        String log = Files.readString(dir.resolve("prometheus.log"));
        assertThat(log).as("it read our chunks_head and WAL without complaint").doesNotContain("level=error")
                .doesNotContainIgnoringCase("corrupt").contains("On-disk memory mappable chunks replay completed");
    }

    /** count, sum and the non-empty buckets as {@code lower..upper=count}, from the API's JSON. */
    private static String api(JsonNode h) {
        StringBuilder b = new StringBuilder("count=" + Double.parseDouble(h.path("count").asText()) + " sum="
                + Double.parseDouble(h.path("sum").asText()));
        for (JsonNode bucket : h.path("buckets")) {
            b.append(' ').append(bound(Double.parseDouble(bucket.get(1).asText()))).append("..")
                    .append(bound(Double.parseDouble(bucket.get(2).asText()))).append('=')
                    .append(Double.parseDouble(bucket.get(3).asText()));
        }
        return b.toString();
    }

    /** As {@link #api} for a positive-only exponential histogram: bucket i spans (2^((i-1)/2^s), 2^(i/2^s)]. */
    private static String expectedApi(FloatHistogram h) {
        StringBuilder b = new StringBuilder("count=" + h.count() + " sum=" + h.sum());
        int idx = 0;
        int k = 0;
        double width = Math.scalb(1.0, -h.schema());
        for (Span sp : h.positiveSpans()) {
            idx += sp.offset();
            for (int j = 0; j < sp.length(); j++, idx++, k++) {
                if (h.positiveBuckets()[k] != 0) {
                    b.append(' ').append(bound(Math.pow(2, (idx - 1) * width))).append("..")
                            .append(bound(Math.pow(2, idx * width))).append('=').append(h.positiveBuckets()[k]);
                }
            }
        }
        return b.toString();
    }

    /** Bucket bounds to 12 digits: Prometheus computes them another way, the last bit may differ. */
    private static String bound(double v) {
        return String.format("%.12g", v);
    }

    private static List<String> only(Map<String, List<String>> got, String name) {
        for (Map.Entry<String, List<String>> e : got.entrySet()) {
            if (e.getKey().contains("__name__=\"" + name + "\"")) {
                return e.getValue();
            }
        }
        throw new AssertionError("no series " + name + " in " + got.keySet());
    }

    private static long chunksHeadBytes(Path data) throws IOException {
        Path d = data.resolve(Head.CHUNKS_HEAD);
        if (!Files.isDirectory(d)) {
            return 0;
        }
        long n = 0;
        try (Stream<Path> s = Files.list(d)) {
            for (Path f : s.toList()) {
                n += Files.size(f);
            }
        }
        return n;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static JsonNode query(HttpClient http, int port, String expr, double at) throws InterruptedException {
        String url = "http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&time=" + at;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException notUpYet) {
            return null;
        }
    }

    /** Two delimited {@code io.prometheus.client.MetricFamily} messages: the k-th samples at {@code t}. */
    private static byte[] exposition(int k, long t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Histogram h = served(k);
        Proto hist = new Proto().uvarint(1, h.count()).fixed64(2, h.sum()).sint(5, h.schema())
                .fixed64(6, h.zeroThreshold()).uvarint(7, h.zeroCount());
        for (Span s : h.positiveSpans()) {
            hist.message(12, new Proto().sint(1, s.offset()).uvarint(2, s.length()));
        }
        hist.packedSint(13, h.positiveDeltas());
        family(out, "ignis_test_hist", 4, hist, t);
        FloatHistogram g = servedGauge(k);
        Proto gauge = new Proto().fixed64(4, g.count()).fixed64(2, g.sum()).sint(5, g.schema())
                .fixed64(6, g.zeroThreshold()).fixed64(8, g.zeroCount());
        for (Span s : g.positiveSpans()) {
            gauge.message(12, new Proto().sint(1, s.offset()).uvarint(2, s.length()));
        }
        gauge.packedDouble(14, g.positiveBuckets());
        family(out, "ignis_test_fhist", 5, gauge, t);
        return out.toByteArray();
    }

    /** MetricFamily{name, type, metric{histogram (field 7), timestamp_ms (6)}}, length-delimited. */
    private static void family(ByteArrayOutputStream out, String name, int type, Proto histogram, long t) {
        Proto metric = new Proto().message(7, histogram).uvarint(6, t);
        Proto fam = new Proto().string(1, name).uvarint(3, type).message(4, metric);
        byte[] b = fam.bytes();
        Proto.writeUvarint(out, b.length);
        out.writeBytes(b);
    }

    /** The few protobuf wire-format writes the exposition above needs. */
    private static final class Proto {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        static void writeUvarint(ByteArrayOutputStream o, long v) {
            while ((v & ~0x7fL) != 0) {
                o.write((int) ((v & 0x7f) | 0x80));
                v >>>= 7;
            }
            o.write((int) v);
        }

        private void tag(int field, int wire) {
            writeUvarint(b, (long) field << 3 | wire);
        }

        Proto uvarint(int field, long v) {
            tag(field, 0);
            writeUvarint(b, v);
            return this;
        }

        Proto sint(int field, long v) {
            return uvarint(field, (v << 1) ^ (v >> 63));
        }

        Proto fixed64(int field, double v) {
            tag(field, 1);
            long bits = Double.doubleToRawLongBits(v);
            for (int i = 0; i < 8; i++) {
                b.write((int) (bits >>> (8 * i)));
            }
            return this;
        }

        Proto string(int field, String s) {
            return bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto m) {
            return bytes(field, m.bytes());
        }

        Proto packedSint(int field, long[] vs) {
            ByteArrayOutputStream p = new ByteArrayOutputStream();
            for (long v : vs) {
                writeUvarint(p, (v << 1) ^ (v >> 63));
            }
            return bytes(field, p.toByteArray());
        }

        Proto packedDouble(int field, double[] vs) {
            Proto p = new Proto();
            for (double v : vs) {
                long bits = Double.doubleToRawLongBits(v);
                for (int i = 0; i < 8; i++) {
                    p.b.write((int) (bits >>> (8 * i)));
                }
            }
            return bytes(field, p.bytes());
        }

        private Proto bytes(int field, byte[] v) {
            tag(field, 2);
            writeUvarint(b, v.length);
            b.writeBytes(v);
            return this;
        }

        byte[] bytes() {
            return b.toByteArray();
        }
    }
}
