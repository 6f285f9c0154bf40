package io.ignis.server.http;

/**
 * Tells a handler that the client went away (its connection closed) while the request was being answered, as a
 * Go handler learns from its request's context. Long work such as a query registers an action that stops it, so
 * it frees its resources instead of computing an answer nobody reads. Thread-safe.
 */
public interface Cancellation {
    /** For requests without a connection (handlers called directly): never canceled. */
    Cancellation NONE = new Cancellation() {
        @Override
        public boolean isCanceled() {
            return false;
        }

        @Override
        public Registration onCancel(Runnable action) {
            return () -> { };
        }
    };

    /** Whether the client is already gone. */
    boolean isCanceled();

    /**
     * Runs {@code action} once when the client goes away, on whichever thread notices it, or right away on the
     * caller's thread if it is already gone. Close the registration once the work is done, so a later close of a
     * kept-alive connection does not run it.
     */
    Registration onCancel(Runnable action);

    /** Ends interest in the cancellation; closing twice does nothing. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
