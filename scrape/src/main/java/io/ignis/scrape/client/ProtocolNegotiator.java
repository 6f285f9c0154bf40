package io.ignis.scrape.client;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.EOFException;

/**
 * Sits behind the {@link SslHandler} of a connection that offered ALPN {@code h2}: once the handshake is done it
 * builds the rest of the pipeline for the protocol the server chose, HTTP/2 ({@link Http2Streams}) or HTTP/1.1
 * (also when the server chose none), removes itself, and completes the connection's ready future. Requests are
 * written only then, since the protocol decides how. Configuring inside the handshake event, before the
 * {@code SslHandler} decodes the bytes that follow it, means no frame of the server can pass unhandled.
 */
final class ProtocolNegotiator extends ChannelInboundHandlerAdapter {
    private final Connection owner;
    private ChannelPromise ready;

    ProtocolNegotiator(Connection owner) {
        this.owner = owner;
    }

    /**
     * The future that completes when requests may be written, failed when connecting or the handshake fails.
     * Called on the event loop right after connecting started, so before any event can reach this handler.
     */
    ChannelFuture ready(ChannelFuture connected) {
        ready = connected.channel().newPromise();
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                ready.tryFailure(f.cause());
            }
        });
        return ready;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent e) {
            ChannelPipeline p = ctx.pipeline();
            if (e.isSuccess()) {
                p.remove(this);
                if (ApplicationProtocolNames.HTTP_2.equals(p.get(SslHandler.class).applicationProtocol())) {
                    Http2Streams.configure(ctx.channel(), owner);
                } else {
                    p.addLast(new HttpClientCodec(), new ResponseHandler(owner));
                }
                ready.trySuccess();
            } else {
                // Stays in the pipeline to take the exception that follows a failed handshake.
                ready.tryFailure(e.cause());
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ready.tryFailure(new EOFException("unexpected EOF"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ready.tryFailure(cause);
        ctx.close();
    }
}
