package io.ignis.server;

/** A reload that did not happen; the previous configuration stays in force. The message is Prometheus's. */
final class ReloadException extends RuntimeException {
    ReloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
