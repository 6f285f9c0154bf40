package io.ignis.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.RelabelAction;
import io.ignis.config.RelabelConfig;
import io.ignis.config.RelabelRegex;
import io.ignis.labels.Labels;
import io.ignis.storage.Appender;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The append step of a scrape: labels, cache, limits, staleness, as Prometheus's scrape_test.go checks them. */
class ScrapeAppendTest {
    static final String TEXT = "text/plain; version=0.0.4";
    static final long T0 = 1_700_000_000_000L;

    final RecordingAppendable storage = new RecordingAppendable();
    final ScrapeMetrics metrics = new ScrapeMetrics();

    ScrapeAppend appendFor(Consumer<TestScrapeConfig> tweak) {
        TestScrapeConfig c = new TestScrapeConfig("job");
        tweak.accept(c);
        Target t = new TargetBuilder(c.build()).build(Map.of("__address__", "h:1"), Map.of()).target();
        return new ScrapeAppend(t, new ScrapeCache(), LoopOptions.of(c.build(), false, false), metrics);
    }

    /** Appends one body in its own batch; commits on success, rolls back and appends only markers on failure. */
    String scrape(ScrapeAppend a, String body, long t) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        Appender app = storage.appender();
        String err = a.append(app, b, b.length, TEXT, t);
        if (err != null) {
            app.rollback();
            app = storage.appender();
            a.appendEmpty(app, t);
        }
        app.commit();
        return err;
    }

    @Test
    void appendsWithTargetLabelsAndCountsNewSeriesOnce() {
        ScrapeAppend a = appendFor(c -> { });
        assertThat(scrape(a, "a 1\nb{x=\"y\"} 2\n", T0)).isNull();
        assertThat(a.total).isEqualTo(2);
        assertThat(a.added).isEqualTo(2);
        assertThat(a.seriesAdded).isEqualTo(2);
        assertThat(storage.samples("b").get(0).labels())
                .isEqualTo(Labels.of("__name__", "b", "x", "y", "instance", "h:1", "job", "job"));
        assertThat(storage.samples("a").get(0).t()).isEqualTo(T0);

        assertThat(scrape(a, "a 3\nb{x=\"y\"} 4\n", T0 + 1000)).isNull();
        assertThat(a.seriesAdded).isZero();
        // Cache hits pass the ref the storage handed out the first time.
        assertThat(storage.samples("a").get(1).refIn()).isNotZero();
        assertThat(storage.samples("a").get(1).v()).isEqualTo(3);
    }

    @Test
    void eachScrapeHintsTheStorageRefsOfThePreviousScrapesSeriesInOrder() {
        ScrapeAppend a = appendFor(c -> { });
        scrape(a, "b 1\na 1\nc 1\n", T0);
        scrape(a, "b 2\na 2\nc 2\n", T0 + 1000);
        scrape(a, "b 3\nc 3\n", T0 + 2000);

        // The second scrape passed the refs the storage handed out in the first.
        long refB = storage.samples("b").get(1).refIn();
        long refA = storage.samples("a").get(1).refIn();
        long refC = storage.samples("c").get(1).refIn();
        assertThat(storage.prefetches()).hasSize(3);
        assertThat(storage.prefetches().get(0)).isEmpty();
        assertThat(storage.prefetches().get(1)).containsExactly(refB, refA, refC);
        assertThat(storage.prefetches().get(2)).containsExactly(refB, refA, refC);
        scrape(a, "c 4\n", T0 + 3000);
        assertThat(storage.prefetches().get(3)).containsExactly(refB, refC);
    }

    @Test
    void vanishedSeriesGetsExactStaleMarkerOnce() {
        ScrapeAppend a = appendFor(c -> { });
        scrape(a, "a 1\nb 2\n", T0);
        scrape(a, "a 1\n", T0 + 1000);
        scrape(a, "a 1\n", T0 + 2000);
        List<RecordingAppendable.Sample> b = storage.samples("b");
        assertThat(b).hasSize(2);
        assertThat(b.get(1).isStale()).isTrue();
        assertThat(b.get(1).t()).isEqualTo(T0 + 1000);
        assertThat(storage.samples("a")).noneMatch(RecordingAppendable.Sample::isStale);
    }

    @Test
    void failedScrapeMarksEveryPreviousSeriesStaleEvenAfterPartialParse() {
        ScrapeAppend a = appendFor(c -> { });
        scrape(a, "a 1\nb 2\n", T0);
        String err = scrape(a, "a 1\nb 2\nc{ 3\n", T0 + 1000);
        assertThat(err).startsWith("line 3:");
        assertThat(storage.samples("a")).extracting(RecordingAppendable.Sample::isStale).containsExactly(false, true);
        assertThat(storage.samples("b")).extracting(RecordingAppendable.Sample::isStale).containsExactly(false, true);
        assertThat(storage.samples("c")).isEmpty();
        // Recovery: the next good scrape appends again, with no further markers.
        assertThat(scrape(a, "a 5\n", T0 + 2000)).isNull();
        assertThat(storage.samples("a").get(2).v()).isEqualTo(5);
        assertThat(storage.samples("b")).hasSize(2);
    }

    @Test
    void explicitTimestampsAreExemptFromStalenessUnlessTracked() {
        ScrapeAppend plain = appendFor(c -> { });
        scrape(plain, "a 1 1000\n", T0);
        scrape(plain, "", T0 + 1000);
        assertThat(storage.samples("a")).hasSize(1);

        ScrapeAppend tracked = appendFor(c -> c.trackTimestampsStaleness = true);
        scrape(tracked, "z 1 1000\n", T0);
        scrape(tracked, "y 1\n", T0 + 1000);
        assertThat(storage.samples("z")).extracting(RecordingAppendable.Sample::isStale).containsExactly(false, true);
    }

    @Test
    void honorTimestampsFalseUsesScrapeTime() {
        ScrapeAppend a = appendFor(c -> c.honorTimestamps = false);
        scrape(a, "a 1 1000\n", T0);
        assertThat(storage.samples("a").get(0).t()).isEqualTo(T0);
    }

    @Test
    void duplicateSeriesInOneScrapeIsCountedNotFatal() {
        ScrapeAppend a = appendFor(c -> { });
        assertThat(scrape(a, "a 1\na 2\n", T0)).isNull();
        assertThat(storage.samples("a")).hasSize(1);
        assertThat(metrics.snapshot().sampleDuplicate()).isEqualTo(1);
        assertThat(a.added).isEqualTo(2);
    }

    record LabelCase(String name, boolean honor, String exposed, Labels want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<LabelCase> labelCases() {
        return Stream.of(
                new LabelCase("no clash", false, "m{a=\"1\"} 1", Labels.of("__name__", "m", "a", "1", "instance",
                        "h:1", "job", "job")),
                new LabelCase("clash renamed exported_", false, "m{job=\"other\"} 1", Labels.of("__name__", "m",
                        "exported_job", "other", "instance", "h:1", "job", "job")),
                new LabelCase("exported_ prefix repeated until free", false,
                        "m{job=\"other\",exported_job=\"taken\"} 1", Labels.of("__name__", "m", "exported_job",
                                "taken", "exported_exported_job", "other", "instance", "h:1", "job", "job")),
                new LabelCase("honor_labels keeps exposed", true, "m{job=\"other\"} 1", Labels.of("__name__", "m",
                        "instance", "h:1", "job", "other")),
                new LabelCase("honor_labels adds missing", true, "m 1", Labels.of("__name__", "m", "instance", "h:1",
                        "job", "job")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labelCases")
    void targetLabelsAndHonorLabels(LabelCase tc) {
        ScrapeAppend a = appendFor(c -> c.honorLabels = tc.honor());
        assertThat(scrape(a, tc.exposed() + "\n", T0)).isNull();
        assertThat(storage.samples("m").get(0).labels()).isEqualTo(tc.want());
    }

    record LimitCase(String name, Consumer<TestScrapeConfig> config, String body, String wantError) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<LimitCase> limitCases() {
        return Stream.of(
                new LimitCase("sample_limit", c -> c.sampleLimit = 2, "a 1\nb 1\nc 1\n", "sample limit exceeded"),
                new LimitCase("sample_limit not reached", c -> c.sampleLimit = 3, "a 1\nb 1\nc 1\n", null),
                new LimitCase("label_limit", c -> c.labelLimit = 3, "m{a=\"1\",b=\"2\"} 1\n",
                        "label_limit exceeded (metric: m, number of labels: 5, limit: 3)"),
                new LimitCase("label_name_length_limit", c -> c.labelNameLengthLimit = 8, "m{longername=\"1\"} 1\n",
                        "label_name_length_limit exceeded (metric: m, label name: longername, length: 10, limit: 8)"),
                new LimitCase("label_value_length_limit", c -> c.labelValueLengthLimit = 4, "m{a=\"abcde\"} 1\n",
                        "label_value_length_limit exceeded (metric: m, label name: a, value: \"abcde\", length: 5, "
                                + "limit: 4)"),
                new LimitCase("missing metric name after relabeling", c -> c.metricRelabel = List.of(
                        new RelabelConfig(List.of("__name__"), ";", RelabelRegex.compile("m"), 0, "__name__", "",
                                RelabelAction.REPLACE)), "m 1\n", "missing metric name (__name__ label)"),
                new LimitCase("malformed", c -> { }, "m{a=1} 1\n", "line 1: "),
                new LimitCase("garbage binary", c -> { }, "\u00ff\u00fe\u0001{{{ \u0002\n", "line 1: "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limitCases")
    void limitsAndMalformedBodiesFailTheWholeScrape(LimitCase tc) {
        ScrapeAppend a = appendFor(tc.config());
        scrape(a, "keep 1\n", T0);
        int before = storage.samples().size();
        String err = scrape(a, tc.body(), T0 + 1000);
        if (tc.wantError() == null) {
            assertThat(err).isNull();
            return;
        }
        assertThat(err).startsWith(tc.wantError());
        // Nothing of the failed scrape is stored; what was stored before stays; previous series are marked stale.
        List<RecordingAppendable.Sample> after = storage.samples().subList(before, storage.samples().size());
        assertThat(after).allMatch(RecordingAppendable.Sample::isStale);
        assertThat(storage.samples("keep").get(0).v()).isEqualTo(1);
    }

    @Test
    void nameLengthLimitBoundaryIsInclusive() {
        assertThat(scrape(appendFor(c -> c.labelNameLengthLimit = 10), "m{longername=\"1\"} 1\n", T0)).isNull();
        assertThat(scrape(appendFor(c -> c.labelNameLengthLimit = 9), "m{longername=\"1\"} 1\n", T0 + 1))
                .isEqualTo("label_name_length_limit exceeded (metric: m, label name: longername, length: 10, "
                        + "limit: 9)");
    }

    @Test
    void metricRelabelDropIsRememberedAndCountedAsScrapedOnly() {
        ScrapeAppend a = appendFor(c -> c.metricRelabel = List.of(new RelabelConfig(List.of("__name__"), ";",
                RelabelRegex.compile("drop_.*"), 0, "", "$1", RelabelAction.DROP)));
        scrape(a, "drop_me 1\nkeep 2\n", T0);
        assertThat(a.total).isEqualTo(2);
        assertThat(a.added).isEqualTo(1);
        scrape(a, "drop_me 1\nkeep 2\n", T0 + 1000);
        assertThat(storage.samples("drop_me")).isEmpty();
        assertThat(storage.samples("keep")).hasSize(2);
    }

    @Test
    void textsRelabeledToOneSeriesShareItsStaleness() {
        // labeldrop x: b{x="1"} and b{x="2"} are both the series b; whichever text produced it keeps it fresh.
        ScrapeAppend a = appendFor(c -> c.metricRelabel = List.of(new RelabelConfig(List.of(), ";",
                RelabelRegex.compile("x"), 0, "", "$1", RelabelAction.LABELDROP)));
        scrape(a, "b{x=\"1\"} 1\n", T0);
        scrape(a, "b{x=\"2\"} 2\n", T0 + 1000); // first seen now, same labels as the first text
        scrape(a, "b{x=\"2\"} 3\n", T0 + 2000);
        assertThat(storage.samples("b")).noneMatch(RecordingAppendable.Sample::isStale).hasSize(3);
        scrape(a, "other 1\n", T0 + 3000);
        scrape(a, "other 1\n", T0 + 4000);
        List<RecordingAppendable.Sample> b = storage.samples("b");
        assertThat(b).hasSize(4);
        assertThat(b.get(3).isStale()).isTrue();
        assertThat(b.get(3).t()).isEqualTo(T0 + 3000);
    }

    @Test
    void newSeriesLabelsUseCanonicalStrings() {
        ScrapeAppend a = appendFor(c -> { });
        byte[] body = "cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 1\n".getBytes(StandardCharsets.UTF_8);
        Appender app = storage.appender();
        assertThat(a.append(app, body, body.length, TEXT, T0)).isNull();
        app.commit();
        Labels l = storage.samples("cpu_seconds_total").get(0).labels();
        for (int i = 0; i < l.size(); i++) {
            assertThat(l.name(i)).isSameAs(l.name(i).intern());
            assertThat(l.value(i)).isSameAs(l.value(i).intern());
        }
        assertThat(l.get("mode")).isSameAs("idle");
    }

    @Test
    void metadataKeptPerFamily() {
        ScrapeAppend a = appendFor(c -> { });
        scrape(a, "# HELP req_total Requests.\n# TYPE req_total counter\nreq_total 1\n", T0);
        assertThat(a.cache().metadata().get("req_total").help()).isEqualTo("Requests.");
        assertThat(a.cache().metadata().get("req_total").type().text()).isEqualTo("counter");
    }

    @Test
    void metadataFollowsChangesAndInterleavedFamilies() {
        ScrapeAppend a = appendFor(c -> { });
        scrape(a, "# HELP a_total First.\n# TYPE a_total counter\n# HELP b Second.\n# TYPE b gauge\n"
                + "a_total 1\nb 2\n# TYPE a_total gauge\n", T0);
        // The last TYPE line for a family wins, even after another family came between.
        assertThat(a.cache().metadata().get("a_total").type().text()).isEqualTo("gauge");
        assertThat(a.cache().metadata().get("b").help()).isEqualTo("Second.");
        scrape(a, "# HELP a_total Changed.\n# TYPE a_total counter\n# TYPE b counter\na_total 2\nb 3\n",
                T0 + 1000);
        assertThat(a.cache().metadata().get("a_total").help()).isEqualTo("Changed.");
        assertThat(a.cache().metadata().get("a_total").type().text()).isEqualTo("counter");
        assertThat(a.cache().metadata().get("b").type().text()).isEqualTo("counter");
        assertThat(a.cache().metadata().get("b").help()).isEqualTo("Second.");
    }

    @Test
    void metadataFollowsFamiliesThatMoveComeAndGo() {
        ScrapeAppend a = appendFor(c -> { });
        scrape(a, "# HELP a A.\n# TYPE a gauge\na 1\n# HELP b B.\n# TYPE b counter\nb 1\n"
                + "# HELP c C.\n# TYPE c gauge\nc 1\n", T0);
        // b gone, d new before c, a after c with a new help: the expected order misses, and the lookups still hit.
        scrape(a, "# HELP d D.\n# TYPE d counter\nd 1\n# HELP c C2.\n# TYPE c counter\nc 2\n"
                + "# HELP a A2.\n# TYPE a counter\na 2\n", T0 + 1000);
        var m = a.cache().metadata();
        assertThat(m.get("a").help()).isEqualTo("A2.");
        assertThat(m.get("a").type().text()).isEqualTo("counter");
        assertThat(m.get("c").help()).isEqualTo("C2.");
        assertThat(m.get("d").type().text()).isEqualTo("counter");
        assertThat(m.get("b").help()).isEqualTo("B."); // kept for 10 scrapes, as Prometheus
        scrape(a, "# HELP d D.\n# TYPE d gauge\nd 1\n# HELP c C3.\n# TYPE c counter\nc 2\n"
                + "# HELP a A2.\n# TYPE a counter\na 2\n", T0 + 2000);
        assertThat(a.cache().metadata().get("d").type().text()).isEqualTo("gauge");
        assertThat(a.cache().metadata().get("c").help()).isEqualTo("C3.");
        for (int i = 3; i < 14; i++) {
            scrape(a, "# HELP a A2.\n# TYPE a counter\na 2\n", T0 + i * 1000L);
        }
        assertThat(a.cache().metadata()).containsOnlyKeys("a");
        scrape(a, "# HELP x X.\n# TYPE x gauge\nx 2\n# HELP a A3.\n# TYPE a counter\na 2\n", T0 + 20_000);
        assertThat(a.cache().metadata()).containsOnlyKeys("a", "x");
        assertThat(a.cache().metadata().get("a").help()).isEqualTo("A3.");
    }

    @Test
    void unchangedMetadataAllocatesNothingPerFamily() {
        ScrapeAppend a = appendFor(c -> { });
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            sb.append("# HELP family_").append(i).append(" Help text of family ").append(i).append(".\n")
                    .append("# TYPE family_").append(i).append(" gauge\n")
                    .append("family_").append(i).append(" ").append(i).append('\n');
        }
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        NullAppender app = new NullAppender();
        for (int i = 0; i < 50; i++) {
            a.append(app, body, body.length, TEXT, T0 + i * 1000L);
        }
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(tid);
        a.append(app, body, body.length, TEXT, T0 + 100_000);
        long allocated = bean.getThreadAllocatedBytes(tid) - before;
        // A String per HELP or TYPE line would cost at least 2000 * 2 * 40 bytes.
        assertThat(allocated).as("bytes allocated for 2000 unchanged families").isLessThan(2000 * 16);
        assertThat(a.cache().metadata().get("family_7").help()).isEqualTo("Help text of family 7.");
    }

    @Test
    void cacheHitAllocatesNothingPerSample() {
        ScrapeAppend a = appendFor(c -> { });
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            sb.append("series_").append(i).append("{a=\"b\",c=\"d\"} ").append(i).append('\n');
        }
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        NullAppender app = new NullAppender();
        for (int i = 0; i < 50; i++) {
            a.append(app, body, body.length, TEXT, T0 + i * 1000L); // warm up and fill the cache
        }
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(tid);
        a.append(app, body, body.length, TEXT, T0 + 100_000);
        long allocated = bean.getThreadAllocatedBytes(tid) - before;
        // The parser and a few per-scrape objects are allowed; per-sample allocation (2000 samples) is not.
        assertThat(allocated).as("bytes allocated for 2000 cached samples").isLessThan(2000 * 16);
    }

    @Test
    void nativeHistogramFromProtobufIsAppendedAsHistogram() throws java.io.IOException {
        var h = io.ignis.scrape.textparse.proto.Histogram.newBuilder().setSampleCount(3).setSampleSum(4.5)
                .setSchema(0).setZeroThreshold(1e-128).setZeroCount(0)
                .addPositiveSpan(io.ignis.scrape.textparse.proto.BucketSpan.newBuilder().setOffset(0).setLength(2))
                .addPositiveDelta(1).addPositiveDelta(1);
        var mf = io.ignis.scrape.textparse.proto.MetricFamily.newBuilder().setName("lat_seconds")
                .setType(io.ignis.scrape.textparse.proto.MetricType.HISTOGRAM)
                .addMetric(io.ignis.scrape.textparse.proto.Metric.newBuilder().setHistogram(h)).build();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        mf.writeDelimitedTo(out);
        byte[] b = out.toByteArray();
        ScrapeAppend a = appendFor(c -> c.scrapeNativeHistograms = true);
        Appender app = storage.appender();
        String err = a.append(app, b, b.length, "application/vnd.google.protobuf; "
                + "proto=io.prometheus.client.MetricFamily; encoding=delimited", T0);
        app.commit();
        assertThat(err).isNull();
        assertThat(storage.histogramCount()).isEqualTo(1);
        assertThat(storage.samples("lat_seconds")).singleElement().satisfies(s -> assertThat(s.v()).isEqualTo(4.5));
    }

    static final String PROTOBUF = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; "
            + "encoding=delimited";

    /** A protobuf body: a counter {@code c} (value 1) and a schema-0 histogram with buckets 0..3 = 1, 2, 3, 4. */
    static byte[] counterAndHistogram() throws java.io.IOException {
        var h = io.ignis.scrape.textparse.proto.Histogram.newBuilder().setSampleCount(10).setSampleSum(20)
                .setSchema(0).setZeroThreshold(1e-128).setZeroCount(0)
                .addPositiveSpan(io.ignis.scrape.textparse.proto.BucketSpan.newBuilder().setOffset(0).setLength(4))
                .addPositiveDelta(1).addPositiveDelta(1).addPositiveDelta(1).addPositiveDelta(1);
        var hist = io.ignis.scrape.textparse.proto.MetricFamily.newBuilder().setName("lat_seconds")
                .setType(io.ignis.scrape.textparse.proto.MetricType.HISTOGRAM)
                .addMetric(io.ignis.scrape.textparse.proto.Metric.newBuilder().setHistogram(h)).build();
        var counter = io.ignis.scrape.textparse.proto.MetricFamily.newBuilder().setName("c")
                .setType(io.ignis.scrape.textparse.proto.MetricType.COUNTER)
                .addMetric(io.ignis.scrape.textparse.proto.Metric.newBuilder().setCounter(
                        io.ignis.scrape.textparse.proto.Counter.newBuilder().setValue(1))).build();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        counter.writeDelimitedTo(out);
        hist.writeDelimitedTo(out);
        return out.toByteArray();
    }

    String scrapeProto(ScrapeAppend a, byte[] b, long t) {
        Appender app = storage.appender();
        String err = a.append(app, b, b.length, PROTOBUF, t);
        if (err != null) {
            app.rollback();
            app = storage.appender();
            a.appendEmpty(app, t);
        }
        app.commit();
        return err;
    }

    @Test
    void bucketLimitReducesTheResolutionOfWhatIsAppended() throws java.io.IOException {
        ScrapeAppend a = appendFor(c -> {
            c.scrapeNativeHistograms = true;
            c.nativeHistogramBucketLimit = 3;
        });
        assertThat(scrapeProto(a, counterAndHistogram(), T0)).isNull();
        assertThat(storage.histograms()).singleElement().satisfies(h -> {
            // Schema -1: 0 -> 0, 1 and 2 -> 1, 3 -> 2; absolute 1, 5, 4.
            assertThat(h.schema()).isEqualTo(-1);
            assertThat(h.positiveSpans()).containsExactly(new io.ignis.model.Span(0, 3));
            assertThat(h.positiveDeltas()).containsExactly(1, 4, -1);
            assertThat(h.count()).isEqualTo(10);
        });
    }

    @Test
    void minBucketFactorCapsTheSchema() throws java.io.IOException {
        ScrapeAppend a = appendFor(c -> {
            c.scrapeNativeHistograms = true;
            c.nativeHistogramMinBucketFactor = 16; // schema -2: 0 -> 0, 1..3 -> 1
        });
        assertThat(scrapeProto(a, counterAndHistogram(), T0)).isNull();
        assertThat(storage.histograms()).singleElement().satisfies(h -> {
            assertThat(h.schema()).isEqualTo(-2);
            assertThat(h.positiveDeltas()).containsExactly(1, 8);
        });
    }

    @Test
    void bucketLimitThatCannotBeMetFailsTheWholeScrape() throws java.io.IOException {
        ScrapeAppend a = appendFor(c -> {
            c.scrapeNativeHistograms = true;
            c.nativeHistogramBucketLimit = 1;
        });
        byte[] b = counterAndHistogram();
        Appender app = storage.appender();
        assertThat(a.append(app, b, b.length, PROTOBUF, T0)).isEqualTo("histogram bucket limit exceeded");
        // As Prometheus: parsing goes on after the refusal, so the counts cover the whole scrape.
        assertThat(a.total).isEqualTo(2);
        assertThat(a.added).isEqualTo(2);
        assertThat(metrics.snapshot().exceededNativeHistogramBucketLimit()).isEqualTo(1);
        app.rollback();
        assertThat(storage.samples("c")).isEmpty();
        assertThat(storage.histogramCount()).isZero();
    }

    @Test
    void sampleLimitErrorTakesPrecedenceOverBucketLimit() throws java.io.IOException {
        var d = io.ignis.scrape.textparse.proto.MetricFamily.newBuilder().setName("d")
                .setType(io.ignis.scrape.textparse.proto.MetricType.COUNTER)
                .addMetric(io.ignis.scrape.textparse.proto.Metric.newBuilder().setCounter(
                        io.ignis.scrape.textparse.proto.Counter.newBuilder().setValue(2))).build();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(counterAndHistogram());
        d.writeDelimitedTo(out);
        byte[] b = out.toByteArray();

        // Two counters and a histogram: the refused histogram does not count against the sample limit.
        ScrapeAppend within = appendFor(c -> {
            c.scrapeNativeHistograms = true;
            c.nativeHistogramBucketLimit = 1;
            c.sampleLimit = 2;
        });
        assertThat(scrapeProto(within, b, T0)).isEqualTo("histogram bucket limit exceeded");
        ScrapeAppend over = appendFor(c -> {
            c.scrapeNativeHistograms = true;
            c.nativeHistogramBucketLimit = 1;
            c.sampleLimit = 1;
        });
        assertThat(scrapeProto(over, b, T0 + 1000)).isEqualTo("sample limit exceeded");
    }
}
