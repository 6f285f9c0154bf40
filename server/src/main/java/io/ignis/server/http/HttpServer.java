package io.ignis.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Netty HTTP/1.1 server on one or more addresses. Requests are aggregated (bodies up to {@link #MAX_BODY_BYTES}),
 * answered by the {@link Router} on a separate handler group so handlers may block, and gzip-compressed when the
 * client's Accept-Encoding allows. {@link #stopAccepting()} closes the listeners first, so shutdown can drain.
 */
public final class HttpServer implements AutoCloseable {
    /** 32 MiB: room for a large remote-write batch; bigger bodies get 413. */
    static final int MAX_BODY_BYTES = 32 << 20;
    /**
     * Each connection is pinned to one handler thread, which a query holds for its whole evaluation. With as few
     * threads as cores, one slow query stalled every connection sharing its thread (health checks included) and
     * the query gate's 20 slots could never fill; threads start only when first used.
     */
    private static final int HANDLER_THREADS = 64;
    /** How long shutdown waits for requests in flight, e.g. the answer to {@code /-/quit} itself. */
    private static final long DRAIN_MILLIS = 5_000;

    private final Router router;
    private final int maxConnections;
    private final long readTimeoutMillis;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final EventExecutorGroup handlers;
    private final Class<? extends ServerChannel> channelType;
    private final AtomicInteger open = new AtomicInteger();
    private final InFlight inFlight = new InFlight();
    private final List<Channel> listeners = new ArrayList<>();
    private final WebSecurity security;

    public HttpServer(Router router, int maxConnections, long readTimeoutMillis) {
        this(router, maxConnections, readTimeoutMillis, WebSecurity.NONE);
    }

    /**
     * With {@code --web.config.file}: TLS when {@code security} has a context (asked per connection, so new
     * certificates apply to new connections), basic authentication and extra headers on every request.
     */
    public HttpServer(Router router, int maxConnections, long readTimeoutMillis, WebSecurity security) {
        this.security = security;
        this.router = router;
        this.maxConnections = maxConnections;
        this.readTimeoutMillis = readTimeoutMillis;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.boss = new MultiThreadIoEventLoopGroup(1, io);
        this.workers = new MultiThreadIoEventLoopGroup(0, io);
        this.handlers = new DefaultEventExecutorGroup(HANDLER_THREADS);
    }

    /** Binds every address (port 0 picks a free port); throws if one cannot be bound. */
    public List<InetSocketAddress> start(List<InetSocketAddress> addresses) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslContext ssl = security.sslContext();
                        if (ssl != null) {
                            ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
                            List<String> sans = security.clientAllowedSans();
                            if (!sans.isEmpty()) {
                                ch.pipeline().addLast("sans", new PeerSanCheck(sans));
                            }
                        }
                        ch.pipeline()
                                .addLast("limit", new ConnectionLimiter(open, maxConnections))
                                .addLast("idle", new ReadTimeoutHandler(readTimeoutMillis,
                                        TimeUnit.MILLISECONDS))
                                .addLast("codec", new HttpServerCodec())
                                .addLast("gzip", new HttpContentCompressor(StandardCompressionOptions.gzip()))
                                .addLast("aggregate", new HttpObjectAggregator(MAX_BODY_BYTES))
                                .addLast(handlers, "route", new RequestHandler(router, inFlight, security));
                    }
                });
        List<InetSocketAddress> bound = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            Channel ch = bootstrap.bind(address).sync().channel();
            listeners.add(ch);
            bound.add((InetSocketAddress) ch.localAddress());
        }
        return bound;
    }

    /** Closes the listening sockets; connections already accepted finish their requests. */
    public void stopAccepting() {
        for (Channel ch : listeners) {
            ch.close().syncUninterruptibly();
        }
    }

    /** Stops accepting, lets requests in flight finish (a few seconds at most), then closes every connection. */
    @Override
    public void close() {
        stopAccepting();
        try {
            inFlight.awaitIdle(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Event loops first: closing their connections still posts events to the handler group, which must be alive.
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS);
        boss.terminationFuture().syncUninterruptibly();
        workers.terminationFuture().syncUninterruptibly();
        handlers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
