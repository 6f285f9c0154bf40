package io.ignis.scrape.client;

import io.ignis.config.HttpClientConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One job's HTTP client: GET with the job's auth, TLS, proxy and redirect settings, on the shared
 * {@link ClientEventLoop}. Each request opens its own connection and closes it afterwards; the timeout covers
 * connecting, sending and reading the whole body. HTTP/1.1 only ({@code enable_http2} is accepted but not
 * negotiated). Thread-safe.
 */
public final class ScrapeClient {
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
    }

    /**
     * Starts a GET of {@code url}; {@code done} is called exactly once, on an event loop thread, after the body
     * is in {@code body} or the request failed. The caller must not touch {@code body} until then.
     *
     * @param headers extra request headers (Accept, scrape timeout…)
     * @param bodySizeLimit fail once the decompressed body reaches this many bytes; 0 for no limit
     */
    public void get(String url, Map<String, String> headers, long timeoutNanos, long bodySizeLimit,
            boolean acceptGzip, ResponseBuffer body, Consumer<ScrapeResponse> done) {
        Exchange ex = new Exchange(url, done);
        loop.group().next().schedule(() -> ex.fail("context deadline exceeded"), timeoutNanos, TimeUnit.NANOSECONDS);
        send(ex, url, headers, bodySizeLimit, acceptGzip, body, 0);
    }

    private void send(Exchange ex, String url, Map<String, String> headers, long limit, boolean gzip,
            ResponseBuffer body, int redirects) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            ex.fail(e.getMessage());
            return;
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (!https && !"http".equalsIgnoreCase(uri.getScheme())) {
            ex.fail("unsupported protocol scheme \"" + uri.getScheme() + "\"");
            return;
        }
        String host = uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        if (host == null) {
            ex.fail("no Host in request URL");
            return;
        }
        if (proxy != null && https) {
            ex.fail("proxyconnect: CONNECT through proxy_url is not supported for https targets");
            return;
        }
        SslContext ssl;
        List<String[]> authHeaders;
        try {
            ssl = https ? tls.context() : null;
            authHeaders = auth.headers();
        } catch (IOException | RuntimeException e) {
            ex.fail(e.getMessage());
            return;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = (proxy != null ? "http://" + uri.getRawAuthority() : "") + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        DefaultFullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target);
        req.headers().set(HttpHeaderNames.HOST, uri.getRawAuthority());
        req.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        req.headers().set(HttpHeaderNames.ACCEPT_ENCODING, gzip ? HttpHeaderValues.GZIP : HttpHeaderValues.IDENTITY);
        headers.forEach((k, v) -> req.headers().set(k, v));
        for (String[] h : authHeaders) {
            req.headers().set(h[0], h[1]);
        }
        String connectHost = proxy != null ? proxy.getHost() : host;
        int connectPort = proxy != null ? (proxy.getPort() > 0 ? proxy.getPort() : 80) : port;
        String sni = tls.serverName().isEmpty() ? host : tls.serverName();
        ResponseHandler handler = new ResponseHandler(ex, body, limit, config.followRedirects(),
                location -> redirect(ex, uri, location, headers, limit, gzip, body, redirects));
        Bootstrap b = new Bootstrap().group(loop.group()).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) {
                            SslHandler sh = ssl.newHandler(ch.alloc(), sni, port);
                            p.addLast(sh);
                        }
                        p.addLast(new HttpClientCodec());
                        p.addLast(new HttpContentDecompressor(0));
                        p.addLast(handler);
                    }
                });
        ChannelFuture f = b.connect(connectHost, connectPort);
        ex.attach(f.channel());
        f.addListener(cf -> {
            if (!cf.isSuccess()) {
                ex.fail(describe(cf.cause(), connectHost, connectPort));
            } else {
                f.channel().writeAndFlush(req).addListener(wf -> {
                    if (!wf.isSuccess()) {
                        ex.fail(describe(wf.cause(), connectHost, connectPort));
                    }
                });
            }
        });
    }

    private void redirect(Exchange ex, URI from, String location, Map<String, String> headers, long limit,
            boolean gzip, ResponseBuffer body, int redirects) {
        if (redirects + 1 >= MAX_REDIRECTS) {
            ex.fail("stopped after " + MAX_REDIRECTS + " redirects");
            return;
        }
        body.clear();
        send(ex, from.resolve(location).toString(), headers, limit, gzip, body, redirects + 1);
    }

    private static String describe(Throwable t, String host, int port) {
        if (t instanceof java.net.ConnectException) {
            return "dial tcp " + host + ":" + port + ": connect: connection refused";
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
