package io.ignis.scrape.client;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses a gzip response body straight into the scrape's {@link ResponseBuffer} as its chunks arrive, so a
 * compressed scrape costs one inflate and no intermediate buffers. Reads the gzip header (RFC 1952: optional extra
 * field, name, comment and header CRC) across chunk boundaries, checks each member's CRC-32 and length as Go's
 * gzip reader does, and accepts concatenated members. One instance per connection, {@link #reset} per response;
 * confined to the connection's event loop.
 */
final class Gunzip {
    /** The body grew to the limit: the caller fails the scrape with Prometheus's wording. */
    static final class LimitExceeded extends Exception {
        LimitExceeded() {
            super("body size limit exceeded", null, false, false);
        }
    }

    /** Corrupt or truncated gzip data, worded as Go's compress/gzip. */
    static final class Corrupt extends Exception {
        Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    /**
     * Room asked of the body buffer before each inflate call: one byte, so a body that fits the buffer is inflated
     * into it to the last byte. Asking for 8 KiB doubled the 64 KiB buffer of every loop scraping a 64 KB
     * node-exporter body (12.8 MB instead of 6.4 MB for 100 targets, #5 memory profile).
     */
    private static final int MIN_WRITE = 1;

    private enum State { HEADER, EXTRA_LENGTH, EXTRA, NAME, COMMENT, HEADER_CRC, BODY, TRAILER }

    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private State state = State.HEADER;
    /** Bytes of the current fixed-size part read so far (header, extra length, header CRC, trailer). */
    private int partRead;
    private int flags;
    private int extraLeft;
    private long trailer;
    private long memberLength;
    private long totalIn;

    /** Starts a new response. */
    void reset() {
        inflater.reset();
        crc.reset();
        state = State.HEADER;
        partRead = 0;
        flags = 0;
        trailer = 0;
        memberLength = 0;
        totalIn = 0;
    }

    /** Inflates the readable bytes of {@code in} into {@code out}, failing once {@code out} reaches {@code limit}. */
    void feed(ByteBuf in, ResponseBuffer out, long limit) throws LimitExceeded, Corrupt {
        int n = in.readableBytes();
        totalIn += n;
        ByteBuffer src = in.nioBufferCount() == 1 ? in.nioBuffer() : ByteBuffer.wrap(copy(in));
        while (src.hasRemaining()) {
            if (state == State.BODY) {
                inflate(src, out, limit);
            } else {
                header(src.get() & 0xff);
            }
        }
    }

    /** Checks that the body ended on a complete member. */
    void finish() throws Corrupt {
        if (totalIn == 0) {
            throw new Corrupt("EOF");
        }
        if (state != State.HEADER || partRead != 0) {
            throw new Corrupt("unexpected EOF");
        }
    }

    private void inflate(ByteBuffer src, ResponseBuffer out, long limit) throws LimitExceeded, Corrupt {
        inflater.setInput(src);
        while (!inflater.finished()) {
            int room = out.ensureWritable(MIN_WRITE);
            if (limit > 0) {
                room = (int) Math.min(room, limit - out.length());
            }
            int got;
            try {
                got = inflater.inflate(out.bytes(), out.length(), room);
            } catch (DataFormatException e) {
                throw new Corrupt("flate: corrupt input: " + e.getMessage());
            }
            crc.update(out.bytes(), out.length(), got);
            out.advance(got);
            memberLength += got;
            if (limit > 0 && out.length() >= limit) {
                throw new LimitExceeded();
            }
            if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                if (inflater.needsDictionary()) {
                    throw new Corrupt("flate: corrupt input: preset dictionary");
                }
                return;
            }
        }
        state = State.TRAILER;
        partRead = 0;
        trailer = 0;
    }

    private void header(int b) throws Corrupt {
        switch (state) {
            case HEADER -> {
                if ((partRead == 0 && b != 0x1f) || (partRead == 1 && b != 0x8b) || (partRead == 2 && b != 8)) {
                    throw new Corrupt("gzip: invalid header");
                }
                if (partRead == 3) {
                    flags = b;
                }
                if (++partRead == 10) {
                    partRead = 0;
                    next(State.EXTRA_LENGTH);
                }
            }
            case EXTRA_LENGTH -> {
                extraLeft |= b << (8 * partRead);
                if (++partRead == 2) {
                    partRead = 0;
                    state = extraLeft > 0 ? State.EXTRA : State.NAME;
                    if (state == State.NAME) {
                        next(State.NAME);
                    }
                }
            }
            case EXTRA -> {
                if (--extraLeft == 0) {
                    next(State.NAME);
                }
            }
            case NAME -> {
                if (b == 0) {
                    next(State.COMMENT);
                }
            }
            case COMMENT -> {
                if (b == 0) {
                    next(State.HEADER_CRC);
                }
            }
            case HEADER_CRC -> {
                if (++partRead == 2) {
                    partRead = 0;
                    next(State.BODY);
                }
            }
            case TRAILER -> {
                trailer |= (long) b << (8 * partRead);
                if (++partRead == 8) {
                    long wantCrc = trailer & 0xffffffffL;
                    long wantSize = trailer >>> 32;
                    if (wantCrc != crc.getValue() || wantSize != (memberLength & 0xffffffffL)) {
                        throw new Corrupt("gzip: invalid checksum");
                    }
                    // Another member may follow, as Go's multistream reader accepts.
                    inflater.reset();
                    crc.reset();
                    memberLength = 0;
                    partRead = 0;
                    flags = 0;
                    state = State.HEADER;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    /** Moves to {@code s}, skipping the optional header parts the flags leave out. */
    private void next(State s) {
        State at = s;
        if (at == State.EXTRA_LENGTH && (flags & FEXTRA) == 0) {
            at = State.NAME;
        }
        if (at == State.EXTRA_LENGTH) {
            extraLeft = 0;
        }
        if (at == State.NAME && (flags & FNAME) == 0) {
            at = State.COMMENT;
        }
        if (at == State.COMMENT && (flags & FCOMMENT) == 0) {
            at = State.HEADER_CRC;
        }
        if (at == State.HEADER_CRC && (flags & FHCRC) == 0) {
            at = State.BODY;
        }
        state = at;
    }

    private static byte[] copy(ByteBuf in) {
        byte[] b = new byte[in.readableBytes()];
        in.getBytes(in.readerIndex(), b);
        return b;
    }
}
