package io.ignis.scrape.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.concurrent.FutureListener;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One target's HTTP connection, kept alive across scrapes as Go's transport keeps an idle connection per host:
 * the first request connects, later ones reuse the socket while the server keeps it open. A request that finds
 * the kept connection closed by the server (before any byte of a response came back) is sent again once on a new
 * connection, so an idle timeout on the target's side never shows as a failed scrape. A failed, timed out or
 * {@code Connection: close} response closes the socket; the next request connects afresh. A redirect to another
 * host goes over a connection of its own, closed after it.
 *
 * <p>When the server chose HTTP/2 (see {@link ScrapeClient}), the kept socket is an HTTP/2 connection and each
 * request one stream on it; the stream's decoded response comes through the same methods as an HTTP/1.1 response.
 * A failed or unwanted response then resets only its stream, as Go's transport does, and the connection stays;
 * a timeout, the connection's loss or the server's GOAWAY let the next request connect afresh.
 *
 * <p>All state is confined to one event loop; {@link #get} and {@link #close} may be called from any thread.
 * One request at a time: the caller waits for {@code done} before the next {@link #get}.
 */
public final class Connection implements AutoCloseable {
    private final ScrapeClient client;
    private final EventLoop loop;
    private final boolean keepAlive;

    // Event loop confined.
    private Channel channel;
    private String channelKey;
    private Exchange current;
    private boolean closed;
    private String parsedUrl;
    private RequestTarget parsedTarget;
    private Gunzip gunzip;
    /** The protocol of the last response, {@code HTTP/1.1} or {@code HTTP/2.0} (Go's Response.Proto); for tests. */
    private String protocol = "";

    Connection(ScrapeClient client, EventLoop loop, boolean keepAlive) {
        this.client = client;
        this.loop = loop;
        this.keepAlive = keepAlive;
    }

    /**
     * Starts a GET of {@code url}; {@code done} is called exactly once, on the event loop, after the body is in
     * {@code body} or the request failed. The caller must not touch {@code body} until then.
     *
     * @param headers extra request headers (Accept, scrape timeout…)
     * @param timeoutNanos covers connecting, sending and reading the whole body, redirects included
     * @param bodySizeLimit fail once the decompressed body reaches this many bytes; 0 for no limit
     * @throws java.util.concurrent.RejectedExecutionException when the event loop is shut down
     */
    public void get(String url, Map<String, String> headers, long timeoutNanos, long bodySizeLimit,
            boolean acceptGzip, ResponseBuffer body, Consumer<ScrapeResponse> done) {
        Exchange ex = new Exchange(url, headers, bodySizeLimit, acceptGzip, body, done);
        if (loop.inEventLoop()) {
            start(ex, timeoutNanos);
        } else {
            loop.execute(() -> start(ex, timeoutNanos));
        }
    }

    /**
     * The event loop this connection's I/O runs on: a caller that starts its requests from a task of this loop
     * (a scrape loop's tick) sends them without waking another thread.
     */
    public EventLoop eventLoop() {
        return loop;
    }

    /** Closes the kept connection; a request in flight fails. Idempotent. */
    @Override
    public void close() {
        try {
            loop.execute(this::closeNow);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The event loop is gone, and its channels with it.
        }
    }

    private void start(Exchange ex, long timeoutNanos) {
        if (closed) {
            ex.finish(ex.requestError("connection closed"));
            return;
        }
        current = ex;
        ex.timeout = loop.schedule(() -> timeOut(ex), timeoutNanos, TimeUnit.NANOSECONDS);
        send(ex);
    }

    private void closeNow() {
        closed = true;
        Exchange ex = current;
        if (ex != null) {
            fail(ex, ex.requestError("connection closed"));
        }
        dropKept();
    }

    /** Sends the exchange's current hop, on the kept connection when it fits, else on a new one. */
    private void send(Exchange ex) {
        RequestTarget rt;
        HttpRequest req;
        boolean persistent;
        try {
            rt = target(ex.url);
            persistent = keepAlive && (ex.redirects == 0 || rt.key().equals(channelKey));
            req = client.request(rt, ex.headers, ex.gzip, persistent);
        } catch (RuntimeException e) {
            fail(ex, ex.requestError(String.valueOf(e.getMessage())));
            return;
        }
        if (persistent && channel != null && channel.isActive() && rt.key().equals(channelKey)
                && !goingAway(channel, rt)) {
            Channel ch = channel;
            ex.beginHop(ch, true, true);
            write(ex, ch, req, rt);
            return;
        }
        if (persistent) {
            dropKept();
        }
        ChannelFuture f;
        try {
            f = client.connect(loop, rt, this);
        } catch (RuntimeException e) {
            fail(ex, ex.requestError(String.valueOf(e.getMessage())));
            return;
        }
        Channel ch = f.channel();
        if (persistent) {
            channel = ch;
            channelKey = rt.key();
        }
        ex.beginHop(ch, false, persistent);
        f.addListener(cf -> {
            if (!cf.isSuccess()) {
                if (ex.channel == ch) {
                    fail(ex, ex.requestError(ScrapeClient.describe(cf.cause(), rt.connectHost(), rt.connectPort())));
                }
            } else {
                write(ex, ch, req, rt);
            }
        });
    }

    private void write(Exchange ex, Channel ch, HttpRequest req, RequestTarget rt) {
        Http2Streams streams = rt.https() ? Http2Streams.of(ch) : null;
        if (streams != null) {
            writeStream(ex, ch, streams, req, rt);
            return;
        }
        ch.writeAndFlush(req).addListener(wf -> {
            if (!wf.isSuccess()) {
                onClosed(ch, ScrapeClient.describe(wf.cause(), rt.connectHost(), rt.connectPort()));
            }
        });
    }

    /** Sends the request on a new stream of the HTTP/2 connection {@code ch}; the stream then carries the hop. */
    private void writeStream(Exchange ex, Channel ch, Http2Streams streams, HttpRequest req,
            RequestTarget rt) {
        streams.open().addListener((FutureListener<Http2StreamChannel>) f -> {
            if (ex.finished || ex.channel != ch) {
                if (f.isSuccess()) {
                    f.getNow().close();
                }
                return;
            }
            if (!f.isSuccess()) {
                onClosed(ch, ScrapeClient.describe(f.cause(), rt.connectHost(), rt.connectPort()));
                return;
            }
            Http2StreamChannel stream = f.getNow();
            ex.channel = stream;
            write(ex, stream, req, rt); // a stream opens no streams: this writes the request on it
        });
    }

    /** Whether {@code ch} is an HTTP/2 connection the server sent GOAWAY on, so a request must go elsewhere. */
    private static boolean goingAway(Channel ch, RequestTarget rt) {
        Http2Streams streams = rt.https() ? Http2Streams.of(ch) : null;
        return streams != null && streams.goAwayReceived();
    }

    /** A target's URL never changes, so its parse is kept. */
    private RequestTarget target(String url) {
        if (!url.equals(parsedUrl)) {
            parsedTarget = client.parse(url);
            parsedUrl = url;
        }
        return parsedTarget;
    }

    /** The exchange the event of {@code ch} belongs to, or null for a stale event. */
    private Exchange owner(Channel ch) {
        Exchange ex = current;
        return ex != null && !ex.finished && ex.channel == ch ? ex : null;
    }

    void onResponse(Channel ch, HttpResponse r) {
        Exchange ex = owner(ch);
        if (ex == null) {
            unexpected(ch);
            return;
        }
        if (r.decoderResult().isFailure()) {
            fail(ex, ex.requestError("malformed HTTP response: " + r.decoderResult().cause().getMessage()));
            return;
        }
        ex.responseStarted = true;
        protocol = ch instanceof Http2StreamChannel ? "HTTP/2.0" : r.protocolVersion().text();
        ex.status = r.status().code();
        String ct = r.headers().get(HttpHeaderNames.CONTENT_TYPE);
        ex.contentType = ct == null ? "" : ct;
        ex.keepAliveResponse = HttpUtil.isKeepAlive(r);
        if (client.followRedirects() && isRedirect(ex.status)) {
            ex.location = r.headers().get(HttpHeaderNames.LOCATION);
        }
        if (ex.location == null && ex.status != 200) {
            fail(ex, Exchange.responseError(ex.status, "server returned HTTP status " + ex.status + " "
                    + r.status().reasonPhrase(), false));
            return;
        }
        String encoding = r.headers().get(HttpHeaderNames.CONTENT_ENCODING);
        if (encoding != null && (encoding.equalsIgnoreCase("gzip") || encoding.equalsIgnoreCase("x-gzip"))) {
            // As Prometheus: only gzip, the one encoding it asks for, is decoded; anything else is parsed as sent.
            if (gunzip == null) {
                gunzip = new Gunzip();
            }
            gunzip.reset();
            ex.gunzip = gunzip;
        }
        long length = HttpUtil.getContentLength(r, -1L);
        if (ex.location == null && length > 0 && (ex.limit <= 0 || length < ex.limit) && encoding == null) {
            ex.body.reserve(length);
        }
    }

    void onContent(Channel ch, HttpContent c) {
        Exchange ex = owner(ch);
        if (ex == null) {
            unexpected(ch);
            return;
        }
        if (c.decoderResult().isFailure()) {
            fail(ex, ex.requestError("malformed HTTP response: " + c.decoderResult().cause().getMessage()));
            return;
        }
        if (ex.location == null) {
            if (!read(ex, c)) {
                return;
            }
        }
        if (c instanceof LastHttpContent) {
            if (ex.location == null && ex.gunzip != null) {
                try {
                    ex.gunzip.finish();
                } catch (Gunzip.Corrupt e) {
                    fail(ex, Exchange.responseError(ex.status, e.getMessage(), false));
                    return;
                }
            }
            boolean reusable = ex.persistent && ex.keepAliveResponse;
            if (!reusable || Http2Streams.connectionOf(ch) != channel) {
                release(ch);
            }
            if (ex.location != null) {
                redirect(ex);
            } else {
                current = null;
                ex.finish(Exchange.success(ex.status, ex.contentType));
            }
        }
    }

    /** Adds a chunk of body, decompressed when gzipped; false when that failed the exchange. */
    private boolean read(Exchange ex, HttpContent c) {
        if (ex.gunzip != null) {
            try {
                ex.gunzip.feed(c.content(), ex.body, ex.limit);
            } catch (Gunzip.LimitExceeded e) {
                fail(ex, Exchange.responseError(ex.status, e.getMessage(), true));
                return false;
            } catch (Gunzip.Corrupt e) {
                fail(ex, Exchange.responseError(ex.status, e.getMessage(), false));
                return false;
            }
            return true;
        }
        int n = c.content().readableBytes();
        if (ex.limit > 0 && ex.body.length() + (long) n >= ex.limit) {
            fail(ex, Exchange.responseError(ex.status, "body size limit exceeded", true));
            return false;
        }
        ex.body.append(c.content(), n);
        return true;
    }

    /**
     * The channel (or HTTP/2 stream) closed or failed. The kept connection is forgotten; a request on it that had no
     * answer yet is sent once more when the connection was a reused one (on a fresh connection, unless only its
     * HTTP/2 stream was refused), else it fails with {@code reason}.
     */
    void onClosed(Channel ch, String reason) {
        onClosed(ch, reason, true);
    }

    /** The channel failed: as {@link #onClosed(Channel, String)}, with the cause's message as the reason. */
    void onFailed(Channel ch, Throwable cause) {
        String m = cause.getMessage();
        onClosed(ch, m == null ? cause.getClass().getSimpleName() : m);
    }

    /** As {@link #onClosed(Channel, String)}; {@code retryable} false when the server may have seen the request. */
    void onClosed(Channel ch, String reason, boolean retryable) {
        if (ch == channel) {
            channel = null;
            channelKey = null;
        }
        Exchange ex = owner(ch);
        if (ex == null) {
            return;
        }
        if (retryable && ex.reused && !ex.responseStarted && !ex.retried) {
            ex.retried = true;
            release(ch);
            send(ex);
            return;
        }
        fail(ex, ex.requestError(reason));
    }

    /**
     * The server sent GOAWAY on the HTTP/2 connection {@code conn}: no new stream goes there. A request in flight on
     * it finishes (or is refused and sent again, see {@link #onClosed}), and the connection is closed after it.
     */
    void onGoAway(Channel conn) {
        if (conn != channel) {
            return;
        }
        channel = null;
        channelKey = null;
        Exchange ex = current;
        if (ex == null || ex.finished || Http2Streams.connectionOf(ex.channel) != conn) {
            conn.close();
        }
    }

    /**
     * The scrape timeout fired. On HTTP/2 the connection goes with the stream, as an HTTP/1.1 one must: Go would
     * keep it and rely on its PING health check (a minute without frames), which this client does not run, so a
     * target that stopped answering costs one reconnect per timed-out scrape instead of scrapes stuck on a dead socket.
     */
    private void timeOut(Exchange ex) {
        Channel hop = ex.channel;
        fail(ex, ex.requestError("context deadline exceeded"));
        if (hop instanceof Http2StreamChannel) {
            Channel conn = hop.parent();
            if (conn == channel) {
                channel = null;
                channelKey = null;
            }
            conn.close();
        }
    }

    private void redirect(Exchange ex) {
        if (ex.redirects + 1 >= ScrapeClient.MAX_REDIRECTS) {
            fail(ex, ex.requestError("stopped after " + ScrapeClient.MAX_REDIRECTS + " redirects"));
            return;
        }
        String to;
        try {
            to = RequestTarget.resolve(ex.url, ex.location);
        } catch (RuntimeException e) {
            fail(ex, ex.requestError(String.valueOf(e.getMessage())));
            return;
        }
        ex.url = to;
        ex.redirects++;
        ex.retried = false;
        send(ex);
    }

    /** Ends the exchange with an error and closes its channel: a half-read response cannot be reused. */
    private void fail(Exchange ex, ScrapeResponse r) {
        if (ex.finished) {
            return;
        }
        if (ex.channel != null) {
            release(ex.channel);
        }
        if (current == ex) {
            current = null;
        }
        ex.finish(r);
    }

    /** Bytes on an idle connection or one nobody waits for: its state is unknown, so it is not kept. */
    private void unexpected(Channel ch) {
        release(ch);
    }

    /**
     * Closes the hop's channel. An HTTP/2 stream of the kept connection closes alone (a reset when still open);
     * anything else closes its TCP connection.
     */
    private void release(Channel ch) {
        Channel conn = Http2Streams.connectionOf(ch);
        if (conn != ch && conn == channel) {
            ch.close();
            return;
        }
        if (conn == channel) {
            channel = null;
            channelKey = null;
        }
        conn.close();
    }

    private void dropKept() {
        if (channel != null) {
            Channel ch = channel;
            channel = null;
            channelKey = null;
            ch.close();
        }
    }

    /** The protocol of the last response received, for tests; read it after that request's {@code done}. */
    String protocol() {
        return protocol;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }
}
