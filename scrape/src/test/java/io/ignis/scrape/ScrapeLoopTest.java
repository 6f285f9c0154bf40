package io.ignis.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.BasicAuth;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.Secret;
import io.ignis.config.TlsConfig;
import io.ignis.scrape.textparse.proto.Counter;
import io.ignis.scrape.textparse.proto.LabelPair;
import io.ignis.scrape.textparse.proto.Metric;
import io.ignis.scrape.textparse.proto.MetricFamily;
import io.ignis.scrape.textparse.proto.MetricType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole scrapes against local exporters on loopback: formats, headers, auth, report series. */
class ScrapeLoopTest {
    final ScrapeHarness h = new ScrapeHarness();
    final TestExporter exporter;

    ScrapeLoopTest() throws IOException {
        exporter = TestExporter.http();
    }

    @AfterEach
    void close() {
        h.close();
        exporter.close();
    }

    @Test
    void textTargetGzippedWithPrometheusHeadersAndReportSeries() {
        exporter.on("/metrics", TestExporter.gzipText("# TYPE a counter\na_total 7\nb{x=\"1\"} 2\n"));
        h.apply(ScrapeHarness.fast("job").build());
        h.targets(Map.of("job", List.of(exporter.address())));
        TargetStatus s = h.awaitScrapes(exporter.address(), 2);

        assertThat(s.health()).isEqualTo(TargetHealth.UP);
        assertThat(s.lastError()).isEmpty();
        assertThat(s.lastScrapeMillis()).isPositive();
        assertThat(s.scrapeUrl()).isEqualTo("http://" + exporter.address() + "/metrics");
        assertThat(h.storage.samples("a_total").get(0).v()).isEqualTo(7);
        assertThat(h.storage.samples("b").get(0).labels().get("job")).isEqualTo("job");
        assertThat(h.storage.samples("up").get(0).v()).isEqualTo(1);
        assertThat(h.storage.samples("scrape_samples_scraped").get(0).v()).isEqualTo(2);
        assertThat(h.storage.samples("scrape_samples_post_metric_relabeling").get(0).v()).isEqualTo(2);
        assertThat(h.storage.samples("scrape_series_added").get(0).v()).isEqualTo(2);
        assertThat(h.storage.samples("scrape_series_added").get(1).v()).isZero();
        assertThat(h.storage.samples("scrape_duration_seconds").get(0).v()).isPositive().isLessThan(1);
        assertThat(h.storage.samples("scrape_timeout_seconds")).isEmpty();

        var req = exporter.requests.get(0);
        assertThat(req.getFirst("Accept")).isEqualTo("application/openmetrics-text;version=1.0.0;"
                + "escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,"
                + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2");
        assertThat(req.getFirst("X-Prometheus-Scrape-Timeout-Seconds")).isEqualTo("0.9");
        assertThat(req.getFirst("Accept-Encoding")).isEqualTo("gzip");
        assertThat(req.getFirst("User-Agent")).startsWith("Prometheus/");
        assertThat(h.manager.metadata()).anySatisfy(m -> {
            assertThat(m.metric()).isEqualTo("a");
            assertThat(m.metadata().type().text()).isEqualTo("counter");
        });
    }

    /**
     * A small response is appended on the event loop that read it, no other thread woken; one over the limit, and a
     * failed scrape, on the scheduler, so they never hold up other targets' I/O. Both are stored whole.
     */
    @Test
    void smallResponsesAppendedOnTheEventLoopBigOnesAndFailuresOnTheScheduler() throws IOException {
        StringBuilder big = new StringBuilder();
        for (int i = 0; big.length() <= ScrapeLoop.INLINE_BODY_LIMIT; i++) {
            big.append("big_series{index=\"").append(i).append("\"} ").append(i).append('\n');
        }
        int bigSeries = big.toString().split("\n").length;
        exporter.on("/small", TestExporter.gzipText("small 1\n"));
        exporter.on("/big", TestExporter.gzipText(big.toString()));
        try (TestExporter failing = TestExporter.http()) {
            failing.on("/metrics", TestExporter.status(500));
            TestScrapeConfig small = ScrapeHarness.fast("small");
            small.metricsPath = "/small";
            TestScrapeConfig bigJob = ScrapeHarness.fast("big");
            bigJob.metricsPath = "/big";
            h.apply(small.build(), bigJob.build(), ScrapeHarness.fast("failing").build());
            h.targets(Map.of("small", List.of(exporter.address()), "big", List.of(exporter.address()),
                    "failing", List.of(failing.address())));
            ScrapeHarness.await("a scrape of each job", java.time.Duration.ofSeconds(10),
                    () -> h.storage.samples("up").stream().map(x -> x.labels().get("job")).distinct().count() == 3);
        }

        assertThat(h.storage.samples("small")).isNotEmpty();
        assertThat(h.storage.samples("big_series").size()).isGreaterThanOrEqualTo(bigSeries);
        assertThat(threadOfFirstUp("small")).startsWith("multiThreadIoEventLoopGroup");
        assertThat(threadOfFirstUp("big")).startsWith("pool-");
        assertThat(threadOfFirstUp("failing")).startsWith("pool-");
    }

    /** The thread that committed the job's first scrape (its report series are committed with it). */
    private String threadOfFirstUp(String job) {
        RecordingAppendable.Sample up = h.storage.samples("up", "job", job).get(0);
        return h.storage.commitThreadOf(up);
    }

    @Test
    void extraScrapeMetricsAndIdentityEncoding() {
        exporter.on("/metrics", TestExporter.gzipText("a 1\n"));
        TestScrapeConfig c = ScrapeHarness.fast("job");
        c.extraScrapeMetrics = true;
        c.enableCompression = false;
        c.sampleLimit = 100;
        h.apply(c.build());
        h.targets(Map.of("job", List.of(exporter.address())));
        h.awaitScrapes(exporter.address(), 1);
        assertThat(h.storage.samples("scrape_timeout_seconds").get(0).v()).isEqualTo(0.9);
        assertThat(h.storage.samples("scrape_sample_limit").get(0).v()).isEqualTo(100);
        assertThat(h.storage.samples("scrape_body_size_bytes").get(0).v()).isEqualTo(4);
        assertThat(exporter.requests.get(0).getFirst("Accept-Encoding")).isEqualTo("identity");
    }

    @Test
    void openMetricsEndpoint() {
        String om = "# TYPE req_seconds counter\n# UNIT req_seconds seconds\n# HELP req_seconds Requests.\n"
                + "req_seconds_total 3\nreq_seconds_created 1\n# EOF\n";
        exporter.on("/metrics", TestExporter.body("application/openmetrics-text; version=1.0.0; charset=utf-8",
                om.getBytes(StandardCharsets.UTF_8)));
        h.apply(ScrapeHarness.fast("om").build());
        h.targets(Map.of("om", List.of(exporter.address())));
        h.awaitScrapes(exporter.address(), 1);
        assertThat(h.storage.samples("req_seconds_total").get(0).v()).isEqualTo(3);
        assertThat(h.storage.samples("up").get(0).v()).isEqualTo(1);
        assertThat(h.manager.metadata()).anySatisfy(m -> {
            assertThat(m.metric()).isEqualTo("req_seconds");
            assertThat(m.metadata().unit()).isEqualTo("seconds");
            assertThat(m.metadata().help()).isEqualTo("Requests.");
        });
    }

    @Test
    void protobufEndpoint() throws IOException {
        MetricFamily mf = MetricFamily.newBuilder().setName("pb_total").setHelp("h").setType(MetricType.COUNTER)
                .addMetric(Metric.newBuilder().addLabel(LabelPair.newBuilder().setName("k").setValue("v"))
                        .setCounter(Counter.newBuilder().setValue(42)))
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mf.writeDelimitedTo(out);
        exporter.on("/metrics", TestExporter.body("application/vnd.google.protobuf; "
                + "proto=io.prometheus.client.MetricFamily; encoding=delimited", out.toByteArray()));
        h.apply(ScrapeHarness.fast("pb").build());
        h.targets(Map.of("pb", List.of(exporter.address())));
        h.awaitScrapes(exporter.address(), 1);
        assertThat(h.storage.samples("pb_total", "k", "v").get(0).v()).isEqualTo(42);
    }

    @Test
    void basicAuthWithPasswordFileReReadWhenItChanges(@TempDir Path dir) throws IOException {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "wrong\n");
        String good = "Basic " + java.util.Base64.getEncoder().encodeToString("user:s3cret".getBytes());
        exporter.on("/metrics", ex -> {
            if (good.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                TestExporter.text("ok 1\n").respond(ex);
            } else {
                ex.sendResponseHeaders(401, -1);
            }
        });
        TestScrapeConfig c = ScrapeHarness.fast("auth");
        c.http = new HttpClientConfig(new BasicAuth("user", "", new Secret(""), pw.toString()), null,
                TlsConfig.EMPTY, "", "", false, Map.of(), Map.of(), true, false);
        h.apply(c.build());
        h.targets(Map.of("auth", List.of(exporter.address())));
        TargetStatus s = h.awaitScrapes(exporter.address(), 1);
        assertThat(s.health()).isEqualTo(TargetHealth.DOWN);
        assertThat(s.lastError()).isEqualTo("server returned HTTP status 401 Unauthorized");
        assertThat(h.storage.samples("up").get(0).v()).isZero();

        Files.writeString(pw, "s3cret\n");
        ScrapeHarness.await("scrape with the new password", java.time.Duration.ofSeconds(10),
                () -> !h.storage.samples("ok").isEmpty());
        assertThat(h.status(exporter.address()).health()).isEqualTo(TargetHealth.UP);
    }

