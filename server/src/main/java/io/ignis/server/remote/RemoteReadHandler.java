package io.ignis.server.remote;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.labels.MatchType;
import io.ignis.labels.Matcher;
import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import io.ignis.server.remote.proto.Chunk;
import io.ignis.server.remote.proto.ChunkedReadResponse;
import io.ignis.server.remote.proto.ChunkedSeries;
import io.ignis.server.remote.proto.Label;
import io.ignis.server.remote.proto.Query;
import io.ignis.server.remote.proto.QueryResult;
import io.ignis.server.remote.proto.ReadHints;
import io.ignis.server.remote.proto.ReadRequest;
import io.ignis.server.remote.proto.ReadResponse;
import io.ignis.server.remote.proto.Sample;
import io.ignis.server.remote.proto.TimeSeries;
import io.ignis.storage.ChunkIterator;
import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.ChunkQueryable;
import io.ignis.storage.ChunkSeries;
import io.ignis.storage.ChunkSeriesSet;
import io.ignis.storage.EncodedChunk;
import io.ignis.storage.Querier;
import io.ignis.storage.Queryable;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.storage.SelectHints;
import io.ignis.storage.SeriesSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.xerial.snappy.Snappy;

/**
 * The {@code POST /api/v1/read} endpoint, as Prometheus's read handler: a snappy-compressed {@code ReadRequest};
 * the first of its {@code accepted_response_types} we implement decides the answer, SAMPLES when none are given.
 * SAMPLES answers one snappy-compressed {@code ReadResponse}; STREAMED_XOR_CHUNKS answers a stream of
 * {@code ChunkedReadResponse} frames, each {@code uvarint length, big-endian CRC32C of the message, message},
 * with at most one series per frame and frames cut near 1 MiB. Matchers equal to an external label are dropped
 * before querying, and the external labels are added to every series returned (a series' own labels win).
 */
public final class RemoteReadHandler {
    /** Prometheus's {@code --storage.remote.read-sample-limit} default. */
    public static final long DEFAULT_SAMPLE_LIMIT = 50_000_000L;
    static final String STREAMED_CONTENT_TYPE = "application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse";
    /** As Prometheus's read handler: a frame is cut once its chunks pass this size. */
    static final int MAX_BYTES_IN_FRAME = 1024 * 1024;

    private final Queryable queryable;
    private final ChunkQueryable chunkQueryable;
    private final Supplier<Map<String, String>> externalLabels;
    private final long sampleLimit;
    private final int maxDecodedBytes;

    /**
     * @param externalLabels read per request, so a config reload applies at once
     * @param sampleLimit the most samples one SAMPLES response may carry; 0 for no limit
     */
    public RemoteReadHandler(Queryable queryable, ChunkQueryable chunkQueryable,
                             Supplier<Map<String, String>> externalLabels, long sampleLimit) {
        this.queryable = Objects.requireNonNull(queryable, "queryable");
        this.chunkQueryable = Objects.requireNonNull(chunkQueryable, "chunkQueryable");
        this.externalLabels = Objects.requireNonNull(externalLabels, "externalLabels");
        this.sampleLimit = sampleLimit;
        this.maxDecodedBytes = RemoteWriteReceiver.DEFAULT_MAX_DECODED_BYTES;
    }

    /** Answers one read request; bad input gets 400 with a plain-text reason. */
    public Response handle(Request req) {
        ReadRequest rr;
        try {
            byte[] body = req.body();
            if (!Snappy.isValidCompressedBuffer(body)) {
                return Response.text(400, "snappy decode: corrupt input");
            }
            int n = Snappy.uncompressedLength(body);
            if (n > maxDecodedBytes) {
                return Response.text(400, "decoded request of " + n + " bytes exceeds the limit of "
                        + maxDecodedBytes);
            }
            rr = ReadRequest.parseFrom(Snappy.uncompress(body));
        } catch (InvalidProtocolBufferException e) {
            return Response.text(400, "decode read request: " + e.getMessage());
        } catch (IOException e) {
            return Response.text(400, "snappy decode: " + e.getMessage());
        }
        Map<String, String> ext = externalLabels.get();
        try {
            for (ReadRequest.ResponseType t : rr.getAcceptedResponseTypesList()) {
                if (t == ReadRequest.ResponseType.STREAMED_XOR_CHUNKS) {
                    return streamed(rr, ext);
                }
                if (t == ReadRequest.ResponseType.SAMPLES) {
                    return samples(rr, ext);
                }
            }
            if (rr.getAcceptedResponseTypesCount() > 0) {
                return Response.text(400, "server does not support any of the requested response types: "
                        + rr.getAcceptedResponseTypesList() + "; supported: [SAMPLES STREAMED_XOR_CHUNKS]");
            }
            return samples(rr, ext);
        } catch (IllegalArgumentException e) {
            return Response.text(400, e.getMessage());
        }
    }

