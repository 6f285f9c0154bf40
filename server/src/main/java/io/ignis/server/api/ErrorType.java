package io.ignis.server.api;

/** Prometheus's API error types with the HTTP status each gets by default. */
public enum ErrorType {
    BAD_DATA("bad_data", 400),
    EXECUTION("execution", 422),
    /** 499 is the status Prometheus uses for a client that went away. */
    CANCELED("canceled", 499),
    TIMEOUT("timeout", 503),
    INTERNAL("internal", 500),
    /** Prometheus has no status of its own for this type and falls back to 500. */
    UNAVAILABLE("unavailable", 500),
    NOT_FOUND("not_found", 404);

    private final String wireName;
    private final int httpStatus;

    ErrorType(String wireName, int httpStatus) {
        this.wireName = wireName;
        this.httpStatus = httpStatus;
    }

    /** The {@code errorType} string in the JSON envelope. */
    public String wireName() {
        return wireName;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
