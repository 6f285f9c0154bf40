package io.ignis.promql.engine;

/** The query ran past its timeout. */
public final class QueryTimeoutException extends PromqlException {
    public QueryTimeoutException(String env) {
        super("query timed out in " + env);
    }
}
