package io.ignis.scrape.textparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.model.CounterResetHint;
import io.ignis.scrape.textparse.proto.Bucket;
import io.ignis.scrape.textparse.proto.Metric;
import io.ignis.scrape.textparse.proto.MetricFamily;
import io.ignis.scrape.textparse.proto.MetricType;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Content-Type negotiation: which parser, which warning, which error (Prometheus's texts). */
class ParsersTest {

    record Case(String name, String contentType, String fallback, Class<?> want, String warningOrError) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("text 0.0.4", "text/plain; version=0.0.4; charset=utf-8", "", PromParser.class, null),
                new Case("text 1.0.0 with escaping", "text/plain;version=1.0.0;escaping=allow-utf-8", "",
                        PromParser.class, null),
                new Case("upper case", "Text/Plain", "", PromParser.class, null),
                new Case("OpenMetrics 1.0.0", "application/openmetrics-text; version=1.0.0; charset=utf-8", "",
                        OpenMetricsParser.class, null),
                new Case("OpenMetrics 0.0.1", "application/openmetrics-text;version=0.0.1", "",
                        OpenMetricsParser.class, null),
                new Case("protobuf delimited",
                        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited",
                        "", ProtobufParser.class, null),
                new Case("quoted parameter", "text/plain; charset=\"utf-8\"", "", PromParser.class, null),
                new Case("blank, no fallback", "", "", null,
                        "non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol "
                                + "specified for target"),
                new Case("blank, fallback", null, "text/plain", PromParser.class,
                        "non-compliant scrape target sending blank Content-Type, using fallback_scrape_protocol "
                                + "\"text/plain\""),
                new Case("unparsable, no fallback", "text/plain; charset", "", null,
                        "cannot parse Content-Type \"text/plain; charset\" and no fallback_scrape_protocol for target\n"
                                + "mime: invalid media parameter"),
                new Case("unparsable, fallback", "/plain", "application/openmetrics-text", OpenMetricsParser.class,
                        "could not parse received Content-Type \"/plain\", using fallback_scrape_protocol "
                                + "\"application/openmetrics-text\"\nmime: no media type"),
                new Case("slash missing after type", "text;x=y", "", null,
                        "received unsupported Content-Type \"text;x=y\" and no fallback_scrape_protocol specified "
                                + "for target"),
                new Case("garbage after subtype", "text/plain x", "", null,
                        "cannot parse Content-Type \"text/plain x\" and no fallback_scrape_protocol for target\n"
                                + "mime: unexpected content after media subtype"),
                new Case("duplicate parameter", "text/plain; a=1; A=2", "", null,
                        "cannot parse Content-Type \"text/plain; a=1; A=2\" and no fallback_scrape_protocol for "
                                + "target\nmime: duplicate parameter name"),
                new Case("unsupported, no fallback", "application/json", "", null,
                        "received unsupported Content-Type \"application/json\" and no fallback_scrape_protocol "
                                + "specified for target"),
                new Case("unsupported, fallback", "text/html; charset=utf-8", "text/plain", PromParser.class,
                        "received unsupported Content-Type \"text/html; charset=utf-8\", using "
                                + "fallback_scrape_protocol \"text/plain\""),
                new Case("unsupported, unusable fallback", "text/html", "nonsense", null,
                        "received unsupported Content-Type \"text/html\", using fallback_scrape_protocol "
                                + "\"nonsense\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void choosesLikePrometheus(Case c) {
        byte[] b = new byte[0];
        ParserOptions o = new ParserOptions(c.fallback(), false, false, false, false);
        if (c.want() == null) {
            assertThatThrownBy(() -> Parsers.create(b, 0, 0, c.contentType(), o))
                    .isInstanceOf(ExpositionException.class).hasMessage(c.warningOrError());
            return;
        }
        Parsers.Choice choice = Parsers.create(b, 0, 0, c.contentType(), o);
        assertThat(choice.parser()).isInstanceOf(c.want());
        assertThat(choice.warning()).isEqualTo(c.warningOrError());
    }

    @org.junit.jupiter.api.Test
    void nhcbConversionWrapsEveryFormat() {
        byte[] b = "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\nh_sum 0.5\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8);
        ParserOptions o = new ParserOptions("", false, false, false, true);
        Parser p = Parsers.create(b, 0, b.length, "text/plain; version=0.0.4", o).parser();
        assertThat(p).isInstanceOf(NhcbParser.class);
        assertThat(p.next()).isEqualTo(Entry.TYPE);
        assertThat(p.next()).isEqualTo(Entry.HISTOGRAM);
        assertThat(p.histogram().customValues()).containsExactly(1.0);
        assertThat(p.histogram().count()).isEqualTo(1);
        assertThat(p.next()).isEqualTo(Entry.EOF);
        assertThat(Parsers.create(b, 0, b.length, "application/vnd.google.protobuf", o).parser())
                .isInstanceOf(NhcbParser.class);
    }

    /**
     * As Prometheus's protobuf parser, which converts gauge histograms too (into gauge custom-bucket histograms);
     * its NHCBParser for the text formats converts only {@code histogram} families.
     */
    @org.junit.jupiter.api.Test
    void nhcbConversionOfProtobufConvertsGaugeHistogramsToo() {
        for (MetricType type : new MetricType[] {MetricType.HISTOGRAM, MetricType.GAUGE_HISTOGRAM}) {
            MetricFamily f = MetricFamily.newBuilder().setName("h").setType(type).addMetric(Metric.newBuilder()
                    .setHistogram(io.ignis.scrape.textparse.proto.Histogram.newBuilder().setSampleCount(2)
                            .setSampleSum(0.5).addBucket(Bucket.newBuilder().setUpperBound(1).setCumulativeCount(1))))
                    .build();
            byte[] b = ProtoInputs.delimited(java.util.List.of(f));
            Parser p = Parsers.create(b, 0, b.length, "application/vnd.google.protobuf;"
                    + "proto=io.prometheus.client.MetricFamily;encoding=delimited",
                    new ParserOptions("", false, false, false, true)).parser();
            Entry e = p.next();
            while (e != Entry.HISTOGRAM && e != Entry.EOF) {
                assertThat(e).as("%s: no classic series", type).isNotEqualTo(Entry.SERIES);
                e = p.next();
            }
            assertThat(e).as(type.toString()).isEqualTo(Entry.HISTOGRAM);
            assertThat(p.histogram().customValues()).containsExactly(1.0);
            assertThat(p.histogram().count()).isEqualTo(2);
            assertThat(p.histogram().counterResetHint()).isEqualTo(type == MetricType.GAUGE_HISTOGRAM
                    ? CounterResetHint.GAUGE : CounterResetHint.UNKNOWN);
            assertThat(p.next()).isEqualTo(Entry.EOF);
        }
    }
}
