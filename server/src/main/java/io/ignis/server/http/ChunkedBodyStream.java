package io.ignis.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The output a {@link BodyWriter} writes to. Bytes collect in one buffer; a body that fits in it goes out as one
 * response with a Content-Length (as before streaming existed, and as Go's server answers small bodies), a larger
 * one as the response head with {@code Transfer-Encoding: chunked} followed by one chunk per full buffer.
 * Memory stays bounded: when the channel's outbound buffer is above its high-water mark, the writing (handler)
 * thread waits until the chunk just written has reached the socket. Used by one thread; not thread-safe.
 */
final class ChunkedBodyStream extends OutputStream {
    /** 32 KiB: a few Jackson buffers per chunk, well under the channel's default 64 KiB high-water mark. */
    static final int CHUNK_BYTES = 32 * 1024;

    private final Channel channel;
    private final HttpResponse head;
    private ByteBuf buf;
    private boolean headSent;
    private ChannelFuture last;
    private long bytes;

    /** {@code head} carries status and headers, no Content-Length; it is sent with the first chunk. */
    ChunkedBodyStream(Channel channel, HttpResponse head) {
        this.channel = channel;
        this.head = head;
        this.buf = channel.alloc().buffer(CHUNK_BYTES);
    }

    @Override
    public void write(int b) throws IOException {
        if (!buf.isWritable()) {
            flushChunk();
        }
        buf.writeByte(b);
        bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (!buf.isWritable()) {
                flushChunk();
            }
            int n = Math.min(len, buf.writableBytes());
            buf.writeBytes(b, off, n);
            off += n;
            len -= n;
            bytes += n;
        }
    }

    /** Does nothing: chunks go out when full, so a writer's many small flushes do not make tiny chunks. */
    @Override
    public void flush() {
    }

    /** Does nothing; {@link #finish()} ends the body. Writers may close the stream they were given. */
    @Override
    public void close() {
    }

    /** Body bytes written so far. */
    long bytes() {
        return bytes;
    }

    /** Whether the response head went out, after which the status can no longer change. */
    boolean headSent() {
        return headSent;
    }

    /** Sends what is left: the whole response if it fit in one buffer, else the last chunk. */
    ChannelFuture finish() {
        ByteBuf rest = buf;
        buf = null;
        if (!headSent) {
            FullHttpResponse full = new DefaultFullHttpResponse(head.protocolVersion(), head.status(), rest);
            full.headers().set(head.headers());
            HttpUtil.setContentLength(full, rest.readableBytes());
            return channel.writeAndFlush(full);
        }
        return channel.writeAndFlush(rest.isReadable() ? new DefaultLastHttpContent(rest) : lastEmpty(rest));
    }

    /** Drops the unsent bytes; the caller answers with an error or closes the connection. */
    void discard() {
        if (buf != null) {
            buf.release();
            buf = null;
        }
    }

    private static DefaultLastHttpContent lastEmpty(ByteBuf rest) {
        rest.release();
        return new DefaultLastHttpContent();
    }

    private void flushChunk() throws IOException {
        checkOpen();
        if (!headSent) {
            HttpUtil.setTransferEncodingChunked(head, true);
            channel.write(head);
            headSent = true;
        }
        last = channel.writeAndFlush(new DefaultHttpContent(buf));
        buf = channel.alloc().buffer(CHUNK_BYTES);
        if (!channel.isWritable()) {
            // The promise belongs to the channel's event loop, so waiting here on the handler thread is safe.
            last.awaitUninterruptibly();
        }
        checkOpen();
    }

    private void checkOpen() throws IOException {
        if (last != null && last.isDone() && !last.isSuccess()) {
            throw new IOException("write response: " + last.cause(), last.cause());
        }
        if (!channel.isActive()) {
            throw new IOException("write response: client disconnected");
        }
    }
}
