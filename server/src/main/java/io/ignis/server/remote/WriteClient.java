package io.ignis.server.remote;

import io.ignis.config.HttpClientConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * POSTs one compressed remote-write body and classifies the answer as Prometheus's client does: 2xx is success,
 * 5xx is recoverable, 429 is recoverable only with {@code retry_on_http_429} (honouring {@code Retry-After}),
 * any other status drops the batch. Thread-safe: shards share it.
 */
final class WriteClient {
    private final URI url;
    private final HttpClient http;
    private final HttpClientConfig httpConfig;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final boolean retryOn429;

    WriteClient(URI url, HttpClientConfig httpConfig, Map<String, String> headers, Duration timeout,
                boolean retryOn429) {
        this.url = url;
        this.httpConfig = httpConfig;
        this.headers = headers;
        this.timeout = timeout;
        this.retryOn429 = retryOn429;
        this.http = HttpClients.build(httpConfig, timeout);
    }

    /** The outcome of one attempt; {@code retryAfterMillis} is -1 when the server gave no hint. */
    record Outcome(Kind kind, int status, long retryAfterMillis, String message) {
        enum Kind { SUCCESS, RECOVERABLE, UNSUPPORTED_VERSION, FAILED }
    }

    Outcome send(byte[] body, WriteProtocol protocol) throws InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(url).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpClients.applyHeaders(r, httpConfig, headers);
        } catch (RuntimeException e) {
            return new Outcome(Outcome.Kind.RECOVERABLE, 0, -1, e.getMessage());
        }
        r.setHeader("Content-Encoding", "snappy");
        r.setHeader("Content-Type", protocol.contentType());
        r.setHeader(WriteProtocol.VERSION_HEADER, protocol.version());
        r.setHeader("User-Agent", "Prometheus/ignis");
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return new Outcome(Outcome.Kind.RECOVERABLE, 0, -1, "send: " + e);
        }
        return classify(resp.statusCode(), resp.headers().firstValue("Retry-After").orElse(null),
                new String(resp.body(), 0, Math.min(resp.body().length, 512), StandardCharsets.UTF_8), protocol);
    }

    Outcome classify(int status, String retryAfter, String body, WriteProtocol protocol) {
        if (status / 100 == 2) {
            return new Outcome(Outcome.Kind.SUCCESS, status, -1, "");
        }
        String msg = "server returned HTTP status " + status + ": " + body.strip();
        if (status == 415 && protocol == WriteProtocol.V2) {
            return new Outcome(Outcome.Kind.UNSUPPORTED_VERSION, status, -1, msg);
        }
        if (status / 100 == 5 || (status == 429 && retryOn429)) {
            return new Outcome(Outcome.Kind.RECOVERABLE, status, retryAfterMillis(retryAfter), msg);
        }
        return new Outcome(Outcome.Kind.FAILED, status, -1, msg);
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date; -1 when absent or unparseable. */
    static long retryAfterMillis(String v) {
        if (v == null || v.isBlank()) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(v.strip()) * 1000);
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, at.toInstant().toEpochMilli() - System.currentTimeMillis());
            } catch (RuntimeException e2) {
                return -1;
            }
        }
    }

    URI url() {
        return url;
    }
}
