package io.ignis.server.remote;

import com.google.protobuf.CodedInputStream;
import io.ignis.server.remote.proto.Chunk;
import io.ignis.server.remote.proto.ChunkedReadResponse;
import io.ignis.server.remote.proto.ChunkedSeries;
import io.ignis.server.remote.proto.QueryResult;
import io.ignis.server.remote.proto.Sample;
import io.ignis.server.remote.proto.TimeSeries;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.chunkenc.ChunkEncoding;
import io.ignis.tsdb.chunkenc.Chunks;
import io.ignis.tsdb.chunkenc.UnsupportedChunkEncodingException;
import java.io.IOException;
import java.util.zip.CRC32C;

/**
 * Decodes a STREAMED_XOR_CHUNKS remote-read response, as Prometheus's {@code ChunkedReader} and chunked series
 * set: frames of {@code uvarint length, big-endian CRC32C, ChunkedReadResponse}, each frame at most
 * {@code chunked_read_limit} bytes. A series may be split over consecutive frames; its chunks (float, histogram
 * or float histogram) are decoded and the samples inside the query's {@code [mint, maxt]} kept, as a sampled
 * response would carry them.
 */
final class ChunkedReadDecoder {
    private ChunkedReadDecoder() {
    }

    /**
     * @param limit the largest frame accepted in bytes; 0 for no limit
     * @throws IOException naming the problem: a bad checksum, an oversized frame, an undecodable chunk
     */
    static QueryResult decode(byte[] body, long limit, long mint, long maxt) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(body);
        in.setSizeLimit(Integer.MAX_VALUE);
        QueryResult.Builder out = QueryResult.newBuilder();
        TimeSeries.Builder cur = null;
        SampleIterator it = null;
        while (!in.isAtEnd()) {
            int len = in.readRawVarint32();
            if (limit > 0 && len > limit) {
                throw new IOException("chunkedReader: message size exceeded the limit " + limit + " bytes; got: "
                        + len + " bytes");
            }
            byte[] crc = in.readRawBytes(4);
            byte[] msg = in.readRawBytes(len);
            CRC32C c = new CRC32C();
            c.update(msg);
            long want = ((crc[0] & 0xffL) << 24) | ((crc[1] & 0xffL) << 16) | ((crc[2] & 0xffL) << 8)
                    | (crc[3] & 0xffL);
            if (c.getValue() != want) {
                throw new IOException("chunkedReader: corrupted frame; checksum mismatch");
            }
            for (ChunkedSeries s : ChunkedReadResponse.parseFrom(msg).getChunkedSeriesList()) {
                if (cur == null || !cur.getLabelsList().equals(s.getLabelsList())) {
                    if (cur != null) {
                        out.addTimeseries(cur);
                    }
                    cur = TimeSeries.newBuilder().addAllLabels(s.getLabelsList());
                }
                for (Chunk ch : s.getChunksList()) {
                    it = samples(ch, it);
                    addSamples(cur, it, mint, maxt);
                }
            }
        }
        if (cur != null) {
            out.addTimeseries(cur);
        }
        return out.build();
    }

    private static SampleIterator samples(Chunk ch, SampleIterator reuse) throws IOException {
        ChunkEncoding enc = ChunkEncoding.fromCode(ch.getTypeValue());
        if (enc == null || enc == ChunkEncoding.NONE) {
            throw new IOException("unsupported chunk encoding " + ch.getTypeValue());
        }
        try {
            return Chunks.view(enc, ch.getData().toByteArray()).iterator(reuse);
        } catch (UnsupportedChunkEncodingException | IllegalArgumentException e) {
            throw new IOException("decode " + enc.promName() + " chunk: " + e.getMessage(), e);
        }
    }

    private static void addSamples(TimeSeries.Builder ts, SampleIterator it, long mint, long maxt) {
        for (SampleType st = it.seek(mint); st != SampleType.NONE; st = it.next()) {
            long t = it.atT();
            if (t > maxt) {
                return;
            }
            switch (st) {
                case FLOAT -> ts.addSamples(Sample.newBuilder().setTimestamp(t).setValue(it.atV()));
                case HISTOGRAM -> ts.addHistograms(HistogramCodec.fromInt(it.atHistogram(), t));
                case FLOAT_HISTOGRAM -> ts.addHistograms(HistogramCodec.fromFloat(it.atFloatHistogram(), t));
                case NONE -> throw new IllegalStateException("bug: NONE sample");
            }
        }
    }
}
