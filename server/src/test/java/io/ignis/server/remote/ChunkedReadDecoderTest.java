package io.ignis.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.ignis.server.remote.proto.Chunk;
import io.ignis.server.remote.proto.Label;
import io.ignis.server.remote.proto.QueryResult;
import io.ignis.server.remote.proto.TimeSeries;
import io.ignis.tsdb.chunkenc.ChunkAppender;
import io.ignis.tsdb.chunkenc.HistogramChunk;
import io.ignis.tsdb.chunkenc.HistogramChunkAppender;
import io.ignis.tsdb.chunkenc.XorChunk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Decoding streamed remote-read answers: series across frames, the query range, and each kind of bad input. */
class ChunkedReadDecoderTest {
    private static final List<Label> A = List.of(Label.newBuilder().setName("__name__").setValue("a").build());
    private static final List<Label> B = List.of(Label.newBuilder().setName("__name__").setValue("b").build());

    private static Chunk xor(long from, int n) {
        XorChunk c = new XorChunk();
        ChunkAppender app = c.appender();
        for (int i = 0; i < n; i++) {
            app.append(from + i, i);
        }
        return Chunk.newBuilder().setType(Chunk.Encoding.XOR).setMinTimeMs(from).setMaxTimeMs(from + n - 1)
                .setData(ByteString.copyFrom(c.bytes())).build();
    }

    private static Chunk histograms(long from, int n) {
        HistogramChunk c = new HistogramChunk();
        HistogramChunkAppender app = c.appender();
        for (int i = 0; i < n; i++) {
            app = app.appendHistogram(null, from + i, HistogramSeries.hist(i), false).appender();
        }
        return Chunk.newBuilder().setType(Chunk.Encoding.HISTOGRAM).setMinTimeMs(from).setMaxTimeMs(from + n - 1)
                .setData(ByteString.copyFrom(c.bytes())).build();
    }

    @Test
    void seriesSplitOverFramesIsOneSeriesCutToTheQueryRange() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RemoteReadHandler.frame(out, A, List.of(xor(0, 10)), 0);
        RemoteReadHandler.frame(out, A, List.of(histograms(10, 10)), 0);
        RemoteReadHandler.frame(out, B, List.of(xor(0, 5)), 0);
        QueryResult r = ChunkedReadDecoder.decode(out.toByteArray(), 0, 5, 14);
        assertThat(r.getTimeseriesList()).hasSize(2);
        TimeSeries a = r.getTimeseries(0);
        assertThat(a.getLabelsList()).isEqualTo(A);
        assertThat(a.getSamplesList()).extracting(s -> s.getTimestamp()).containsExactly(5L, 6L, 7L, 8L, 9L);
        assertThat(a.getHistogramsList()).extracting(h -> h.getTimestamp()).containsExactly(10L, 11L, 12L, 13L, 14L);
        assertThat(a.getHistograms(2).getCountInt()).isEqualTo(HistogramSeries.hist(2).count());
        assertThat(r.getTimeseries(1).getSamplesList()).isEmpty();
    }

    record Bad(String name, byte[] body, long limit, String want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> bad() {
        ByteArrayOutputStream ok = new ByteArrayOutputStream();
        RemoteReadHandler.frame(ok, A, List.of(xor(0, 10)), 0);
        byte[] flipped = ok.toByteArray();
        flipped[flipped.length - 1] ^= 1;
        ByteArrayOutputStream unknown = new ByteArrayOutputStream();
        RemoteReadHandler.frame(unknown, A, List.of(xor(0, 3).toBuilder().setTypeValue(9).build()), 0);
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        RemoteReadHandler.frame(none, A, List.of(xor(0, 3).toBuilder().setTypeValue(0).build()), 0);
        ByteArrayOutputStream xor2 = new ByteArrayOutputStream();
        RemoteReadHandler.frame(xor2, A, List.of(xor(0, 3).toBuilder().setTypeValue(4).build()), 0);
        return Stream.of(
                new Bad("checksum", flipped, 0, "chunkedReader: corrupted frame; checksum mismatch"),
                new Bad("frame over the limit", ok.toByteArray(), 16,
                        "chunkedReader: message size exceeded the limit 16 bytes; got: "),
                new Bad("encoding unknown", unknown.toByteArray(), 0, "unsupported chunk encoding 9"),
                new Bad("encoding none", none.toByteArray(), 0, "unsupported chunk encoding 0"),
                new Bad("encoding not decodable yet", xor2.toByteArray(), 0, "decode XOR2 chunk: "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void badInputNamesTheProblem(Bad c) {
        assertThatThrownBy(() -> ChunkedReadDecoder.decode(c.body(), c.limit(), 0, Long.MAX_VALUE))
                .isInstanceOf(IOException.class).hasMessageStartingWith(c.want());
    }
}
