package io.ignis.promql.engine;

/** The query was canceled by its caller. */
public final class QueryCanceledException extends PromqlException {
    public QueryCanceledException(String env) {
        super("query was canceled in " + env);
    }
}
