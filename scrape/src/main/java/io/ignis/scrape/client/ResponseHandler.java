package io.ignis.scrape.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;

/**
 * The last handler of a scrape connection's pipeline: hands every decoded response part and the connection's end
 * to the {@link Connection} that owns the channel, which knows which request (if any) they belong to.
 */
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
    public void channelInactive(ChannelHandlerContext ctx) {
        owner.onClosed(ctx.channel(), "unexpected EOF");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String m = cause.getMessage();
        owner.onClosed(ctx.channel(), m == null ? cause.getClass().getSimpleName() : m);
        ctx.close();
    }
}
