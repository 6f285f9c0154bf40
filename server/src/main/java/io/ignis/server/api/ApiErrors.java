package io.ignis.server.api;

import io.ignis.config.ConfigException;

/**
 * The one place that decides which {@code errorType} (and so which HTTP status) an exception gets. Add the
 * typed exceptions of other modules here as their endpoints arrive (query timeouts, cancellations, too many
 * samples, storage errors).
 */
public final class ApiErrors {
    private ApiErrors() {
    }

    public static ErrorType typeOf(Throwable e) {
        if (e instanceof ApiException api) {
            return api.type();
        }
        if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
            return ErrorType.BAD_DATA;
        }
        return ErrorType.INTERNAL;
    }

    /** The message shown in the envelope's {@code error} field. */
    public static String messageOf(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
