package io.ignis.scrape.client;

import io.ignis.config.HttpClientConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's HTTP client: GET with the job's auth, TLS, proxy and redirect settings, on the shared
 * {@link ClientEventLoop}. A scrape loop takes one {@link Connection} per target from {@link #newConnection} and
 * keeps it across scrapes; {@link #get} is a one-off request on a connection of its own. Thread-safe.
 *
 * <p>HTTP/1.1 only. {@code enable_http2} (true by default for scrape configs) is accepted but not negotiated: Go's
 * client would speak HTTP/2 only to https targets offering it through ALPN, and exporters nearly all speak HTTP/1.1.
 */
public final class ScrapeClient {
    private static final Logger LOG = LoggerFactory.getLogger(ScrapeClient.class);

    /** Go's http.Client gives up after 10 redirects. */
    static final int MAX_REDIRECTS = 10;

    private final ClientEventLoop loop;
    private final HttpClientConfig config;
    private final TlsSettings tls;
    private final AuthHeaders auth;
    private final URI proxy;

    public ScrapeClient(ClientEventLoop loop, HttpClientConfig config) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.config = Objects.requireNonNull(config, "config");
        this.tls = new TlsSettings(config.tlsConfig());
        this.auth = new AuthHeaders(config);
        this.proxy = config.proxyUrl() == null || config.proxyUrl().isEmpty() ? null : URI.create(config.proxyUrl());
        if (config.enableHttp2()) {
            LOG.debug("enable_http2 is set; scrapes use HTTP/1.1 with kept-alive connections");
        }
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

    /** Opens a channel to {@code rt} on {@code loop} whose responses go to {@code owner}. */
    ChannelFuture connect(EventLoop eventLoop, RequestTarget rt, Connection owner) {
        SslContext ssl;
        try {
            ssl = rt.https() ? tls.context() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        Bootstrap b = new Bootstrap().group(eventLoop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) {
                            p.addLast(ssl.newHandler(ch.alloc(), rt.sni(), rt.port()));
                        }
                        p.addLast(new HttpClientCodec());
                        p.addLast(new ResponseHandler(owner));
                    }
                });
        return b.connect(rt.connectHost(), rt.connectPort());
    }

    static String describe(Throwable t, String host, int port) {
        if (t instanceof java.net.ConnectException) {
            return "dial tcp " + host + ":" + port + ": connect: connection refused";
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
