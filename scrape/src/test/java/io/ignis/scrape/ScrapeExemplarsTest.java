package io.ignis.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.model.Exemplar;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricMetadata;
import io.ignis.storage.Appender;
import io.ignis.storage.SampleRejection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exemplars of a scrape as Prometheus's scrape loop passes them on: timestamps, the switch, out-of-order counting. */
class ScrapeExemplarsTest {
    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final long T0 = 1_700_000_000_000L;
    private static final String BODY = """
            # TYPE req counter
            req_total{path="/a"} 5 # {trace_id="timed"} 1 1699999999.5
            req_total{path="/b"} 3 # {trace_id="untimed"} 2
            req_total{path="/c"} 3 1699999990 # {trace_id="sample-timed"} 3
            # EOF
            """;

    private final ScrapeMetrics metrics = new ScrapeMetrics();
    private final List<String> received = new ArrayList<>();
    private boolean refuseAsOutOfOrder;

    private ScrapeAppend appendFor(boolean appendExemplars) {
        TestScrapeConfig c = new TestScrapeConfig("job");
        Target t = new TargetBuilder(c.build()).build(Map.of("__address__", "h:1"), Map.of()).target();
        return new ScrapeAppend(t, new ScrapeCache(), LoopOptions.of(c.build(), appendExemplars, false), metrics);
    }

    private void scrape(ScrapeAppend a, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        assertThat(a.append(new ExemplarAppender(), b, b.length, OPENMETRICS, T0)).isNull();
    }

    @Test
    void anExemplarWithoutTimestampTakesItsSamples() {
        scrape(appendFor(true), BODY);
        assertThat(received).containsExactly("/a timed 1.0 @1699999999500 exposed",
                "/b untimed 2.0 @1700000000000 from its sample",
                "/c sample-timed 3.0 @1699999990000 from its sample");
    }

    @Test
    void noExemplarsUnlessAsked() {
        scrape(appendFor(false), BODY);
        assertThat(received).isEmpty();
    }

    @Test
    void outOfOrderExemplarsAreCountedAndNeverFailTheScrape() {
        refuseAsOutOfOrder = true;
        scrape(appendFor(true), BODY);
        assertThat(metrics.snapshot().exemplarOutOfOrder()).isEqualTo(3);
    }

    /** Records the exemplars passed in as {@code path trace value @t}; may refuse them all as out of order. */
    private final class ExemplarAppender implements Appender {
        private long nextRef = 1;

        @Override
        public long append(long ref, Labels labels, long t, double v) {
            return ref != 0 ? ref : nextRef++;
        }

        @Override
        public long appendHistogram(long ref, Labels labels, long t, Histogram h, FloatHistogram fh) {
            return append(ref, labels, t, 0);
        }

        @Override
        public long appendExemplar(long ref, Labels labels, Exemplar e) {
            if (refuseAsOutOfOrder) {
                throw SampleRejection.OUT_OF_ORDER_EXEMPLAR;
            }
            received.add(labels.get("path") + " " + e.labels().get("trace_id") + " " + e.value() + " @"
                    + e.timestamp() + (e.hasTimestamp() ? " exposed" : " from its sample"));
            return ref;
        }

        @Override
        public long updateMetadata(long ref, Labels labels, MetricMetadata m) {
            return ref;
        }

        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
        }
    }
}
