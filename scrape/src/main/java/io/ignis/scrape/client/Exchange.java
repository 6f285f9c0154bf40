package io.ignis.scrape.client;

import io.netty.channel.Channel;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * One request from the caller's point of view, across redirects and one transparent retry: what was asked, where
 * it stands, and the callback that ends it exactly once. Confined to its {@link Connection}'s event loop.
 */
final class Exchange {
    final String firstUrl;
    final Map<String, String> headers;
    final long limit;
    final boolean gzip;
    final ResponseBuffer body;
    private final Consumer<ScrapeResponse> done;

    ScheduledFuture<?> timeout;
    boolean finished;

    /** The URL of the current hop (after redirects) and how many redirects led to it. */
    String url;
    int redirects;
    /** The channel carrying the current hop (its HTTP/2 stream once opened); events from any other are stale. */
    Channel channel;
    /** The hop went out on a kept-alive connection, which the server may have closed meanwhile. */
    boolean reused;
    /** The hop was already sent again once on a fresh connection. */
    boolean retried;
    /** Whether the hop's connection may be kept for later requests. */
    boolean persistent;

    /** Response state of the current hop. */
    boolean responseStarted;
    int status;
    String contentType = "";
    String location;
    boolean keepAliveResponse;
    /** Set when the hop's body is gzipped: the connection's decoder, reset for this response. */
    Gunzip gunzip;

    Exchange(String url, Map<String, String> headers, long limit, boolean gzip, ResponseBuffer body,
            Consumer<ScrapeResponse> done) {
        this.firstUrl = url;
        this.url = url;
        this.headers = headers;
        this.limit = limit;
        this.gzip = gzip;
        this.body = body;
        this.done = done;
    }

    /** Clears the response state before a hop is sent (again). */
    void beginHop(Channel ch, boolean reusedConnection, boolean persistentConnection) {
        channel = ch;
        reused = reusedConnection;
        persistent = persistentConnection;
        responseStarted = false;
        status = 0;
        contentType = "";
        location = null;
        keepAliveResponse = false;
        gunzip = null;
        body.clear();
    }

    /** Ends the exchange; false if it had already ended. */
    boolean finish(ScrapeResponse r) {
        if (finished) {
            return false;
        }
        finished = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        done.accept(r);
        return true;
    }

    static ScrapeResponse success(int status, String contentType) {
        return new ScrapeResponse(status, contentType, "", false);
    }

    /** A failure of the request itself, worded as Go's client error: {@code Get "<url>": <reason>}. */
    ScrapeResponse requestError(String reason) {
        return new ScrapeResponse(0, "", "Get \"" + firstUrl + "\": " + reason, false);
    }

    /** A failure with the response in hand (status, body size): no {@code Get "…"} prefix, as in Prometheus. */
    static ScrapeResponse responseError(int status, String error, boolean bodySizeLimitExceeded) {
        return new ScrapeResponse(status, "", error, bodySizeLimitExceeded);
    }
}
