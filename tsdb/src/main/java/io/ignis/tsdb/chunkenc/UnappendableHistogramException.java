package io.ignis.tsdb.chunkenc;

import io.ignis.storage.StorageException;

/**
 * An append-only histogram append (out-of-order chunks) that would need a new or recoded chunk; the message
 * is Prometheus's, e.g. {@code histogram counter reset}.
 */
public final class UnappendableHistogramException extends StorageException {
    public UnappendableHistogramException(String message) {
        super(message);
    }
}
