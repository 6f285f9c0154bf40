package io.ignis.storage;

/**
 * The expected per-sample rejections, as immutable pre-allocated exceptions without stack traces, so a
 * rejected sample costs no allocation. Messages are Prometheus's (storage/interface.go).
 */
public final class SampleRejection {
    public static final StorageException OUT_OF_ORDER = new Rejected("out of order sample");
    public static final StorageException OUT_OF_BOUNDS = new Rejected("out of bounds");
    public static final StorageException TOO_OLD = new Rejected("too old sample");
    public static final StorageException DUPLICATE = new Rejected("duplicate sample for timestamp");
    public static final StorageException OUT_OF_ORDER_EXEMPLAR = new Rejected("out of order exemplar");
    public static final StorageException DUPLICATE_EXEMPLAR = new Rejected("duplicate exemplar");

    private SampleRejection() {
    }

    private static final class Rejected extends StorageException {
        Rejected(String message) {
            super(message, null, false);
        }
    }
}
