package io.ignis.scrape.client;

import java.util.Arrays;

/**
 * A growable byte array holding one response body, owned by a scrape loop and reused across its scrapes so the
 * steady state allocates nothing. Written by the event loop during a request, read by the loop afterwards.
 */
public final class ResponseBuffer {
    private byte[] bytes;
    private int length;

    public ResponseBuffer(int initialCapacity) {
        this.bytes = new byte[Math.max(16, initialCapacity)];
    }

    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    /** Grows once to the announced length, instead of doubling (and copying) on the event loop. */
    void reserve(long contentLength) {
        if (contentLength > bytes.length && contentLength <= Integer.MAX_VALUE - 8) {
            bytes = new byte[(int) contentLength];
        }
    }

    /** Makes room for at least {@code n} more bytes; returns the room after {@link #length()}. */
    int ensureWritable(int n) {
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
        }
        return bytes.length - length;
    }

    /** Counts {@code n} bytes written after {@link #length()} into {@link #bytes()}. */
    void advance(int n) {
        length += n;
    }

    void append(io.netty.buffer.ByteBuf src, int n) {
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
        }
        src.readBytes(bytes, length, n);
        length += n;
    }
}
