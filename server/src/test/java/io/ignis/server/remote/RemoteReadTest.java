package io.ignis.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import io.ignis.config.ConfigLoader;
import io.ignis.config.RemoteReadConfig;
import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import io.ignis.server.remote.proto.Chunk;
import io.ignis.server.remote.proto.ChunkedReadResponse;
import io.ignis.server.remote.proto.ChunkedSeries;
import io.ignis.server.remote.proto.LabelMatcher;
import io.ignis.server.remote.proto.Query;
import io.ignis.server.remote.proto.ReadRequest;
import io.ignis.server.remote.proto.ReadResponse;
import io.ignis.server.remote.proto.TimeSeries;
import io.ignis.storage.Appender;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.storage.SelectHints;
import io.ignis.storage.SeriesSet;
import io.ignis.tsdb.Head;
import io.ignis.tsdb.HeadOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** Our remote-read server and client against each other over loopback, and the streamed framing byte by byte. */
class RemoteReadTest {
    private Head head;
    private LoopbackServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private RemoteReadHandler handler;

    @BeforeEach
    void start() throws Exception {
        head = Head.inMemory(HeadOptions.defaults().withStripeSize(16));
        Appender app = head.appender();
        for (int i = 0; i < 300; i++) {
            app.append(0, Labels.of("__name__", "a", "job", "x"), 1000L * i, i);
            app.append(0, Labels.of("__name__", "b", "job", "y", "region", "us"), 1000L * i, -i);
        }
        app.commit();
        handler = new RemoteReadHandler(head, head, () -> Map.of("region", "eu"), 500);
        server = new LoopbackServer(r -> {
            requests.incrementAndGet();
            return handler.handle(r);
        });
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        head.close();
    }

    private static Request read(ReadRequest rr) throws IOException {
        return new Request("POST", "/api/v1/read", Map.of(), Map.of(), Map.of("content-encoding", "snappy"),
                Snappy.compress(rr.toByteArray()));
    }

    private static Query query(long start, long end, LabelMatcher... ms) {
        return Query.newBuilder().setStartTimestampMs(start).setEndTimestampMs(end).addAllMatchers(List.of(ms))
                .build();
    }

    private static LabelMatcher eq(String n, String v) {
        return LabelMatcher.newBuilder().setType(LabelMatcher.Type.EQ).setName(n).setValue(v).build();
    }

