package io.ignis.scrape.client;

import io.ignis.config.HttpClientConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One job's HTTP client: GET with the job's auth, TLS, proxy and redirect settings, on the shared
 * {@link ClientEventLoop}. A scrape loop takes one {@link Connection} per target from {@link #newConnection} and
 * keeps it across scrapes; {@link #get} is a one-off request on a connection of its own. Thread-safe.
 *
 * <p>HTTP/2 as Prometheus's Go client (prometheus/common configures Go's HTTP/2 transport when {@code enable_http2}
 * is set, the default for scrape configs): an https connection offers ALPN {@code h2} and {@code http/1.1}, and
 * speaks HTTP/2 when the server picks {@code h2}, one stream per request on the target's kept connection
 * (see {@link Http2Streams}); it speaks HTTP/1.1 when the server picks {@code http/1.1} or no protocol. Plain http
 * targets always get HTTP/1.1 (no cleartext h2c), and with {@code enable_http2: false} the handshake offers no ALPN.
 * Either protocol sends the same headers and fails with the same errors.
 */
public final class ScrapeClient {
    /** Go's http.Client gives up after 10 redirects. */
    static final int MAX_REDIRECTS = 10;

    private final ClientEventLoop loop;
    private final HttpClientConfig config;
    private final TlsSettings tls;
    private final AuthHeaders auth;
    private final URI proxy;
    private final boolean http2;

    public ScrapeClient(ClientEventLoop loop, HttpClientConfig config) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.config = Objects.requireNonNull(config, "config");
        this.http2 = config.enableHttp2();
        this.tls = new TlsSettings(config.tlsConfig(), http2);
        this.auth = new AuthHeaders(config);
        this.proxy = config.proxyUrl() == null || config.proxyUrl().isEmpty() ? null : URI.create(config.proxyUrl());
    }

    /** A connection for one target, kept alive across its scrapes; the caller closes it when the target goes. */
    public Connection newConnection() {
        return new Connection(this, loop.group().next(), true);
    }

    /**
     * A one-off GET of {@code url} on a connection of its own, closed afterwards; otherwise as
     * {@link Connection#get}.
     */
    public void get(String url, Map<String, String> headers, long timeoutNanos, long bodySizeLimit,
            boolean acceptGzip, ResponseBuffer body, Consumer<ScrapeResponse> done) {
        new Connection(this, loop.group().next(), false).get(url, headers, timeoutNanos, bodySizeLimit, acceptGzip,
                body, done);
    }

    boolean followRedirects() {
        return config.followRedirects();
    }

    RequestTarget parse(String url) {
        return RequestTarget.parse(url, proxy, tls.serverName());
    }

    /** The GET for {@code rt}; reads credential files, so a rotated secret is sent with the next request. */
    HttpRequest request(RequestTarget rt, Map<String, String> headers, boolean gzip, boolean keepAlive) {
        List<String[]> authHeaders;
        try {
            authHeaders = auth.headers();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        DefaultFullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                rt.requestUri());
        HttpHeaders h = req.headers();
        h.set(HttpHeaderNames.HOST, rt.authority());
        if (!keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        h.set(HttpHeaderNames.ACCEPT_ENCODING, gzip ? HttpHeaderValues.GZIP : HttpHeaderValues.IDENTITY);
        for (Map.Entry<String, String> e : headers.entrySet()) {
            h.set(e.getKey(), e.getValue());
        }
        for (String[] a : authHeaders) {
            h.set(a[0], a[1]);
        }
        return req;
    }

    /**
     * Opens a channel to {@code rt} on {@code eventLoop} (the caller's thread) whose responses go to {@code owner}.
     * The future completes when requests may be written: once connected, or for an https target offering
     * {@code h2}, once the handshake chose the protocol.
     */
    ChannelFuture connect(EventLoop eventLoop, RequestTarget rt, Connection owner) {
        SslContext ssl;
        try {
            ssl = rt.https() ? tls.context() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        ProtocolNegotiator alpn = ssl != null && http2 ? new ProtocolNegotiator(owner) : null;
        Bootstrap b = new Bootstrap().group(eventLoop).channel(loop.channelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) {
                            p.addLast(ssl.newHandler(ch.alloc(), rt.sni(), rt.port()));
                        }
                        if (alpn != null) {
                            p.addLast(alpn);
                        } else {
                            p.addLast(new HttpClientCodec());
                            p.addLast(new ResponseHandler(owner));
                        }
                    }
                });
        ChannelFuture connected = b.connect(rt.connectHost(), rt.connectPort());
        return alpn == null ? connected : alpn.ready(connected);
    }

    static String describe(Throwable t, String host, int port) {
        if (t instanceof java.net.ConnectException) {
            return "dial tcp " + host + ":" + port + ": connect: connection refused";
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
