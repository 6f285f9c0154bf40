package io.ignis.scrape.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.function.Consumer;

/** Reads one response into the caller's buffer, enforcing the body size limit as the bytes arrive. */
final class ResponseHandler extends SimpleChannelInboundHandler<HttpObject> {
    private final Exchange exchange;
    private final ResponseBuffer body;
    private final long limit;
    private final boolean followRedirects;
    private final Consumer<String> redirect;
    private int status;
    private String contentType = "";
    private String location;
    private boolean redirected;

    ResponseHandler(Exchange exchange, ResponseBuffer body, long limit, boolean followRedirects,
            Consumer<String> redirect) {
        this.exchange = exchange;
        this.body = body;
        this.limit = limit;
        this.followRedirects = followRedirects;
        this.redirect = redirect;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (exchange.isFinished()) {
            return;
        }
        if (msg instanceof HttpResponse r) {
            status = r.status().code();
            String ct = r.headers().get(HttpHeaderNames.CONTENT_TYPE);
            contentType = ct == null ? "" : ct;
            body.clear();
            if (followRedirects && isRedirect(status)) {
                location = r.headers().get(HttpHeaderNames.LOCATION);
            }
            long length = io.netty.handler.codec.http.HttpUtil.getContentLength(r, -1L);
            if (location == null && status == 200 && length > 0 && (limit <= 0 || length < limit)
                    && !r.headers().contains(HttpHeaderNames.CONTENT_ENCODING)) {
                body.reserve(length);
            }
            if (location == null && status != 200) {
                exchange.failResponse(status, "server returned HTTP status " + r.status().code() + " "
                        + r.status().reasonPhrase(), false);
                return;
            }
        }
        if (msg instanceof HttpContent c) {
            if (location == null) {
                int n = c.content().readableBytes();
                if (limit > 0 && body.length() + (long) n >= limit) {
                    exchange.failResponse(status, "body size limit exceeded", true);
                    return;
                }
                body.append(c.content(), n);
            }
            if (msg instanceof LastHttpContent) {
                if (location != null) {
                    String to = location;
                    location = null;
                    redirected = true;
                    ctx.close();
                    redirect.accept(to);
                } else {
                    exchange.succeed(status, contentType);
                }
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!exchange.isFinished() && !redirected) {
            exchange.fail("unexpected EOF");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String m = cause.getMessage();
        exchange.fail(m == null ? cause.getClass().getSimpleName() : m);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }
}
