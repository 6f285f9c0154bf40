package io.ignis.bench.scrape;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * Serves {@link NodeExporterText} on many 127.0.0.1 ports from one event loop thread, as cheaply as possible so
 * the scrapers under test get the CPU: the bodies (plain and gzipped, several value variants rotated per request)
 * are rendered once at start. Keeps connections alive like Go's server. Prints each bound port on a line of
 * stdout, then {@code ready}; exits after {@code --duration} seconds (or when killed).
 *
 * <p>Usage: {@code TargetServer --targets N [--series S] [--duration SEC]}.
 */
public final class TargetServer {
    private static final int VARIANTS = 8;
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final ByteBuf[] plain = new ByteBuf[VARIANTS];
    private final ByteBuf[] gzip = new ByteBuf[VARIANTS];
    private final AtomicLong requests = new AtomicLong();

    private TargetServer(int cores) throws IOException {
        for (int v = 0; v < VARIANTS; v++) {
            byte[] b = NodeExporterText.render(cores, v).getBytes(StandardCharsets.UTF_8);
            plain[v] = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(b));
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(z)) {
                g.write(b);
            }
            gzip[v] = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(z.toByteArray()));
        }
    }

    public static void main(String[] args) throws Exception {
        int targets = 200;
        int series = 700;
        long duration = 3600;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--targets" -> targets = Integer.parseInt(args[++i]);
                case "--series" -> series = Integer.parseInt(args[++i]);
                case "--duration" -> duration = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: TargetServer --targets N [--series S] [--duration SEC]");
                    System.exit(2);
                }
            }
        }
        int cores = NodeExporterText.coresFor(series);
        TargetServer server = new TargetServer(cores);
        System.err.println("serving " + NodeExporterText.seriesCount(cores) + " series (" + cores + " cores), "
                + server.plain[0].readableBytes() + " bytes, " + server.gzip[0].readableBytes() + " gzipped");
        server.run(targets, duration);
    }

    private void run(int targets, long durationSeconds) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new Handler());
                        }
                    });
            List<Channel> bound = new ArrayList<>();
            StringBuilder ports = new StringBuilder();
            for (int i = 0; i < targets; i++) {
                Channel ch = b.bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
                bound.add(ch);
                ports.append(((InetSocketAddress) ch.localAddress()).getPort()).append('\n');
            }
            System.out.print(ports);
            System.out.println("ready");
            System.out.flush();
            group.awaitTermination(durationSeconds, java.util.concurrent.TimeUnit.SECONDS);
            System.err.println("served " + requests.get() + " requests");
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<HttpObject> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (!(msg instanceof HttpRequest req)) {
                return;
            }
            int v = (int) (requests.getAndIncrement() % VARIANTS);
            String enc = req.headers().get(HttpHeaderNames.ACCEPT_ENCODING);
            boolean gz = enc != null && enc.contains("gzip");
            ByteBuf body = (gz ? gzip[v] : plain[v]).duplicate();
            FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
            resp.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
            resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            if (gz) {
                resp.headers().set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
            }
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (!keepAlive) {
                ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(resp);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
