package io.ignis.scrape.textparse;

/**
 * The only exception a {@link Parser} throws: the exposition is malformed. The message is Prometheus's text
 * for the same input, prefixed with where it happened: {@code line 12: expected label value, got …} for the
 * text formats, {@code offset 345: …} (the byte offset of the metric family) for protobuf; Content-Type
 * errors have no prefix.
 */
public final class ExpositionException extends RuntimeException {
    private final int line;
    private final String reason;

    /** An error that has no position in the body, such as an unusable Content-Type. */
    ExpositionException(String reason) {
        super(reason, null, false, false);
        this.line = 0;
        this.reason = reason;
    }

    ExpositionException(int line, int offset, String reason) {
        super((line > 0 ? "line " + line : "offset " + offset) + ": " + reason, null, false, false);
        this.line = line;
        this.reason = reason;
    }

    /** The 1-based line of the offending entry, or 0 for a binary format. */
    public int line() {
        return line;
    }

    /** Prometheus's error text, without the position prefix. */
    public String reason() {
        return reason;
    }
}
