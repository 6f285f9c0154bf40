package io.ignis.storage;

/** An unchecked storage failure; the message names the operation and its identifiers, outermost first. */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** For pre-allocated instances: no stack trace, no suppression. */
    protected StorageException(String message, Throwable cause, boolean writableStackTrace) {
        super(message, cause, false, writableStackTrace);
    }
}
