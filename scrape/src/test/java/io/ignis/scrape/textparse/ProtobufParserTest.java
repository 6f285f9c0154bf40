package io.ignis.scrape.textparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UnknownFieldSet;
import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.scrape.textparse.proto.BucketSpan;
import io.ignis.scrape.textparse.proto.Counter;
import io.ignis.scrape.textparse.proto.Exemplar;
import io.ignis.scrape.textparse.proto.Gauge;
import io.ignis.scrape.textparse.proto.LabelPair;
import io.ignis.scrape.textparse.proto.Metric;
import io.ignis.scrape.textparse.proto.MetricFamily;
import io.ignis.scrape.textparse.proto.MetricType;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The protobuf parser over messages built with the generated classes. */
class ProtobufParserTest {

    private static MetricFamily gaugeFamily(String name, double v, LabelPair... labels) {
        return MetricFamily.newBuilder().setName(name).setHelp("h").setType(MetricType.GAUGE)
                .addMetric(Metric.newBuilder().addAllLabel(List.of(labels)).setGauge(Gauge.newBuilder().setValue(v)))
                .build();
    }

    private static LabelPair label(String name, String value) {
        return LabelPair.newBuilder().setName(name).setValue(value).build();
    }

    private static Parser parser(byte[] b) {
        return new ProtobufParser(b, 0, b.length, false, false);
    }

