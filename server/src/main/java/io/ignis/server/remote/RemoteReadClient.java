package io.ignis.server.remote;

import io.ignis.config.RemoteReadConfig;
import io.ignis.server.remote.proto.Query;
import io.ignis.server.remote.proto.QueryResult;
import io.ignis.server.remote.proto.ReadRequest;
import io.ignis.server.remote.proto.ReadResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.xerial.snappy.Snappy;

/**
 * Sends one remote-read query and returns its samples. As Prometheus's client it accepts STREAMED_XOR_CHUNKS
 * first and SAMPLES second: a streamed answer (frames bounded by {@code chunked_read_limit}) is decoded into the
 * same {@link QueryResult} a sampled one carries, floats and histograms alike.
 */
final class RemoteReadClient {
    private final RemoteReadConfig config;
    private final URI url;
    private final HttpClient http;

    RemoteReadClient(RemoteReadConfig config) {
        this.config = config;
        this.url = URI.create(config.url());
        this.http = HttpClients.build(config.httpClientConfig(), config.remoteTimeout());
    }

    /** Runs {@code q}; throws {@link RemoteReadException} naming the endpoint on any failure. */
    QueryResult read(Query q) {
        byte[] body;
        try {
            body = Snappy.compress(ReadRequest.newBuilder().addQueries(q)
                    .addAcceptedResponseTypes(ReadRequest.ResponseType.STREAMED_XOR_CHUNKS)
                    .addAcceptedResponseTypes(ReadRequest.ResponseType.SAMPLES).build().toByteArray());
        } catch (IOException e) {
            throw new RemoteReadException("remote_read " + url + ": snappy encode: " + e.getMessage(), e);
        }
        HttpRequest.Builder r = HttpRequest.newBuilder(url).timeout(config.remoteTimeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        HttpClients.applyHeaders(r, config.httpClientConfig(), config.headers());
        r.setHeader("Content-Encoding", "snappy");
        r.setHeader("Accept-Encoding", "snappy");
        r.setHeader("Content-Type", "application/x-protobuf");
        r.setHeader("X-Prometheus-Remote-Read-Version", "0.1.0");
        r.setHeader("User-Agent", "Prometheus/ignis");
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RemoteReadException("remote_read " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteReadException("remote_read " + url + ": interrupted", e);
        }
        if (resp.statusCode() / 100 != 2) {
            String text = new String(resp.body(), 0, Math.min(512, resp.body().length), StandardCharsets.UTF_8);
            throw new RemoteReadException("remote_read " + url + ": server returned HTTP status "
                    + resp.statusCode() + ": " + text.strip(), null);
        }
        String contentType = resp.headers().firstValue("Content-Type").orElse("");
        if (contentType.startsWith(RemoteReadHandler.STREAMED_CONTENT_TYPE)) {
            try {
                return ChunkedReadDecoder.decode(resp.body(), config.chunkedReadLimit(), q.getStartTimestampMs(),
                        q.getEndTimestampMs());
            } catch (IOException e) {
                throw new RemoteReadException("remote_read " + url + ": " + e.getMessage(), e);
            }
        }
        try {
            ReadResponse rr = ReadResponse.parseFrom(Snappy.uncompress(resp.body()));
            if (rr.getResultsCount() != 1) {
                throw new RemoteReadException("remote_read " + url + ": responses: want 1, got "
                        + rr.getResultsCount(), null);
            }
            return rr.getResults(0);
        } catch (IOException e) {
            throw new RemoteReadException("remote_read " + url + ": decode response: " + e.getMessage(), e);
        }
    }

    /** A failed remote read; the querier turns it into a warning, as Prometheus does for secondary storage. */
    static final class RemoteReadException extends RuntimeException {
        RemoteReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
