package io.ignis.config;

/** A configuration that cannot be used; the message starts with {@code file:line:column:} where known. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
