package io.ignis.tsdb.chunkenc;

import java.nio.ByteBuffer;

/**
 * What the integer and the float histogram chunk share: the 3-byte header (sample count, flags with the
 * counter-reset header) and the storage, either a growing bit writer or a read-only view over stored bytes.
 * The encodings of the samples after the header differ and live in the subclasses' appenders and iterators.
 */
abstract sealed class HistogramChunkBase implements Chunk permits HistogramChunk, FloatHistogramChunk {
    static final int HEADER_SIZE = 3;
    static final int FLAGS_POS = 2;

    private final BitWriter writer; // null for a read-only view
    private final ByteBuffer view;
    private final int viewOff;
    private final int viewLen;

    /** An empty chunk to append to. */
    HistogramChunkBase() {
        writer = new BitWriter(128);
        writer.writeBits(0, HEADER_SIZE * 8);
        view = null;
        viewOff = 0;
        viewLen = 0;
    }

    /** A read-only chunk over {@code len} stored bytes at {@code off}, decoded in place. */
    HistogramChunkBase(ByteBuffer buf, int off, int len, String kind) {
        if (len < HEADER_SIZE) {
            throw new IllegalArgumentException(kind + " chunk of " + len + " bytes is shorter than its header");
        }
        writer = null;
        view = buf;
        viewOff = off;
        viewLen = len;
    }

    /** Makes this (new, writable) chunk a copy of stored {@code bytes}. */
    final void copyFrom(byte[] bytes, String kind) {
        if (bytes.length < HEADER_SIZE) {
            throw new IllegalArgumentException(kind + " chunk of " + bytes.length + " bytes is shorter than its header");
        }
        writer.reset(bytes, 0, bytes.length);
    }

    @Override
    public final int numSamples() {
        return writer != null ? writer.getBE16(0) : view.getShort(viewOff) & 0xffff;
    }

    /** The counter-reset header from the flags byte. */
    public final CounterResetHeader counterResetHeader() {
        int flags = writer != null ? writer.array()[FLAGS_POS] : view.get(viewOff + FLAGS_POS);
        return CounterResetHeader.fromFlags(flags);
    }

    @Override
    public final int size() {
        return writer != null ? writer.len() : viewLen;
    }

    @Override
    public final ByteBuffer bytes() {
        if (writer != null) {
            return ByteBuffer.wrap(writer.array(), 0, writer.len()).slice().asReadOnlyBuffer();
        }
        return view.duplicate().limit(viewOff + viewLen).position(viewOff).slice().asReadOnlyBuffer();
    }

    /** The writer, checked: appenders exist only for writable chunks. */
    final BitWriter writableOrThrow(String kind) {
        if (writer == null) {
            throw new IllegalStateException("bug: appender on a read-only " + kind + " chunk");
        }
        return writer;
    }

    /** Whether nothing but the empty header was written. */
    final boolean empty() {
        return writer.len() == HEADER_SIZE && numSamples() == 0;
    }

    /** An iterator that decodes from stored bytes. */
    interface Reader {
        void reset(ByteBuffer buf, int off, int len);
    }

    /** Points {@code it} at this chunk's bytes. */
    final void resetIterator(Reader it) {
        if (writer != null) {
            it.reset(ByteBuffer.wrap(writer.array()), 0, writer.len());
        } else {
            it.reset(view, viewOff, viewLen);
        }
    }

    BitWriter writer() {
        return writer;
    }
}
