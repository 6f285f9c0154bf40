package io.ignis.promql.engine;

/** A query that failed during evaluation; the message is Prometheus's text. The API maps it to "execution". */
public class PromqlException extends RuntimeException {
    public PromqlException(String message) {
        super(message);
    }

    public PromqlException(String message, Throwable cause) {
        super(message, cause);
    }
}
