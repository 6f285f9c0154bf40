package io.ignis.server.api;

/** An API failure whose error type the thrower knows, e.g. a missing parameter ({@link ErrorType#BAD_DATA}). */
public class ApiException extends RuntimeException {
    private final ErrorType type;

    public ApiException(ErrorType type, String message) {
        super(message);
        this.type = type;
    }

    public ApiException(ErrorType type, String message, Throwable cause) {
        super(message, cause);
        this.type = type;
    }

    public ErrorType type() {
        return type;
    }
}
