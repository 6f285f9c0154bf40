package io.ignis.server.api;

import io.ignis.config.ConfigException;
import io.ignis.promql.engine.PromqlException;
import io.ignis.promql.engine.QueryCanceledException;
import io.ignis.promql.engine.QueryTimeoutException;
import io.ignis.promql.parser.ParseException;
import io.ignis.storage.StorageException;

/**
 * The one place that decides which {@code errorType} (and so which HTTP status) an exception gets, as
 * Prometheus's {@code returnAPIError}: canceled and timed-out queries by their type, storage failures internal,
 * any other failure of a running query execution.
 */
public final class ApiErrors {
    private ApiErrors() {
    }

    public static ErrorType typeOf(Throwable e) {
        if (e instanceof ApiException api) {
            return api.type();
        }
        if (e instanceof QueryCanceledException) {
            return ErrorType.CANCELED;
        }
        if (e instanceof QueryTimeoutException) {
            return ErrorType.TIMEOUT;
        }
        if (e instanceof PromqlException) {
            return ErrorType.EXECUTION;
        }
        if (e instanceof StorageException) {
            return ErrorType.INTERNAL;
        }
        if (e instanceof ConfigException || e instanceof IllegalArgumentException || e instanceof ParseException) {
            return ErrorType.BAD_DATA;
        }
        return ErrorType.INTERNAL;
    }

    /** The message shown in the envelope's {@code error} field. */
    public static String messageOf(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
