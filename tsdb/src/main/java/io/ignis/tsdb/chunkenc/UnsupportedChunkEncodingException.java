package io.ignis.tsdb.chunkenc;

import io.ignis.storage.StorageException;

/** A stored chunk in an encoding that is valid in Prometheus but that Ignis does not decode yet. */
public final class UnsupportedChunkEncodingException extends StorageException {
    private final ChunkEncoding encoding;

    public UnsupportedChunkEncodingException(ChunkEncoding encoding) {
        super("unsupported chunk encoding " + encoding.promName() + " (" + encoding.code() + ")");
        this.encoding = encoding;
    }

    public ChunkEncoding encoding() {
        return encoding;
    }
}