    @Test
    void parsesAWindowOfALargerBuffer() {
        byte[] body = ProtoInputs.delimited(List.of(gaugeFamily("a", 1), gaugeFamily("b", 2, label("x", "y"))));
        byte[] buf = new byte[body.length + 20];
        System.arraycopy(body, 0, buf, 7, body.length);
        Parser p = new ProtobufParser(buf, 7, body.length, false, false);
        StringBuilder seen = new StringBuilder();
        LabelsBuilder lb = new LabelsBuilder();
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.SERIES) {
                p.labels(lb);
                seen.append(lb.build()).append('=').append(p.value()).append(';');
            }
        }
        assertThat(seen.toString()).isEqualTo("{__name__=\"a\"}=1.0;{__name__=\"b\", x=\"y\"}=2.0;");
        assertThat(p.next()).isEqualTo(Entry.EOF);
    }

    @Test
    void seriesKeyIsStableAndSortedByLabelName() {
        byte[] b = ProtoInputs.delimited(List.of(gaugeFamily("m", 1, label("b", "2"), label("a", "1"))));
        Parser p = parser(b);
        assertThat(p.next()).isEqualTo(Entry.HELP);
        assertThat(p.next()).isEqualTo(Entry.TYPE);
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        byte[] want = "m\u00ffa\u00ff1\u00ffb\u00ff2".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(java.util.Arrays.copyOfRange(p.seriesBuffer(), p.seriesStart(), p.seriesEnd())).isEqualTo(want);
    }

    @Test
    void counterExemplarAndCreatedTimestamp() {
        MetricFamily mf = MetricFamily.newBuilder().setName("c_total").setType(MetricType.COUNTER)
                .addMetric(Metric.newBuilder().setCounter(Counter.newBuilder().setValue(5)
                        .setCreatedTimestamp(Timestamp.newBuilder().setSeconds(10).setNanos(999_999_999))
                        .setExemplar(Exemplar.newBuilder().addLabel(label("trace_id", "t")).setValue(4))))
                .build();
        Parser p = parser(ProtoInputs.delimited(List.of(mf)));
        p.next();
        p.next();
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        assertThat(p.createdTimestamp()).isEqualTo(10_999);
        assertThat(p.hasTimestamp()).isFalse();
        ParsedExemplar ex = new ParsedExemplar();
        assertThat(p.exemplar(ex)).isTrue();
        assertThat(ex.labels()).isEqualTo(Labels.of("trace_id", "t"));
        assertThat(ex.value()).isEqualTo(4);
        assertThat(ex.hasTimestamp()).isFalse();
        assertThat(p.exemplar(ex)).isFalse();
        assertThat(p.next()).isEqualTo(Entry.EOF);
    }

    @Test
    void nativeHistogramDeltasAreCompacted() {
        io.ignis.scrape.textparse.proto.Histogram h = io.ignis.scrape.textparse.proto.Histogram.newBuilder()
                .setSampleCount(6).setSampleSum(1.5).setSchema(1).setZeroThreshold(0.01).setZeroCount(1)
                .addPositiveSpan(BucketSpan.newBuilder().setOffset(-2).setLength(4))
                .addAllPositiveDelta(List.of(0L, 2L, -2L, 3L)) // absolute 0, 2, 0, 3 at -2..1
                .build();
        MetricFamily mf = MetricFamily.newBuilder().setName("h").setType(MetricType.HISTOGRAM)
                .addMetric(Metric.newBuilder().setHistogram(h).setTimestampMs(99)).build();
        Parser p = parser(ProtoInputs.delimited(List.of(mf)));
        p.next();
        p.next();
        assertThat(p.next()).isEqualTo(Entry.HISTOGRAM);
        Histogram got = p.histogram();
        assertThat(p.floatHistogram()).isNull();
        assertThat(got.positiveSpans()).containsExactly(new Span(-1, 1), new Span(1, 1));
        assertThat(got.positiveDeltas()).containsExactly(2, 1);
        assertThat(got.schema()).isEqualTo(1);
        assertThat(got.zeroCount()).isEqualTo(1);
        assertThat(got.count()).isEqualTo(6);
        assertThat(p.timestamp()).isEqualTo(99);
        assertThat(p.next()).isEqualTo(Entry.EOF);
    }

    record Case(String name, byte[] input, String want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> malformed() {
        byte[] good = ProtoInputs.delimited(List.of(gaugeFamily("ok", 1)));
        io.ignis.scrape.textparse.proto.Histogram badSpans = io.ignis.scrape.textparse.proto.Histogram.newBuilder()
                .setSchema(0).addPositiveSpan(BucketSpan.newBuilder().setOffset(0).setLength(3))
                .addPositiveDelta(1).build();
        MetricFamily unknownType = MetricFamily.newBuilder().setName("u")
                .addMetric(Metric.newBuilder().setUntyped(io.ignis.scrape.textparse.proto.Untyped.newBuilder()))
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(3, UnknownFieldSet.Field.newBuilder().addVarint(7).build()).build())
                .build();
        MetricFamily typeAsBytes = MetricFamily.newBuilder().setName("u")
                .setUnknownFields(UnknownFieldSet.newBuilder().addField(3, UnknownFieldSet.Field.newBuilder()
                        .addLengthDelimited(ByteString.copyFromUtf8("x")).build()).build())
                .addMetric(Metric.newBuilder().setGauge(Gauge.newBuilder())).build();
        return Stream.of(
                new Case("type with the wrong wire type", ProtoInputs.delimited(List.of(typeAsBytes)),
                        "offset 0: proto: wrong wireType for field Type"),
                new Case("label name twice", ProtoInputs.delimited(List.of(gaugeFamily("m", 1, label("a", "1"),
                        label("a", "2")))), "offset 0: label name \"a\" is not unique: invalid sample"),
                new Case("varint too long", concat(good, new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80,
                        (byte) 0x80, (byte) 0x80, 1}),
                        "offset " + good.length + ": clientpb: invalid varint encountered"),
                new Case("truncated varint", concat(good, new byte[] {(byte) 0x80}),
                        "offset " + good.length + ": clientpb: invalid varint encountered"),
                new Case("length beyond the body", concat(ProtoInputs.varint(100), new byte[] {1, 2, 3}),
                        "offset 0: clientpb: insufficient length of buffer, expected at least 101 bytes, got 4 bytes"),
                new Case("empty metric name", ProtoInputs.delimited(List.of(gaugeFamily("", 1))),
                        "offset 0: invalid metric name: "),
                new Case("help not UTF-8", ProtoInputs.delimited(List.of(gaugeFamily("m", 1).toBuilder()
                        .setHelpBytes(ByteString.copyFrom(new byte[] {(byte) 0xff})).build())),
                        "offset 0: invalid help for metric \"m\": \uFFFD"),
                new Case("unknown type", ProtoInputs.delimited(List.of(unknownType)),
                        "offset 0: unknown metric type for metric \"u\": 7"),
                new Case("empty label name", ProtoInputs.delimited(List.of(gaugeFamily("m", 1, label("", "v")))),
                        "offset 0: invalid label name: "),
                new Case("label value not UTF-8", ProtoInputs.delimited(List.of(gaugeFamily("m", 1,
                        LabelPair.newBuilder().setName("l").setValueBytes(ByteString.copyFrom(new byte[] {(byte) 0xc3}))
                                .build()))),
                        "offset 0: invalid label value: \uFFFD"),
                new Case("spans require more buckets", ProtoInputs.delimited(List.of(MetricFamily.newBuilder()
                        .setName("h").setType(MetricType.HISTOGRAM)
                        .addMetric(Metric.newBuilder().setHistogram(badSpans)).build())),
                        "offset 0: histogram \"h\": positive side: spans require 3 buckets, have 1"),
                new Case("garbage message", concat(ProtoInputs.varint(2), new byte[] {(byte) 0xff, (byte) 0xff}),
                        "offset 0: proto: MetricFamily: While parsing a protocol message, the input ended unexpectedly "
                                + "in the middle of a field.  This could mean either that the input has been truncated "
                                + "or that an embedded message misreported its own length."));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputFailsWithPrometheusMessage(Case c) {
        Parser p = parser(c.input());
        assertThatThrownBy(() -> {
            for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
                if (e == Entry.SERIES) {
                    p.labels(new LabelsBuilder());
                }
            }
        }).isInstanceOf(ExpositionException.class).hasMessage(c.want());
    }
}
