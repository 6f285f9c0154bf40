package io.ignis.server.remote;

import io.ignis.labels.Labels;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricMetadata;
import io.ignis.server.remote.proto.Exemplar;
import io.ignis.server.remote.proto.Label;
import io.ignis.server.remote.proto.MetricMetadata.MetricType;
import io.ignis.server.remote.proto.Sample;
import io.ignis.server.remote.proto.TimeSeries;
import io.ignis.server.remote.proto.WriteRequest;
import io.ignis.server.remote.proto.v2.Metadata;
import io.ignis.server.remote.proto.v2.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.xerial.snappy.Snappy;

/**
 * Builds the snappy block-compressed body of one remote-write request from a {@link Batch}. As in Prometheus's
 * queue manager, each pending sample, exemplar or histogram becomes its own time series entry; receivers merge
 * them. v2 interns every string into the request's symbol table, whose entry 0 is the empty string.
 */
final class WriteRequestEncoder {
    private WriteRequestEncoder() {
    }

    static byte[] encode(Batch b, WriteProtocol protocol, Function<String, MetricMetadata> metadata) {
        byte[] raw = protocol == WriteProtocol.V1 ? v1(b).toByteArray() : v2(b, metadata).toByteArray();
        return compress(raw);
    }

    static byte[] compress(byte[] raw) {
        try {
            return Snappy.compress(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("snappy compress remote write request", e);
        }
    }

    static WriteRequest v1(Batch b) {
        WriteRequest.Builder req = WriteRequest.newBuilder();
        for (int i = 0; i < b.size; i++) {
            TimeSeries.Builder ts = TimeSeries.newBuilder();
            addLabels(ts, b.series[i]);
            switch (b.kind[i]) {
                case Batch.SAMPLE -> ts.addSamples(Sample.newBuilder().setValue(b.v[i]).setTimestamp(b.t[i]));
                case Batch.EXEMPLAR -> {
                    Exemplar.Builder e = Exemplar.newBuilder().setValue(b.v[i]).setTimestamp(b.t[i]);
                    Labels el = (Labels) b.extra[i];
                    for (int j = 0; j < el.size(); j++) {
                        e.addLabels(Label.newBuilder().setName(el.name(j)).setValue(el.value(j)));
                    }
                    ts.addExemplars(e);
                }
                case Batch.HISTOGRAM -> ts.addHistograms(HistogramCodec.fromInt((Histogram) b.extra[i], b.t[i]));
                case Batch.FLOAT_HISTOGRAM ->
                        ts.addHistograms(HistogramCodec.fromFloat((FloatHistogram) b.extra[i], b.t[i]));
                default -> throw new IllegalStateException("bug: batch entry kind " + b.kind[i]);
            }
            req.addTimeseries(ts);
        }
        return req.build();
    }

    /** A v1 request carrying only metadata, as Prometheus's metadata watcher sends it. */
    static WriteRequest v1Metadata(List<Map.Entry<String, MetricMetadata>> entries) {
        WriteRequest.Builder req = WriteRequest.newBuilder();
        for (Map.Entry<String, MetricMetadata> e : entries) {
            req.addMetadata(io.ignis.server.remote.proto.MetricMetadata.newBuilder()
                    .setMetricFamilyName(e.getKey())
                    .setType(protoType(e.getValue().type()))
                    .setHelp(e.getValue().help())
                    .setUnit(e.getValue().unit()));
        }
        return req.build();
    }

    private static void addLabels(TimeSeries.Builder ts, Labels l) {
        for (int j = 0; j < l.size(); j++) {
            ts.addLabels(Label.newBuilder().setName(l.name(j)).setValue(l.value(j)));
        }
    }

    static Request v2(Batch b, Function<String, MetricMetadata> metadata) {
        Request.Builder req = Request.newBuilder();
        Symbols symbols = new Symbols(req);
        for (int i = 0; i < b.size; i++) {
            io.ignis.server.remote.proto.v2.TimeSeries.Builder ts =
                    io.ignis.server.remote.proto.v2.TimeSeries.newBuilder();
            Labels l = b.series[i];
            for (int j = 0; j < l.size(); j++) {
                ts.addLabelsRefs(symbols.ref(l.name(j)));
                ts.addLabelsRefs(symbols.ref(l.value(j)));
            }
            switch (b.kind[i]) {
                case Batch.SAMPLE -> ts.addSamples(io.ignis.server.remote.proto.v2.Sample.newBuilder()
                        .setValue(b.v[i]).setTimestamp(b.t[i]));
                case Batch.EXEMPLAR -> {
                    io.ignis.server.remote.proto.v2.Exemplar.Builder e = io.ignis.server.remote.proto.v2.Exemplar
                            .newBuilder().setValue(b.v[i]).setTimestamp(b.t[i]);
                    Labels el = (Labels) b.extra[i];
                    for (int j = 0; j < el.size(); j++) {
                        e.addLabelsRefs(symbols.ref(el.name(j)));
                        e.addLabelsRefs(symbols.ref(el.value(j)));
                    }
                    ts.addExemplars(e);
                }
                case Batch.HISTOGRAM -> ts.addHistograms(HistogramCodec.fromIntV2((Histogram) b.extra[i], b.t[i]));
                case Batch.FLOAT_HISTOGRAM ->
                        ts.addHistograms(HistogramCodec.fromFloatV2((FloatHistogram) b.extra[i], b.t[i]));
                default -> throw new IllegalStateException("bug: batch entry kind " + b.kind[i]);
            }
            MetricMetadata m = metadata.apply(l.metricName());
            if (m != null) {
                ts.setMetadata(Metadata.newBuilder().setTypeValue(protoType(m.type()).getNumber())
                        .setHelpRef(symbols.ref(m.help())).setUnitRef(symbols.ref(m.unit())));
            }
            req.addTimeseries(ts);
        }
        return req.build();
    }

    static MetricType protoType(io.ignis.model.MetricType t) {
        return switch (t) {
            case COUNTER -> MetricType.COUNTER;
            case GAUGE -> MetricType.GAUGE;
            case HISTOGRAM -> MetricType.HISTOGRAM;
            case GAUGE_HISTOGRAM -> MetricType.GAUGEHISTOGRAM;
            case SUMMARY -> MetricType.SUMMARY;
            case INFO -> MetricType.INFO;
            case STATESET -> MetricType.STATESET;
            default -> MetricType.UNKNOWN;
        };
    }

    /** The v2 symbol table under construction: "" is always symbol 0. */
    private static final class Symbols {
        private final Request.Builder req;
        private final Map<String, Integer> refs = new HashMap<>();

        Symbols(Request.Builder req) {
            this.req = req;
            ref("");
        }

        int ref(String s) {
            Integer r = refs.get(s);
            if (r == null) {
                r = refs.size();
                refs.put(s, r);
                req.addSymbols(s);
            }
            return r;
        }
    }
}
