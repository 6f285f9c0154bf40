package io.ignis.promql.engine;

/** The query was canceled by its caller. */
public final class QueryCanceledException extends PromqlException {
    public QueryCanceledException(String env) {
        super("query was canceled in " + env);
    }

    private QueryCanceledException(String message, boolean raw) {
        super(message);
    }

    /**
     * Canceled while waiting in the query queue. Prometheus returns its context's bare error there
     * ({@code context canceled}), not the "canceled in" wording of the later stages.
     */
    static QueryCanceledException inQueue() {
        return new QueryCanceledException("context canceled", true);
    }
}
