package io.ignis.server.federate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Span;
import io.ignis.scrape.textparse.proto.LabelPair;
import io.ignis.scrape.textparse.proto.Metric;
import io.ignis.scrape.textparse.proto.MetricFamily;
import io.ignis.scrape.textparse.proto.MetricType;
import io.ignis.server.federate.Exposition.Sample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which format {@code /federate} answers in for a given Accept header, and the protobuf it writes. */
class FederateFormatsTest {

    record Case(String name, String accept, boolean protobuf) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> accepts() {
        return Stream.of(
                new Case("no header", null, false),
                new Case("prometheus 2.42 default", "application/openmetrics-text;version=1.0.0,application/"
                        + "openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1", false),
                new Case("prometheus 2.42 with native histograms", "application/vnd.google.protobuf;"
                        + "proto=io.prometheus.client.MetricFamily;encoding=delimited,application/openmetrics-text;"
                        + "version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;"
                        + "version=0.0.4;q=0.5,*/*;q=0.1", true),
                new Case("prometheus 3 scrape_native_histograms", "application/vnd.google.protobuf;"
                        + "proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,application/"
                        + "openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,text/plain;version=0.0.4;q=0.3",
                        true),
                new Case("text preferred by quality", "text/plain;version=0.0.4;q=0.9,application/vnd.google."
                        + "protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.5", false),
                new Case("protobuf preferred by quality", "text/plain;q=0.2,application/vnd.google.protobuf;"
                        + "proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7", true),
                new Case("protobuf text encoding is not ours", "application/vnd.google.protobuf;"
                        + "proto=io.prometheus.client.MetricFamily;encoding=text", false),
                new Case("another message type", "application/vnd.google.protobuf;proto=other.Message;"
                        + "encoding=delimited", false),
                new Case("quality zero refuses", "application/vnd.google.protobuf;"
                        + "proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepts")
    void negotiates(Case c) {
        assertThat(AcceptHeader.wantsProtobuf(c.accept())).isEqualTo(c.protobuf());
    }

    @Test
    void protobufFamiliesPerNameAndKindWithExternalLabels() throws Exception {
        FloatHistogram nhcb = new FloatHistogram(CounterResetHint.UNKNOWN, -53, 0, 0, 7, 3.5,
                new Span[] {new Span(0, 2), new Span(1, 1)}, new double[] {1, 2, 4}, new Span[0], new double[0],
                new double[] {0.1, 1, 5});
        FloatHistogram exponential = new FloatHistogram(CounterResetHint.GAUGE, 1, 0.001, 2, 10, 12.5,
                new Span[] {new Span(-1, 2)}, new double[] {3, 5}, new Span[0], new double[0], new double[0]);
        Labels a = Labels.of("__name__", "rpc", "job", "a", "zone", "");
        Labels b = Labels.of("__name__", "rpc", "job", "b", "site", "own");
        List<Sample> samples = List.of(new Sample(a, 1000, 5, null), new Sample(b, 1000, 6, null),
                new Sample(a, 2000, 0, nhcb), new Sample(Labels.of("__name__", "rpc.native"), 3000, 0, exponential),
                new Sample(Labels.of("job", "nameless"), 3000, 1, null));
        Map<String, String> external = new TreeMap<>(Map.of("instance", "", "site", "lab"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ProtobufExposition(external).write(samples, out);

        List<MetricFamily> families = new ArrayList<>();
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        for (MetricFamily f = MetricFamily.parseDelimitedFrom(in); f != null; f = MetricFamily.parseDelimitedFrom(in)) {
            families.add(f);
        }
        assertThat(families).extracting(MetricFamily::getName).containsExactly("rpc", "rpc", "rpc_native");
        assertThat(families).extracting(MetricFamily::getType)
                .containsExactly(MetricType.UNTYPED, MetricType.HISTOGRAM, MetricType.GAUGE_HISTOGRAM);

        Metric first = families.get(0).getMetric(0);
        assertThat(labels(first)).isEqualTo("job=a,instance=,site=lab");
        assertThat(first.getUntyped().getValue()).isEqualTo(5);
        assertThat(first.getTimestampMs()).isEqualTo(1000);
        assertThat(labels(families.get(0).getMetric(1))).as("own label wins over the external one")
                .isEqualTo("job=b,site=own,instance=");

        Metric classic = families.get(1).getMetric(0);
        assertThat(classic.getHistogram().getSampleCountFloat()).isEqualTo(7);
        assertThat(classic.getHistogram().getSampleSum()).isEqualTo(3.5);
        assertThat(classic.getHistogram().getBucketList()).extracting(bk -> bk.getUpperBound() + ":"
                + bk.getCumulativeCountFloat()).containsExactly("0.1:1.0", "1.0:3.0", "5.0:3.0");

        Metric nativeOne = families.get(2).getMetric(0);
        assertThat(nativeOne.getHistogram().getSchema()).isEqualTo(1);
        assertThat(nativeOne.getHistogram().getZeroThreshold()).isEqualTo(0.001);
        assertThat(nativeOne.getHistogram().getZeroCountFloat()).isEqualTo(2);
        assertThat(nativeOne.getHistogram().getPositiveSpan(0).getOffset()).isEqualTo(-1);
        assertThat(nativeOne.getHistogram().getPositiveCountList()).containsExactly(3.0, 5.0);
        assertThat(nativeOne.getTimestampMs()).isEqualTo(3000);
    }

    private static String labels(Metric m) {
        StringBuilder sb = new StringBuilder();
        for (LabelPair p : m.getLabelList()) {
            sb.append(sb.length() == 0 ? "" : ",").append(p.getName()).append('=').append(p.getValue());
        }
        return sb.toString();
    }
}
