package io.ignis.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import io.ignis.config.ConfigLoader;
import io.ignis.config.RemoteReadConfig;
import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import io.ignis.server.remote.HistogramSeries.Point;
import io.ignis.server.remote.proto.Chunk;
import io.ignis.server.remote.proto.ChunkedReadResponse;
import io.ignis.server.remote.proto.ChunkedSeries;
import io.ignis.server.remote.proto.LabelMatcher;
import io.ignis.server.remote.proto.Query;
import io.ignis.server.remote.proto.ReadRequest;
import io.ignis.server.remote.proto.ReadResponse;
import io.ignis.server.remote.proto.TimeSeries;
import io.ignis.storage.MergeQuerier;
import io.ignis.storage.Querier;
import io.ignis.storage.SelectHints;
import io.ignis.storage.SeriesSet;
import io.ignis.tsdb.BlockWriter;
import io.ignis.tsdb.Db;
import io.ignis.tsdb.DbOptions;
import io.ignis.tsdb.UlidGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

/**
 * Native histograms through our remote-read server and client: SAMPLES answers carry integer and float
 * histograms as such, STREAMED_XOR_CHUNKS answers carry histogram chunks with their encoding, and the client
 * decodes either and merges the remote series with local ones.
 */
class HistogramRemoteReadTest {
    private static final Labels INTS = Labels.of("__name__", "h", "kind", "int");
    private static final Labels FLOATS = Labels.of("__name__", "h", "kind", "float");

    @TempDir
    Path dir;
    private Db db;
    private RemoteReadHandler handler;
    private LoopbackServer server;
    private List<Point> ints;
    private List<Point> floats;

