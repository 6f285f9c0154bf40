package io.ignis.tsdb.exemplar;

import io.ignis.storage.StorageException;

/**
 * The exemplar rejections not in {@link io.ignis.storage.SampleRejection}, pre-allocated and without stack traces.
 * Messages are Prometheus's ({@code storage/interface.go}).
 */
public final class ExemplarRejection {
    /** The exemplar's label names and values are longer than {@link CircularExemplarStorage#MAX_LABEL_SET_LENGTH}. */
    public static final StorageException LABEL_LENGTH = new Rejected("label length for exemplar exceeds maximum of "
            + CircularExemplarStorage.MAX_LABEL_SET_LENGTH + " UTF-8 characters");
    /** The storage holds no exemplars ({@code max_exemplars} is 0). */
    public static final StorageException DISABLED =
            new Rejected("exemplar storage is disabled or max exemplars is less than or equal to 0");

    private ExemplarRejection() {
    }

    private static final class Rejected extends StorageException {
        Rejected(String message) {
            super(message, null, false);
        }
    }
}
