package io.ignis.promql.engine;

/**
 * The query's deadline passed while it waited in the query queue. Prometheus returns its context's bare error
 * there ({@code context deadline exceeded}), which its API reports as an execution error (HTTP 422), not as a
 * timeout: only the stages after the queue say "query timed out in …" ({@link QueryTimeoutException}).
 */
public final class DeadlineExceededException extends PromqlException {
    DeadlineExceededException() {
        super("context deadline exceeded");
    }
}