    @BeforeEach
    void start() throws Exception {
        ints = new ArrayList<>();
        floats = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            ints.add(new Point(1000L * i, HistogramSeries.hist(i), null));
            floats.add(new Point(1000L * i + 500, null, HistogramSeries.floatHist(i)));
        }
        Path data = Files.createDirectories(dir.resolve("remote"));
        BlockWriter w = new BlockWriter(data, new UlidGenerator());
        w.addSeries(INTS, HistogramSeries.iterator(ints));
        w.addSeries(FLOATS, HistogramSeries.iterator(floats));
        w.write();
        db = Db.open(data, DbOptions.defaults());
        handler = new RemoteReadHandler(db, db, Map::of, 0);
        server = new LoopbackServer(handler::handle);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        db.close();
    }

    private Response read(ReadRequest.ResponseType type, long start, long end) throws IOException {
        ReadRequest rr = ReadRequest.newBuilder().addQueries(Query.newBuilder().setStartTimestampMs(start)
                .setEndTimestampMs(end).addMatchers(LabelMatcher.newBuilder().setType(LabelMatcher.Type.EQ)
                        .setName("__name__").setValue("h"))).addAcceptedResponseTypes(type).build();
        return handler.handle(new Request("POST", "/api/v1/read", Map.of(), Map.of(),
                Map.of("content-encoding", "snappy"), Snappy.compress(rr.toByteArray())));
    }

    private static List<Point> within(List<Point> points, long start, long end) {
        List<Point> out = new ArrayList<>();
        for (Point p : points) {
            if (p.t() >= start && p.t() <= end) {
                out.add(p);
            }
        }
        return out;
    }

    @Test
    void samplesAnswerKeepsIntegerAndFloatHistograms() throws Exception {
        Response r = read(ReadRequest.ResponseType.SAMPLES, 10_000, 99_999);
        assertThat(r.status()).isEqualTo(200);
        List<TimeSeries> got = ReadResponse.parseFrom(Snappy.uncompress(r.body())).getResults(0).getTimeseriesList();
        assertThat(got).hasSize(2);
        for (TimeSeries ts : got) {
            boolean isInt = ts.getLabelsList().stream().anyMatch(l -> l.getValue().equals("int"));
            assertThat(ts.getSamplesCount()).isZero();
            assertThat(ts.getHistogramsList()).hasSize(90)
                    .allMatch(h -> isInt ? h.hasCountInt() && h.hasZeroCountInt() : h.hasCountFloat());
            List<Point> decoded = new ArrayList<>();
            for (io.ignis.server.remote.proto.Histogram h : ts.getHistogramsList()) {
                decoded.add(isInt ? new Point(h.getTimestamp(), HistogramCodec.toInt(h), null)
                        : new Point(h.getTimestamp(), null, HistogramCodec.toFloat(h)));
            }
            assertThat(HistogramSeries.describe(decoded))
                    .isEqualTo(HistogramSeries.describe(within(isInt ? ints : floats, 10_000, 99_999)));
        }
    }

    @Test
    void streamedAnswerCarriesHistogramChunksWithTheirEncoding() throws Exception {
        Response r = read(ReadRequest.ResponseType.STREAMED_XOR_CHUNKS, 0, 300_000);
        assertThat(r.status()).isEqualTo(200);
        CodedInputStream in = CodedInputStream.newInstance(r.body());
        Map<String, List<Chunk.Encoding>> types = new TreeMap<>();
        while (!in.isAtEnd()) {
            int len = in.readRawVarint32();
            in.readRawBytes(4);
            for (ChunkedSeries s : ChunkedReadResponse.parseFrom(in.readRawBytes(len)).getChunkedSeriesList()) {
                String kind = s.getLabelsList().stream().filter(l -> l.getName().equals("kind")).findFirst()
                        .orElseThrow().getValue();
                for (Chunk c : s.getChunksList()) {
                    types.computeIfAbsent(kind, k -> new ArrayList<>()).add(c.getType());
                }
            }
        }
        // 250 samples with a counter reset every 100: chunks cut at each reset and at 120 samples.
        assertThat(types.get("int")).containsOnly(Chunk.Encoding.HISTOGRAM).hasSizeGreaterThanOrEqualTo(3);
        assertThat(types.get("float")).containsOnly(Chunk.Encoding.FLOAT_HISTOGRAM).hasSizeGreaterThanOrEqualTo(3);
    }

    /** The client (streamed by default) reads back exactly the samples in range, merged with local series. */
    @Test
    void clientReadsHistogramsAndMergesThemWithLocalSeries() throws Exception {
        RemoteReadConfig cfg = ConfigLoader.load("""
                remote_read:
                  - url: %s
                    read_recent: true
                """.formatted(server.url("/api/v1/read")), "r.yml").remoteReadConfigs().get(0);
        RemoteReadQueryable remote = new RemoteReadQueryable(cfg, Map.of(), () -> 0);
        // Local storage holds the first half of the integer series; the merge must interleave nothing twice.
        Path local = Files.createDirectories(dir.resolve("local"));
        BlockWriter w = new BlockWriter(local, new UlidGenerator());
        w.addSeries(INTS, HistogramSeries.iterator(ints.subList(0, 125)));
        w.write();
        try (Db localDb = Db.open(local, DbOptions.defaults());
                Querier q = new MergeQuerier(List.of(localDb.querier(20_000, 200_000),
                        remote.querier(20_000, 200_000)))) {
            SeriesSet set = q.select(true, SelectHints.range(20_000, 200_000), Matcher.equal("__name__", "h"));
            Map<String, List<String>> got = new TreeMap<>();
            while (set.next()) {
                got.put(set.at().labels().get("kind"),
                        HistogramSeries.describe(HistogramSeries.drain(set.at().iterator(null))));
            }
            assertThat(set.warnings().warnings()).isEmpty();
            assertThat(got).containsOnlyKeys("float", "int");
            assertThat(got.get("int")).isEqualTo(HistogramSeries.describe(within(ints, 20_000, 200_000)));
            assertThat(got.get("float")).isEqualTo(HistogramSeries.describe(within(floats, 20_000, 200_000)));
        }
    }
}
