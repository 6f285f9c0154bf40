package io.ignis.server.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns an aggregated Netty request into a {@link Request}, runs the router and writes the {@link Response}. */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

    private final Router router;
    private final InFlight inFlight;
    private final WebSecurity security;

    RequestHandler(Router router, InFlight inFlight) {
        this(router, inFlight, WebSecurity.NONE);
    }

    RequestHandler(Router router, InFlight inFlight, WebSecurity security) {
        this.router = router;
        this.inFlight = inFlight;
        this.security = security;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        inFlight.begin();
        try {
            if (!msg.decoderResult().isSuccess()) {
                write(ctx, msg, Response.text(400, "400 Bad Request\n"), false);
                return;
            }
            if (!security.authorized(msg.headers().get(HttpHeaderNames.AUTHORIZATION))) {
                // As the exporter-toolkit answers a missing or wrong password.
                write(ctx, msg, Response.text(401, "Unauthorized\n").withHeader("WWW-Authenticate", "Basic"),
                        false);
                return;
            }
            Request request = toRequest(msg, new ChannelCancellation(ctx.channel()));
            Response response = router.dispatch(request);
            if (response.isStreamed()) {
                writeStreamed(ctx, msg, response, request.method().equals("HEAD"));
            } else {
                write(ctx, msg, response, request.method().equals("HEAD"));
            }
        } catch (RuntimeException e) {
            inFlight.end();
            throw e;
        }
    }

    private static Request toRequest(FullHttpRequest msg, Cancellation cancellation) {
        QueryStringDecoder uri = new QueryStringDecoder(msg.uri());
        Map<String, List<String>> params = new HashMap<>(uri.parameters());
        byte[] body = ByteBufUtil.getBytes(msg.content());
        String contentType = msg.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            // The API takes parameters from the query string and a form body alike, as Go's ParseForm does.
            QueryStringDecoder form = new QueryStringDecoder(new String(body, StandardCharsets.UTF_8), false);
            form.parameters().forEach((k, v) -> params.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
        Map<String, String> headers = new HashMap<>();
        msg.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        return new Request(msg.method().name(), uri.path(), params, Map.of(), headers, body, cancellation);
    }

    /** Writes the response; the request stops being in flight once it is flushed (or failed). */
    private void write(ChannelHandlerContext ctx, FullHttpRequest msg, Response r, boolean headOnly) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(r.status()),
                headOnly ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
        setHeaders(out, r);
        HttpUtil.setContentLength(out, headOnly ? 0 : r.body().length);
        boolean keepAlive = keepAlive(msg, out);
        ended(ctx.writeAndFlush(out), keepAlive);
    }

    /**
     * Runs the response's body writer on this (handler) thread into a {@link ChunkedBodyStream}. A writer that
     * fails before anything was sent still gets a 500; once the head is out, the connection is closed instead,
     * so the client sees a truncated body rather than a complete wrong one.
     */
    private void writeStreamed(ChannelHandlerContext ctx, FullHttpRequest msg, Response r, boolean headOnly) {
        if (headOnly) {
            CountingSink sink = new CountingSink();
            try {
                r.stream().writeTo(sink);
            } catch (IOException | RuntimeException e) {
                write(ctx, msg, failed(ctx, e), true);
                return;
            }
            FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(r.status()), Unpooled.EMPTY_BUFFER);
            setHeaders(out, r);
            HttpUtil.setContentLength(out, sink.bytes);
            ended(ctx.writeAndFlush(out), keepAlive(msg, out));
            return;
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()));
        setHeaders(head, r);
        boolean keepAlive = keepAlive(msg, head);
        ChunkedBodyStream body = new ChunkedBodyStream(ctx.channel(), head);
        try {
            r.stream().writeTo(body);
        } catch (IOException | RuntimeException e) {
            body.discard();
            if (!body.headSent() && ctx.channel().isActive()) {
                write(ctx, msg, failed(ctx, e), false);
            } else {
                ctx.channel().close().addListener(f -> inFlight.end());
            }
            return;
        }
        ended(body.finish(), keepAlive);
    }

    private Response failed(ChannelHandlerContext ctx, Exception e) {
        if (ctx.channel().isActive()) {
            LOG.atError().setMessage("http response failed").addKeyValue("err", String.valueOf(e)).log();
        }
        return Response.text(500, "internal error: " + e.getMessage() + "\n");
    }

    private void setHeaders(HttpResponse out, Response r) {
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        security.headers().forEach((k, v) -> out.headers().set(k, v));
        r.headers().forEach((k, v) -> out.headers().set(k, v));
    }

    private static boolean keepAlive(FullHttpRequest msg, HttpResponse out) {
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        if (keepAlive) {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return keepAlive;
    }

    /** The request stops being in flight once its last write is flushed (or failed). */
    private void ended(ChannelFuture written, boolean keepAlive) {
        written.addListener(f -> inFlight.end());
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Counts the body a HEAD request would have had, for its Content-Length. */
    private static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
            HttpUtil.setContentLength(out, 0);
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (!(cause instanceof ReadTimeoutException)) {
            LOG.atDebug().setMessage("http connection error")
                    .addKeyValue("err", String.valueOf(cause)).log();
        }
        ctx.close();
    }
}