    @Test
    void samplesResponseAddsExternalLabelsAndDropsTheirMatchers() throws Exception {
        Response r = handler.handle(read(ReadRequest.newBuilder()
                .addQueries(query(10_000, 19_000, eq("__name__", "a"), eq("region", "eu"))).build()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("Content-Encoding", "snappy");
        ReadResponse resp = ReadResponse.parseFrom(Snappy.uncompress(r.body()));
        TimeSeries ts = resp.getResults(0).getTimeseries(0);
        assertThat(ProtoLabels.toLabels(ts.getLabelsList(), new io.ignis.labels.LabelsBuilder()))
                .isEqualTo(Labels.of("__name__", "a", "job", "x", "region", "eu"));
        assertThat(ts.getSamplesCount()).isEqualTo(10);
        assertThat(ts.getSamples(0).getTimestamp()).isEqualTo(10_000);
    }

    @Test
    void seriesOwnLabelBeatsExternalLabel() throws Exception {
        Response r = handler.handle(read(ReadRequest.newBuilder().addQueries(query(0, 1000, eq("__name__", "b")))
                .build()));
        TimeSeries ts = ReadResponse.parseFrom(Snappy.uncompress(r.body())).getResults(0).getTimeseries(0);
        assertThat(ts.getLabelsList()).anyMatch(l -> l.getName().equals("region") && l.getValue().equals("us"));
    }

    @Test
    void sampleLimitAnswers400() throws Exception {
        Response r = handler.handle(read(ReadRequest.newBuilder().addQueries(query(0, 400_000,
                LabelMatcher.newBuilder().setType(LabelMatcher.Type.RE).setName("__name__").setValue(".+").build()))
                .build()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.bodyText()).isEqualTo("exceeded sample limit (500)");
    }

    @Test
    void streamedFramesCarryCheckedChunksPerQuery() throws Exception {
        Response r = handler.handle(read(ReadRequest.newBuilder()
                .addQueries(query(0, 400_000, eq("__name__", "a")))
                .addQueries(query(0, 400_000, eq("job", "y")))
                .addAcceptedResponseTypes(ReadRequest.ResponseType.STREAMED_XOR_CHUNKS).build()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo(
                "application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse");
        CodedInputStream in = CodedInputStream.newInstance(r.body());
        List<Long> queryIndexes = new ArrayList<>();
        int samples = 0;
        while (!in.isAtEnd()) {
            int len = in.readRawVarint32();
            byte[] crc = in.readRawBytes(4);
            byte[] msg = in.readRawBytes(len);
            CRC32C c = new CRC32C();
            c.update(msg);
            long want = ((crc[0] & 0xffL) << 24) | ((crc[1] & 0xffL) << 16) | ((crc[2] & 0xffL) << 8)
                    | (crc[3] & 0xffL);
            assertThat(c.getValue()).isEqualTo(want);
            ChunkedReadResponse frame = ChunkedReadResponse.parseFrom(msg);
            queryIndexes.add(frame.getQueryIndex());
            for (ChunkedSeries s : frame.getChunkedSeriesList()) {
                for (Chunk ch : s.getChunksList()) {
                    assertThat(ch.getType()).isEqualTo(Chunk.Encoding.XOR);
                    byte[] d = ch.getData().toByteArray();
                    samples += ((d[0] & 0xff) << 8) | (d[1] & 0xff);
                }
            }
        }
        assertThat(queryIndexes).containsExactly(0L, 1L);
        assertThat(samples).isEqualTo(600);
    }

    @Test
    void unsupportedResponseTypeIs400() throws Exception {
        Response r = handler.handle(read(ReadRequest.newBuilder().addQueries(query(0, 1, eq("__name__", "a")))
                .addAcceptedResponseTypesValue(7).build()));
        assertThat(r.status()).isEqualTo(400);
    }

    private RemoteReadQueryable client(String extra, Map<String, String> ext, long localStart) {
        RemoteReadConfig cfg = ConfigLoader.load("""
                remote_read:
                  - url: %s
                %s""".formatted(server.url("/api/v1/read"), extra), "r.yml").remoteReadConfigs().get(0);
        return new RemoteReadQueryable(cfg, ext, () -> localStart);
    }

    private static Map<Labels, Integer> select(RemoteReadQueryable q, long mint, long maxt, Matcher... ms) {
        Map<Labels, Integer> out = new java.util.LinkedHashMap<>();
        try (Querier querier = q.querier(mint, maxt)) {
            SeriesSet set = querier.select(true, SelectHints.range(mint, maxt), ms);
            SampleIterator it = null;
            while (set.next()) {
                it = set.at().iterator(it);
                int n = 0;
                for (SampleType st = it.next(); st != SampleType.NONE; st = it.next()) {
                    n++;
                }
                out.put(set.at().labels(), n);
            }
            if (!set.warnings().warnings().isEmpty()) {
                out.put(Labels.of("warning", set.warnings().warnings().get(0)), 0);
            }
        }
        return out;
    }

    @Test
    void clientFiltersExternalLabels() {
        RemoteReadQueryable q = client("    read_recent: true\n", Map.of("region", "eu"), 0);
        assertThat(select(q, 0, 9_000, Matcher.equal("__name__", "a")))
                .containsExactly(Map.entry(Labels.of("__name__", "a", "job", "x"), 10));
    }

    @Test
    void clientKeepsExternalLabelsWhenNotFiltering() {
        RemoteReadQueryable q = client("    read_recent: true\n    filter_external_labels: false\n",
                Map.of("region", "eu"), 0);
        assertThat(select(q, 0, 9_000, Matcher.equal("__name__", "a")))
                .containsExactly(Map.entry(Labels.of("__name__", "a", "job", "x", "region", "eu"), 10));
    }

    @Test
    void requiredMatchersSkipTheRequest() {
        RemoteReadQueryable q = client("    read_recent: true\n    required_matchers: {job: y}\n", Map.of(), 0);
        assertThat(select(q, 0, 9_000, Matcher.equal("__name__", "a"))).isEmpty();
        assertThat(requests.get()).isZero();
        assertThat(select(q, 0, 9_000, Matcher.equal("job", "y"))).hasSize(1);
        assertThat(requests.get()).isOne();
    }

    @Test
    void withoutReadRecentTheRangeStopsAtLocalData() {
        RemoteReadQueryable q = client("", Map.of(), 4_000);
        assertThat(select(q, 0, 9_000, Matcher.equal("__name__", "a")).values()).containsExactly(5);
        assertThat(select(q, 5_000, 9_000, Matcher.equal("__name__", "a"))).isEmpty();
    }

    @Test
    void failingEndpointIsAWarning() {
        server.close();
        RemoteReadQueryable q = client("    read_recent: true\n", Map.of(), 0);
        Map<Labels, Integer> got = select(q, 0, 9_000, Matcher.equal("__name__", "a"));
        assertThat(got).hasSize(1);
        assertThat(got.keySet().iterator().next().get("warning")).startsWith("remote_read http://127.0.0.1:");
    }
}