    private Response samples(ReadRequest rr, Map<String, String> ext) {
        ReadResponse.Builder resp = ReadResponse.newBuilder();
        long total = 0;
        for (Query q : rr.getQueriesList()) {
            QueryResult.Builder qr = QueryResult.newBuilder();
            try (Querier querier = queryable.querier(q.getStartTimestampMs(), q.getEndTimestampMs())) {
                SeriesSet set = querier.select(false, hints(q), matchers(q, ext));
                SampleIterator it = null;
                while (set.next()) {
                    TimeSeries.Builder ts = TimeSeries.newBuilder();
                    addLabels(ts::addLabels, set.at().labels(), ext);
                    it = set.at().iterator(it);
                    for (SampleType st = it.next(); st != SampleType.NONE; st = it.next()) {
                        long t = it.atT();
                        if (t < q.getStartTimestampMs() || t > q.getEndTimestampMs()) {
                            continue;
                        }
                        switch (st) {
                            case FLOAT -> ts.addSamples(Sample.newBuilder().setTimestamp(t).setValue(it.atV()));
                            case HISTOGRAM -> ts.addHistograms(HistogramCodec.fromInt(it.atHistogram(), t));
                            default -> ts.addHistograms(HistogramCodec.fromFloat(it.atFloatHistogram(), t));
                        }
                        if (sampleLimit > 0 && ++total > sampleLimit) {
                            return Response.text(400, "exceeded sample limit (" + sampleLimit + ")");
                        }
                    }
                    qr.addTimeseries(ts);
                }
            }
            resp.addResults(qr);
        }
        try {
            return Response.bytes(200, "application/x-protobuf", Snappy.compress(resp.build().toByteArray()))
                    .withHeader("Content-Encoding", "snappy");
        } catch (IOException e) {
            throw new UncheckedIOException("snappy compress read response", e);
        }
    }

    private Response streamed(ReadRequest rr, Map<String, String> ext) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int qi = 0; qi < rr.getQueriesCount(); qi++) {
            Query q = rr.getQueries(qi);
            try (ChunkQuerier querier = chunkQueryable.chunkQuerier(q.getStartTimestampMs(), q.getEndTimestampMs())) {
                ChunkSeriesSet set = querier.select(true, hints(q), matchers(q, ext));
                ChunkIterator it = null;
                while (set.next()) {
                    ChunkSeries s = set.at();
                    List<Label> labels = new ArrayList<>();
                    addLabels(labels::add, s.labels(), ext);
                    it = s.iterator(it);
                    List<Chunk> chunks = new ArrayList<>();
                    int bytes = 0;
                    while (it.next()) {
                        EncodedChunk c = it.chunk();
                        ByteBuffer data = c.bytes();
                        chunks.add(Chunk.newBuilder().setMinTimeMs(it.minTime()).setMaxTimeMs(it.maxTime())
                                .setTypeValue(c.encodingCode()).setData(ByteString.copyFrom(data)).build());
                        bytes += data.remaining();
                        if (bytes >= MAX_BYTES_IN_FRAME) {
                            frame(out, labels, chunks, qi);
                            chunks.clear();
                            bytes = 0;
                        }
                    }
                    if (!chunks.isEmpty()) {
                        frame(out, labels, chunks, qi);
                    }
                }
            }
        }
        return Response.bytes(200, STREAMED_CONTENT_TYPE, out.toByteArray());
    }

    static void frame(ByteArrayOutputStream out, List<Label> labels, List<Chunk> chunks, int queryIndex) {
        byte[] msg = ChunkedReadResponse.newBuilder()
                .addChunkedSeries(ChunkedSeries.newBuilder().addAllLabels(labels).addAllChunks(chunks))
                .setQueryIndex(queryIndex).build().toByteArray();
        try {
            CodedOutputStream cos = CodedOutputStream.newInstance(out, 16);
            cos.writeUInt32NoTag(msg.length);
            cos.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CRC32C crc = new CRC32C();
        crc.update(msg);
        long c = crc.getValue();
        out.write((int) (c >>> 24));
        out.write((int) (c >>> 16));
        out.write((int) (c >>> 8));
        out.write((int) c);
        out.writeBytes(msg);
    }

    private static SelectHints hints(Query q) {
        ReadHints h = q.getHints();
        if (!q.hasHints()) {
            return SelectHints.range(q.getStartTimestampMs(), q.getEndTimestampMs());
        }
        return new SelectHints(h.getStartMs(), h.getEndMs(), h.getStepMs(), h.getFunc(), h.getGroupingList(),
                h.getBy(), h.getRangeMs());
    }

    /** The query's matchers minus those an external label satisfies, which local data cannot match. */
    static Matcher[] matchers(Query q, Map<String, String> ext) {
        List<Matcher> out = new ArrayList<>();
        for (io.ignis.server.remote.proto.LabelMatcher pm : q.getMatchersList()) {
            Matcher m = ProtoLabels.toMatcher(pm);
            String v = ext.get(m.name());
            if (v != null && m.type() == MatchType.EQUAL && m.value().equals(v)) {
                continue;
            }
            out.add(m);
        }
        return out.toArray(new Matcher[0]);
    }

    private static void addLabels(java.util.function.Consumer<Label> sink, Labels l, Map<String, String> ext) {
        Labels merged = l;
        if (!ext.isEmpty()) {
            LabelsBuilder b = new LabelsBuilder(l);
            for (Map.Entry<String, String> e : ext.entrySet()) {
                if (!l.has(e.getKey())) {
                    b.set(e.getKey(), e.getValue());
                }
            }
            merged = b.build();
        }
        ProtoLabels.addTo(merged, sink);
    }
}