    @Test
    void redirectsFollowedOrReported() {
        exporter.on("/metrics", ex -> {
            ex.getResponseHeaders().set("Location", "/real");
            ex.sendResponseHeaders(302, -1);
        }).on("/real", TestExporter.text("moved 1\n"));
        TestScrapeConfig follow = ScrapeHarness.fast("follow");
        TestScrapeConfig stay = ScrapeHarness.fast("stay");
        stay.http = HttpClientConfig.DEFAULT.withEnableHttp2(false);
        stay.http = new HttpClientConfig(null, null, TlsConfig.EMPTY, "", "", false, Map.of(), Map.of(), false,
                false);
        stay.params = Map.of("x", List.of("1")); // a different URL, so a different target
        h.apply(follow.build(), stay.build());
        h.targets(Map.of("follow", List.of(exporter.address()), "stay", List.of(exporter.address())));
        ScrapeHarness.await("both scraped", java.time.Duration.ofSeconds(10),
                () -> h.storage.samples("up", "job", "follow").size() >= 1
                        && h.storage.samples("up", "job", "stay").size() >= 1);
        assertThat(h.storage.samples("moved", "job", "follow")).isNotEmpty();
        assertThat(h.storage.samples("up", "job", "stay").get(0).v()).isZero();
        assertThat(h.manager.targets().active()).anySatisfy(t -> {
            assertThat(t.scrapePool()).isEqualTo("stay");
            // The status line as the server sent it, as Go reports resp.Status.
            assertThat(t.lastError()).startsWith("server returned HTTP status 302 ");
        });
    }

