package io.ignis.scrape.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * A Netty server on 127.0.0.1 speaking HTTP/2 over TLS (chosen through ALPN), HTTP/1.1 over TLS, or plain HTTP/1.1,
 * that records what each request looked like on the wire (protocol, the ALPN names the client offered, connection,
 * stream and headers) and lets a script decide, per request, how to answer.
 */
final class Http2TestServer implements AutoCloseable {
    static final String BODY = "up_metric 1\nother{a=\"b\"} 2\n";

    /** What the server does with one request. */
    enum Action {
        RESPOND,
        /** 1 MiB of series: more than the default HTTP/2 flow-control windows. */
        RESPOND_LARGE,
        /** The body gzipped, in two DATA frames (or chunks). */
        RESPOND_GZIP,
        RESPOND_500,
        /** Answers, then sends GOAWAY and leaves the connection open. */
        RESPOND_THEN_GOAWAY,
        /** Resets the stream (HTTP/2) with INTERNAL_ERROR, or closes the connection (HTTP/1.1). */
        RESET,
        /** Resets the stream with REFUSED_STREAM: the request was not processed and may be sent again. */
        REFUSE,
        /** Closes the TCP connection without answering. */
        CLOSE,
        /** Never answers. */
        HANG
    }

    /** One request as the server saw it; header names lower-cased, HTTP/2 pseudo-headers included. */
    record Seen(String protocol, List<String> offered, int connection, int stream, Map<String, String> headers) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final SslContext ssl;
    private final List<String> protocols;
    private final java.util.function.IntFunction<Action> script;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    /**
     * @param cert PEM certificate and key for TLS; null for plain HTTP
     * @param protocols the ALPN names the server accepts, in its order of preference; empty to ignore ALPN
     * @param script the action for the n-th request overall, from 1
     */
    Http2TestServer(Path cert, Path key, List<String> protocols, java.util.function.IntFunction<Action> script)
            throws Exception {
        this.ssl = cert == null ? null : SslContextBuilder.forServer(cert.toFile(), key.toFile()).build();
        this.protocols = protocols;
        this.script = script;
        this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accept(ch);
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    String url(String path) {
        return (ssl == null ? "http" : "https") + "://127.0.0.1:" + port() + path;
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    int accepted() {
        return accepted.get();
    }

    /** Connections not closed yet, as the server sees them. */
    int open() {
        return open.get();
    }

    private void accept(Channel ch) {
        int connection = accepted.incrementAndGet();
        open.incrementAndGet();
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        if (ssl == null) {
            http1(ch.pipeline(), connection, List.of());
            return;
        }
        SslHandler tls = ssl.newHandler(ch.alloc());
        List<String> offered = new CopyOnWriteArrayList<>();
        tls.engine().setHandshakeApplicationProtocolSelector((engine, names) -> {
            offered.addAll(names);
            for (String p : protocols) {
                if (names.contains(p)) {
                    return p;
                }
            }
            return ""; // the JDK's way to answer without ALPN, as a server that knows none of the names
        });
        ch.pipeline().addLast(tls, new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof SslHandshakeCompletionEvent e && e.isSuccess()) {
                    ctx.pipeline().remove(this);
                    if ("h2".equals(tls.engine().getApplicationProtocol())) {
                        http2(ctx.pipeline(), connection, List.copyOf(offered));
                    } else {
                        http1(ctx.pipeline(), connection, List.copyOf(offered));
                    }
                }
                ctx.fireUserEventTriggered(evt);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close(); // a client refusing the certificate: expected by some tests
            }
        });
    }

    private Action next() {
        return script.apply(requests.incrementAndGet());
    }

    private void http1(ChannelPipeline p, int connection, List<String> offered) {
        p.addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                new SimpleChannelInboundHandler<FullHttpRequest>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws IOException {
                        Map<String, String> h = new TreeMap<>();
                        req.headers().forEach(e -> h.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
                        seen.add(new Seen("http/1.1", offered, connection, 0, h));
                        Action a = next();
                        switch (a) {
                            case RESPOND, RESPOND_LARGE, RESPOND_GZIP, RESPOND_500 -> ctx.writeAndFlush(http1(a));
                            case RESET, REFUSE, CLOSE, RESPOND_THEN_GOAWAY -> ctx.close();
                            case HANG -> {
                            }
                            default -> throw new IllegalStateException(a.name());
                        }
                    }
                });
    }

    private static FullHttpResponse http1(Action a) throws IOException {
        Response r = response(a);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status),
                Unpooled.wrappedBuffer(r.body));
        res.headers().set("content-type", "text/plain; version=0.0.4").setInt("content-length", r.body.length);
        if (r.gzip) {
            res.headers().set("content-encoding", "gzip");
        }
        return res;
    }

    private void http2(ChannelPipeline p, int connection, List<String> offered) {
        p.addLast(Http2FrameCodecBuilder.forServer().build(), new Http2MultiplexHandler(
                new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                        stream.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) throws IOException {
                                try {
                                    if (msg instanceof Http2HeadersFrame f) {
                                        onRequest(stream, f.headers(), connection, offered);
                                    }
                                } finally {
                                    ReferenceCountUtil.release(msg);
                                }
                            }
                        });
                    }
                }));
    }

    private void onRequest(Http2StreamChannel stream, Http2Headers headers, int connection, List<String> offered)
            throws IOException {
        Map<String, String> h = new TreeMap<>();
        headers.forEach(e -> h.put(e.getKey().toString(), e.getValue().toString()));
        seen.add(new Seen("h2", offered, connection, stream.stream().id(), h));
        Action a = next();
        switch (a) {
            case RESPOND, RESPOND_LARGE, RESPOND_GZIP, RESPOND_500 -> http2(stream, response(a));
            case RESPOND_THEN_GOAWAY -> {
                http2(stream, response(Action.RESPOND));
                stream.parent().writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
            }
            case RESET -> stream.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.INTERNAL_ERROR));
            case REFUSE -> stream.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.REFUSED_STREAM));
            case CLOSE -> stream.parent().close();
            case HANG -> {
            }
            default -> throw new IllegalStateException(a.name());
        }
    }

    private static void http2(Http2StreamChannel stream, Response r) {
        Http2Headers h = new DefaultHttp2Headers().status(Integer.toString(r.status))
                .set("content-type", "text/plain; version=0.0.4").setInt("content-length", r.body.length);
        if (r.gzip) {
            h.set("content-encoding", "gzip");
        }
        stream.write(new DefaultHttp2HeadersFrame(h));
        int half = r.body.length / 2;
        ByteBuf all = Unpooled.wrappedBuffer(r.body);
        stream.write(new DefaultHttp2DataFrame(all.retainedSlice(0, half)));
        stream.writeAndFlush(new DefaultHttp2DataFrame(all.slice(half, r.body.length - half), true));
    }

    private record Response(int status, byte[] body, boolean gzip) {
    }

    private static Response response(Action a) throws IOException {
        return switch (a) {
            case RESPOND -> new Response(200, BODY.getBytes(StandardCharsets.UTF_8), false);
            case RESPOND_LARGE -> new Response(200, large().getBytes(StandardCharsets.UTF_8), false);
            case RESPOND_GZIP -> new Response(200, gzip(BODY.getBytes(StandardCharsets.UTF_8)), true);
            case RESPOND_500 -> new Response(500, "oops\n".getBytes(StandardCharsets.UTF_8), false);
            default -> throw new IllegalStateException(a.name());
        };
    }

    /** About 1 MiB of distinct series. */
    static String large() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < (1 << 20); i++) {
            sb.append("series_").append(i).append("{label=\"value\"} ").append(i).append('\n');
        }
        return sb.toString();
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(z)) {
            g.write(b);
        }
        return z.toByteArray();
    }

    /** The protocols of the requests seen so far, in order. */
    List<String> protocolsSeen() {
        List<String> out = new ArrayList<>();
        for (Seen s : seen) {
            out.add(s.protocol());
        }
        return out;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
