package io.ignis.tsdb.encoding;

import io.ignis.storage.StorageException;

/**
 * Bytes that do not decode: too short, or a varint that overflows. Carries the offset within the decoded
 * buffer; callers that know the file wrap it with the file name.
 */
public final class DecodeException extends StorageException {
    private final long offset;

    public DecodeException(String message, long offset) {
        super(message + " at offset " + offset);
        this.offset = offset;
    }

    /** The offset, relative to the start of the buffer being decoded, where decoding failed. */
    public long offset() {
        return offset;
    }
}