    @Test
    void targetLimitFailsEveryTargetOfThePool() throws IOException {
        try (TestExporter other = TestExporter.http()) {
            exporter.on("/metrics", TestExporter.text("a 1\n"));
            other.on("/metrics", TestExporter.text("a 1\n"));
            TestScrapeConfig c = ScrapeHarness.fast("limited");
            c.targetLimit = 1;
            h.apply(c.build());
            h.targets(Map.of("limited", List.of(exporter.address(), other.address())));
            TargetStatus s = h.awaitScrapes(exporter.address(), 1);
            assertThat(s.lastError()).isEqualTo("target_limit exceeded (number of targets: 2, limit: 1)");
            assertThat(h.storage.samples("a")).isEmpty();
            assertThat(exporter.requests).isEmpty();
        }
    }

    @Test
    void authorizationCredentialsFileAndHttpProxy(@TempDir Path dir) throws IOException {
        Path token = dir.resolve("token");
        Files.writeString(token, "t0k3n\n");
        exporter.on("/metrics", ex -> {
            boolean viaProxy = ex.getRequestURI().isAbsolute()
                    && ex.getRequestURI().getHost().equals("target.invalid");
            boolean auth = "Bearer t0k3n".equals(ex.getRequestHeaders().getFirst("Authorization"));
            if (viaProxy && auth) {
                TestExporter.text("proxied 1\n").respond(ex);
            } else {
                ex.sendResponseHeaders(403, -1);
            }
        });
        TestScrapeConfig c = ScrapeHarness.fast("proxied");
        c.http = new HttpClientConfig(null, new io.ignis.config.Authorization("Bearer", new Secret(""),
                token.toString()), TlsConfig.EMPTY, "http://" + exporter.address(), "", false, Map.of(), Map.of(),
                true, false);
        h.apply(c.build());
        // The target's host does not resolve: only a request sent through the proxy can succeed.
        h.targets(Map.of("proxied", List.of("target.invalid:9100")));
        h.awaitScrapes("target.invalid:9100", 1);
        assertThat(h.storage.samples("proxied")).isNotEmpty();
        assertThat(exporter.requests.get(0).getFirst("Host")).isEqualTo("target.invalid:9100");
    }
}
