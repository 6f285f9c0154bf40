package io.ignis.scrape.client;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;

/**
 * The last handler of a scrape connection's pipeline, or of an HTTP/2 stream's: hands every decoded response part
 * and the channel's end to the {@link Connection} that owns the channel, which knows which request (if any) they
 * belong to. Stateless, so the streams of one HTTP/2 connection share one.
 */
@Sharable
final class ResponseHandler extends SimpleChannelInboundHandler<HttpObject> {
    private final Connection owner;

    ResponseHandler(Connection owner) {
        this.owner = owner;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (msg instanceof HttpResponse r) {
            owner.onResponse(ctx.channel(), r);
        }
        if (msg instanceof HttpContent c) {
            owner.onContent(ctx.channel(), c);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof Http2ResetFrame reset && ctx.channel() instanceof Http2StreamChannel stream) {
            // Worded as Go's http2.StreamError; only a refused stream (never processed) may be sent again.
            long code = reset.errorCode();
            Http2Error e = Http2Error.valueOf(code);
            owner.onClosed(ctx.channel(), "stream error: stream ID " + stream.stream().id() + "; "
                    + (e == null ? "unknown error code 0x" + Long.toHexString(code) : e.name())
                    + "; received from peer", code == Http2Error.REFUSED_STREAM.code());
        }
        ctx.fireUserEventTriggered(evt);
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
