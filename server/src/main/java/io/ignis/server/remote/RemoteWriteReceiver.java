package io.ignis.server.remote;

import com.google.protobuf.InvalidProtocolBufferException;
import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.model.Exemplar;
import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import io.ignis.server.remote.proto.Sample;
import io.ignis.server.remote.proto.TimeSeries;
import io.ignis.server.remote.proto.WriteRequest;
import io.ignis.storage.Appendable;
import io.ignis.storage.Appender;
import io.ignis.storage.SampleRejection;
import io.ignis.storage.StorageException;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xerial.snappy.Snappy;

/**
 * The {@code POST /api/v1/write} endpoint behind {@code --web.enable-remote-write-receiver}, for remote write 1.0
 * and 2.0 as Prometheus's write handler: the version comes from the {@code proto=} parameter of the content type
 * (none means 1.0), the body must be snappy block-compressed. A 1.0 request is all or nothing: an out-of-order,
 * out-of-bounds or conflicting duplicate sample rolls it back with 400, so the sender drops rather than retries it.
 * A 2.0 request keeps what it could append, answers 400 naming what it could not, and reports the counts written in
 * the {@code X-Prometheus-Remote-Write-*-Written} headers. Bodies larger than the limits get 400 before decoding.
 */
public final class RemoteWriteReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteWriteReceiver.class);
    /** Prometheus's limit on a decoded remote write or read request. */
    public static final int DEFAULT_MAX_DECODED_BYTES = 32 * 1024 * 1024;
    /** As Prometheus's write handler: samples more than 10 minutes ahead of the clock are out of bounds. */
    static final long MAX_AHEAD_MILLIS = 10 * 60 * 1000L;

    private final Appendable appendable;
    private final Set<WriteProtocol> accepted;
    private final int maxCompressedBytes;
    private final int maxDecodedBytes;
    private final LongSupplier clock;
    private final LongAdder samplesWithInvalidLabels = new LongAdder();
    private final LongAdder rejectedSamples = new LongAdder();

    /**
     * @param accepted the versions to accept ({@code --web.remote-write-receiver.accepted-protobuf-messages})
     * @param maxCompressedBytes the largest request body accepted as sent
     * @param maxDecodedBytes the largest body accepted after snappy decoding
     */
    public RemoteWriteReceiver(Appendable appendable, Set<WriteProtocol> accepted, int maxCompressedBytes,
                               int maxDecodedBytes) {
        this(appendable, accepted, maxCompressedBytes, maxDecodedBytes, System::currentTimeMillis);
    }

    /** As above, with the clock (ms) that bounds how far ahead a sample may be. */
    public RemoteWriteReceiver(Appendable appendable, Set<WriteProtocol> accepted, int maxCompressedBytes,
                               int maxDecodedBytes, LongSupplier clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.appendable = Objects.requireNonNull(appendable, "appendable");
        this.accepted = Set.copyOf(accepted);
        this.maxCompressedBytes = maxCompressedBytes;
        this.maxDecodedBytes = maxDecodedBytes;
    }

    /** {@code prometheus_api_remote_write_invalid_labels_samples_total}. */
    public long samplesWithInvalidLabels() {
        return samplesWithInvalidLabels.sum();
    }

    /** Samples refused as out of order, out of bounds, too old or conflicting duplicates. */
    public long rejectedSamples() {
        return rejectedSamples.sum();
    }

    /** Answers one request: 204 when everything was stored, 400/415/405/500 with a plain-text reason otherwise. */
    public Response handle(Request req) {
        if (!"POST".equals(req.method())) {
            return Response.text(405, "method not allowed").withHeader("Allow", "POST");
        }
        WriteProtocol p;
        try {
            p = protocolOf(req.header("Content-Type"));
        } catch (IllegalArgumentException e) {
            return Response.text(415, e.getMessage());
        }
        if (!accepted.contains(p)) {
            return Response.text(415, "unsupported proto message " + p.message() + ", accepted: "
                    + accepted.stream().map(WriteProtocol::message).sorted().toList());
        }
        String enc = req.header("Content-Encoding");
        if (enc != null && !enc.isEmpty() && !enc.equalsIgnoreCase("snappy")) {
            return Response.text(415, "unsupported content encoding " + enc + ", only snappy is accepted");
        }
        byte[] raw;
        try {
            raw = decode(req.body());
        } catch (IllegalArgumentException | IOException e) {
            return Response.text(400, e.getMessage());
        }
        try {
            Appendable bounded = new AheadLimit(appendable, clock.getAsLong() + MAX_AHEAD_MILLIS);
            return p == WriteProtocol.V1 ? writeV1(raw, bounded) : new V2Writer(bounded).write(raw);
        } catch (InvalidProtocolBufferException e) {
            return Response.text(400, "decode " + p.message() + ": " + e.getMessage());
        }
    }

    static WriteProtocol protocolOf(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return WriteProtocol.V1;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/x-protobuf")) {
            throw new IllegalArgumentException("unsupported content type " + contentType
                    + ", expected application/x-protobuf");
        }
        for (int i = 1; i < parts.length; i++) {
            String kv = parts[i].strip();
            if (kv.toLowerCase(Locale.ROOT).startsWith("proto=")) {
                return WriteProtocol.ofMessage(kv.substring(6).strip());
            }
        }
        return WriteProtocol.V1;
    }

    private byte[] decode(byte[] body) throws IOException {
        if (body.length > maxCompressedBytes) {
            throw new IllegalArgumentException("request body of " + body.length + " bytes exceeds the limit of "
                    + maxCompressedBytes);
        }
        if (!Snappy.isValidCompressedBuffer(body)) {
            throw new IllegalArgumentException("snappy decode: corrupt input");
        }
        int n = Snappy.uncompressedLength(body);
        if (n < 0 || n > maxDecodedBytes) {
            throw new IllegalArgumentException("decoded request of " + n + " bytes exceeds the limit of "
                    + maxDecodedBytes);
        }
        return Snappy.uncompress(body);
    }

    private Response writeV1(byte[] raw, Appendable target) throws InvalidProtocolBufferException {
        WriteRequest wr = WriteRequest.parseFrom(raw);
        Appender app = target.appender();
        LabelsBuilder b = new LabelsBuilder();
        try {
            for (TimeSeries ts : wr.getTimeseriesList()) {
                Labels l = ProtoLabels.toLabels(ts.getLabelsList(), b);
                if (l.metricName() == null || l.metricName().isEmpty() || ProtoLabels.hasDuplicateNames(
                        ts.getLabelsList())) {
                    samplesWithInvalidLabels.add(ts.getSamplesCount());
                    continue;
                }
                long ref = 0;
                for (Sample s : ts.getSamplesList()) {
                    ref = app.append(ref, l, s.getTimestamp(), s.getValue());
                }
                for (io.ignis.server.remote.proto.Exemplar e : ts.getExemplarsList()) {
                    try {
                        ref = app.appendExemplar(ref, l, new Exemplar(ProtoLabels.toLabels(e.getLabelsList(), b),
                                e.getValue(), e.getTimestamp(), true));
                    } catch (StorageException ignored) {
                        // As in Prometheus: exemplar ingestion errors never fail the request.
                    }
                }
                if (ts.getHistogramsCount() > 0) {
                    ref = HistogramCodec.appendAll(app, ref, l, ts.getHistogramsList());
                }
            }
        } catch (StorageException e) {
            app.rollback();
            if (isRejection(e)) {
                rejectedSamples.increment();
                return Response.text(400, e.getMessage());
            }
            LOG.error("remote write receiver: append failed err={}", e.toString());
            return Response.text(500, e.getMessage());
        } catch (RuntimeException e) {
            app.rollback();
            throw e;
        }
        app.commit();
        return new Response(204, Response.TEXT_PLAIN, java.util.Map.of(), new byte[0]);
    }

    static boolean isRejection(StorageException e) {
        return e == SampleRejection.OUT_OF_ORDER || e == SampleRejection.OUT_OF_BOUNDS
                || e == SampleRejection.TOO_OLD || e == SampleRejection.DUPLICATE;
    }

    void countRejected(long n) {
        rejectedSamples.add(n);
    }

    void countInvalid(long n) {
        samplesWithInvalidLabels.add(n);
    }

    /** Remote write 2.0: partial writes, symbol-table labels, written-count headers. */
    private final class V2Writer {
        private final Appendable target;

        V2Writer(Appendable target) {
            this.target = target;
        }

        Response write(byte[] raw) throws InvalidProtocolBufferException {
            io.ignis.server.remote.proto.v2.Request r = io.ignis.server.remote.proto.v2.Request.parseFrom(raw);
            V2Append a = new V2Append(r, target.appender());
            String err = a.run();
            countRejected(a.rejected);
            countInvalid(a.invalid);
            Response resp = err == null ? new Response(204, Response.TEXT_PLAIN, java.util.Map.of(), new byte[0])
                    : Response.text(a.status, err);
            return resp.withHeader(WriteProtocol.SAMPLES_WRITTEN_HEADER, Long.toString(a.samples))
                    .withHeader(WriteProtocol.HISTOGRAMS_WRITTEN_HEADER, Long.toString(a.histograms))
                    .withHeader(WriteProtocol.EXEMPLARS_WRITTEN_HEADER, Long.toString(a.exemplars));
        }
    }
}
