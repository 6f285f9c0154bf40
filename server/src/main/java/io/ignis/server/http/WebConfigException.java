package io.ignis.server.http;

/** A web configuration file that cannot be used; the message names the file and the field. */
public final class WebConfigException extends RuntimeException {
    public WebConfigException(String message) {
        super(message);
    }

    public WebConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
