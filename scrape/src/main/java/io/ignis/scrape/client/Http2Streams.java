package io.ignis.scrape.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;

/**
 * The HTTP/2 side of a scrape connection. The TCP channel carries Netty's frame codec and multiplexer; each request
 * is a stream channel of its own whose pipeline turns frames into the same {@code HttpResponse}/{@code HttpContent}
 * objects an HTTP/1.1 connection decodes, and hands them to the same {@link ResponseHandler}, so status checks, gzip,
 * the body size limit and completion are {@link Connection}'s code for both protocols. The connection's own events
 * (GOAWAY, close, connection errors) go to {@link Connection} too. One instance per HTTP/2 connection, kept as an
 * attribute of its channel.
 */
final class Http2Streams {
    private static final AttributeKey<Http2Streams> STREAMS = AttributeKey.valueOf(Http2Streams.class, "streams");
    /** Go's HTTP/2 transport advertises 4 MiB per stream, so a large scrape is not held back by window updates. */
    private static final int STREAM_WINDOW = 4 << 20;
    /** Go's default limit on response headers (10 MiB); Netty's own default is 8 KiB. */
    private static final long MAX_HEADER_LIST_SIZE = 10 << 20;
    private static final Http2StreamFrameToHttpObjectCodec FRAMES_TO_HTTP =
            new Http2StreamFrameToHttpObjectCodec(false);
    private static final RefusePush REFUSE_PUSH = new RefusePush();

    private final Http2FrameCodec codec;
    private final Http2StreamChannelBootstrap bootstrap;

    private Http2Streams(Http2FrameCodec codec, Http2StreamChannelBootstrap bootstrap) {
        this.codec = codec;
        this.bootstrap = bootstrap;
    }

    /** Turns {@code ch}, on which the server chose {@code h2}, into an HTTP/2 connection of {@code owner}. */
    static void configure(Channel ch, Connection owner) {
        Http2Settings settings = Http2Settings.defaultSettings().pushEnabled(false).initialWindowSize(STREAM_WINDOW)
                .maxHeaderListSize(MAX_HEADER_LIST_SIZE);
        // No graceful shutdown: a connection is closed when its one stream is done or abandoned, so nothing waits.
        Http2FrameCodec codec = Http2FrameCodecBuilder.forClient().initialSettings(settings)
                .gracefulShutdownTimeoutMillis(0).build();
        ch.pipeline().addLast(codec, new Http2MultiplexHandler(REFUSE_PUSH), new ConnectionEvents(owner));
        // Lifts the connection's window above HTTP/2's initial 64 KiB (Netty grants at least the stream's 4 MiB), or
        // the connection, not the stream, would pace a large scrape.
        ch.writeAndFlush(new DefaultHttp2WindowUpdateFrame(STREAM_WINDOW - Http2CodecUtil.DEFAULT_WINDOW_SIZE));
        ResponseHandler responses = new ResponseHandler(owner);
        Http2StreamChannelBootstrap bootstrap = new Http2StreamChannelBootstrap(ch).handler(
                new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel stream) {
                        stream.pipeline().addLast(FRAMES_TO_HTTP, responses);
                    }
                });
        ch.attr(STREAMS).set(new Http2Streams(codec, bootstrap));
    }

    /** The HTTP/2 state of {@code ch}; null when {@code ch} speaks HTTP/1.1. Allocates nothing. */
    static Http2Streams of(Channel ch) {
        return ch.hasAttr(STREAMS) ? ch.attr(STREAMS).get() : null;
    }

    /** Opens the stream for one request. */
    Future<Http2StreamChannel> open() {
        return bootstrap.open();
    }

    /**
     * Whether the server sent GOAWAY, so no new stream may start here. Netty records it before closing the streams
     * the server will not process, so a request refused that way sees it when sent again.
     */
    boolean goAwayReceived() {
        return codec.connection().goAwayReceived();
    }

    /** The TCP channel behind {@code ch}: its parent when {@code ch} is a stream, else {@code ch} itself. */
    static Channel connectionOf(Channel ch) {
        return ch instanceof Http2StreamChannel ? ch.parent() : ch;
    }

    /** The last handler of an HTTP/2 connection's own pipeline (its streams have theirs). */
    private static final class ConnectionEvents extends ChannelInboundHandlerAdapter {
        private final Connection owner;

        ConnectionEvents(Connection owner) {
            this.owner = owner;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2GoAwayFrame) {
                owner.onGoAway(ctx.channel());
            }
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            owner.onClosed(ctx.channel(), "unexpected EOF");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            owner.onFailed(ctx.channel(), cause);
            ctx.close();
        }
    }

    /** Push is switched off in our settings; a server opening a stream anyway has it closed at once. */
    @Sharable
    private static final class RefusePush extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.close();
        }
    }
}
