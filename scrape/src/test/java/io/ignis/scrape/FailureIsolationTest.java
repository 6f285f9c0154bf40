package io.ignis.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A target that misbehaves costs only its own scrape; malformed bodies fail the scrape and lose nothing. */
class FailureIsolationTest {
    static final Duration INTERVAL = Duration.ofMillis(300);

    final ScrapeHarness h = new ScrapeHarness();
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        h.close();
    }

    /** Accepts connections and resets them at once (SO_LINGER 0), as a crashing exporter does. */
    static ServerSocket resetter() throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!ss.isClosed()) {
                try (Socket s = ss.accept()) {
                    s.setSoLinger(true, 0);
                } catch (IOException e) {
                    return;
                }
            }
        }, "resetter");
        t.setDaemon(true);
        t.start();
        return ss;
    }

    @Test
    void misbehavingTargetsDoNotDelayOthers() throws IOException {
        byte[] garbage = "\u00ff\u00fe{{{ garbage\n".getBytes(StandardCharsets.ISO_8859_1);
        try (TestExporter good = TestExporter.http(); TestExporter bad = TestExporter.http();
                ServerSocket reset = resetter()) {
            good.on("/metrics", TestExporter.text("ok 1\n"));
            bad.on("/e500", TestExporter.status(500))
                    .on("/hang", ex -> {
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    })
                    .on("/garbage", TestExporter.body("text/plain", garbage))
                    .on("/huge", ex -> {
                        ex.getResponseHeaders().set("Content-Type", "text/plain");
                        ex.sendResponseHeaders(200, 100L << 20);
                        byte[] chunk = new byte[1 << 20];
                        Arrays.fill(chunk, (byte) 'a');
                        chunk[0] = '{'; // fails at the first byte: the test is about transfer, not parse time
                        OutputStream out = ex.getResponseBody();
                        for (int i = 0; i < 100; i++) {
                            out.write(chunk);
                        }
                    });
            TestScrapeConfig c = new TestScrapeConfig("mixed").interval(INTERVAL, Duration.ofMillis(290));
            c.relabel = List.of(new io.ignis.config.RelabelConfig(List.of("__address__"), ";",
                    io.ignis.config.RelabelRegex.compile("(.*)#(.*)"), 0, "__metrics_path__", "/$2",
                    io.ignis.config.RelabelAction.REPLACE),
                    new io.ignis.config.RelabelConfig(List.of("__address__"), ";",
                            io.ignis.config.RelabelRegex.compile("(.*)#(.*)"), 0, "__address__", "$1",
                            io.ignis.config.RelabelAction.REPLACE));
            // The 100 MB target has its own job with a longer interval: the test machine has two shared cores,
            // and serving 100 MB every 300 ms would starve the exporter itself, not our scraper.
            TestScrapeConfig big = new TestScrapeConfig("big").interval(Duration.ofSeconds(1), Duration.ofMillis(900));
            big.relabel = c.relabel;
            h.apply(c.build(), big.build());
            String b = bad.address();
            // instance is set before relabeling changes __address__, so each target keeps a distinct instance.
            h.manager.applyTargets(Map.of("mixed", List.of(new io.ignis.discovery.TargetGroup("static/0", List.of(
                    Map.of("__address__", good.address() + "#metrics", "instance", "good"),
                    Map.of("__address__", b + "#e500", "instance", "e500"),
                    Map.of("__address__", b + "#hang", "instance", "hang"),
                    Map.of("__address__", b + "#garbage", "instance", "garbage"),
                    Map.of("__address__", "127.0.0.1:" + reset.getLocalPort() + "#metrics", "instance", "reset")),
                    Map.of())),
                    "big", List.of(new io.ignis.discovery.TargetGroup("static/0", List.of(
                            Map.of("__address__", b + "#huge", "instance", "huge")), Map.of()))));

            for (String bad1 : List.of("e500", "hang", "garbage", "huge", "reset")) {
                h.awaitScrapes(bad1, 2);
            }
            // Judge the good target once every bad one has failed twice: the first scrapes of a JVM pay for JIT
            // and for growing the 100 MB target's buffer, which on a loaded two-core machine stalls everything.
            int from = h.storage.samples("up", "instance", "good").size();
            h.awaitScrapes("good", from + 8);
            List<RecordingAppendable.Sample> all = h.storage.samples("up", "instance", "good");
            List<RecordingAppendable.Sample> up = all.subList(from, all.size());
            // Every tick happened on time (checked below); nearly every scrape succeeded. Not all: with the load
            // average of a shared two-core test machine at 15, a 290 ms loopback request occasionally times out
            // while 100 MB stream in next to it; that is the machine, and the next tick is on time regardless.
            assertThat(up.stream().filter(s -> s.v() == 1).count()).as("successful scrapes of the good target")
                    .isGreaterThanOrEqualTo(up.size() * 3L / 4);
            for (int i = 1; i < up.size(); i++) {
                long gap = up.get(i).t() - up.get(i - 1).t();
                assertThat(gap).as("gap between scrapes %d and %d of the good target", i - 1, i)
                        .isBetween(INTERVAL.toMillis() / 2, INTERVAL.toMillis() * 3 / 2);
            }
            assertThat(h.status("e500").lastError()).isEqualTo("server returned HTTP status 500 Internal Server Error");
            assertThat(h.status("hang").lastError()).endsWith("context deadline exceeded");
            assertThat(h.status("garbage").lastError()).startsWith("line 1: ");
            assertThat(h.status("huge").health()).isEqualTo(TargetHealth.DOWN);
            assertThat(h.status("reset").health()).isEqualTo(TargetHealth.DOWN);
            assertThat(h.status("reset").lastError()).isNotEmpty();
            for (String bad1 : List.of("e500", "hang", "garbage", "huge", "reset")) {
                assertThat(h.storage.samples("up", "instance", bad1)).allMatch(s -> s.v() == 0);
            }
        }
    }

    @Test
    void bodySizeLimitFailsTheScrapeAndReportsMinusOne() throws IOException {
        try (TestExporter e = TestExporter.http()) {
            e.on("/metrics", TestExporter.text("a 1\n".repeat(1000)));
            TestScrapeConfig c = new TestScrapeConfig("limited").interval(INTERVAL, Duration.ofMillis(250));
            c.bodySizeLimit = 1000;
            c.extraScrapeMetrics = true;
            h.apply(c.build());
            h.targets(Map.of("limited", List.of(e.address())));
            TargetStatus s = h.awaitScrapes(e.address(), 1);
            assertThat(s.lastError()).isEqualTo("body size limit exceeded");
            assertThat(h.storage.samples("scrape_body_size_bytes").get(0).v()).isEqualTo(-1);
            assertThat(h.storage.samples("a")).isEmpty();
            assertThat(h.metrics.snapshot().exceededBodySizeLimit()).isPositive();
        }
    }

    record Malformed(String name, String contentType, String body, String wantError) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Malformed> malformed() {
        return Stream.of(
                new Malformed("bad label block", "text/plain", "a{x=1} 1\n", "line 1: "),
                new Malformed("missing value", "text/plain", "a\n", "line 1: "),
                new Malformed("openmetrics without EOF", "application/openmetrics-text; version=1.0.0", "a 1\n",
                        "line 2: data does not end with # EOF"),
                new Malformed("truncated protobuf", "application/vnd.google.protobuf; "
                        + "proto=io.prometheus.client.MetricFamily; encoding=delimited", "P\n\u0003ab",
                        "offset "),
                new Malformed("unknown content type", "application/json", "{}",
                        "received unsupported Content-Type \"application/json\""),
                new Malformed("missing content type", "", "a 1\n", "non-compliant scrape target sending blank"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedBodyGivesUpZeroWithErrorAndKeepsEarlierData(Malformed tc) throws IOException {
        AtomicReference<TestExporter.Responder> current = new AtomicReference<>(TestExporter.text("before 1\n"));
        try (TestExporter e = TestExporter.http()) {
            e.on("/metrics", ex -> current.get().respond(ex));
            h.apply(new TestScrapeConfig("m").interval(INTERVAL, Duration.ofMillis(250)).build());
            h.targets(Map.of("m", List.of(e.address())));
            h.awaitScrapes(e.address(), 1);
            current.set(tc.contentType().isEmpty()
                    ? ex -> {
                        byte[] body = tc.body().getBytes(StandardCharsets.ISO_8859_1);
                        ex.sendResponseHeaders(200, body.length);
                        ex.getResponseBody().write(body);
                    }
                    : TestExporter.body(tc.contentType(), tc.body().getBytes(StandardCharsets.ISO_8859_1)));
            ScrapeHarness.await("a failed scrape", Duration.ofSeconds(10),
                    () -> h.storage.samples("up", "instance", e.address()).stream().anyMatch(s -> s.v() == 0));
            TargetStatus s = h.status(e.address());
            assertThat(s.health()).isEqualTo(TargetHealth.DOWN);
            assertThat(s.lastError()).startsWith(tc.wantError());
            List<RecordingAppendable.Sample> before = h.storage.samples("before");
            assertThat(before.get(0).v()).isEqualTo(1);
            assertThat(before.get(before.size() - 1).isStale()).isTrue();
        }
    }
}
